import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from './temp';

/**
 * A certificate authority of the test's own, made with openssl: a server certificate it signed
 * for localhost and 127.0.0.1, one for the same names that nobody signed (self-signed), and
 * what a browser needs to trust the authority (and only it): an NSS database in a home folder
 * for Chromium, the authority's file for Firefox's launcher to add to its profile.
 */
export interface TestCa {
  /** The authority's certificate (PEM). */
  ca: string;
  /** Signed by the authority, for DNS:localhost and IP:127.0.0.1. */
  trusted: { cert: string; key: string };
  /** The same names, signed by itself: no browser trusts it. */
  selfSigned: { cert: string; key: string };
  /** A HOME whose .pki/nssdb trusts the authority (Chromium on Linux reads it). */
  home: string;
}

const names = 'subjectAltName=DNS:localhost,IP:127.0.0.1';

/** Runs openssl in `dir`: `words` split at spaces, then `more` as they are (subjects have spaces). */
function openssl(dir: string, words: string, ...more: string[]): void {
  execFileSync('openssl', [...words.split(' '), ...more], { cwd: dir, stdio: 'pipe' });
}

/** A key and a certificate signed by that key (`name`.key, `name`.pem), valid two days. */
function selfSignedPair(dir: string, name: string, subject: string, ...extensions: string[]) {
  const adds = extensions.flatMap((e) => ['-addext', e]);
  openssl(
    dir,
    `req -x509 -newkey rsa:2048 -nodes -days 2 -keyout ${name}.key -out ${name}.pem`,
    '-subj',
    subject,
    ...adds,
  );
}

export function makeTestCa(): TestCa {
  const dir = tempDir('ca');
  selfSignedPair(
    dir,
    'ca',
    '/CN=dckit test CA',
    'basicConstraints=critical,CA:TRUE',
    'keyUsage=critical,keyCertSign,cRLSign',
  );
  writeFileSync(
    join(dir, 'server.ext'),
    `${names}\nbasicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n`,
  );
  openssl(
    dir,
    'req -newkey rsa:2048 -nodes -keyout server.key -out server.csr',
    '-subj',
    '/CN=dckit test server',
  );
  openssl(
    dir,
    'x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 2 -out server.pem -extfile server.ext',
  );
  selfSignedPair(dir, 'self', '/CN=dckit self-signed', names);
  const home = join(dir, 'home');
  const db = `sql:${join(home, '.pki', 'nssdb')}`;
  mkdirSync(join(home, '.pki', 'nssdb'), { recursive: true });
  execFileSync('certutil', ['-N', '-d', db, '--empty-password'], { stdio: 'pipe' });
  execFileSync(
    'certutil',
    ['-A', '-d', db, '-t', 'C,,', '-n', 'dckit-test-ca', '-i', join(dir, 'ca.pem')],
    {
      stdio: 'pipe',
    },
  );
  return {
    ca: join(dir, 'ca.pem'),
    trusted: { cert: join(dir, 'server.pem'), key: join(dir, 'server.key') },
    selfSigned: { cert: join(dir, 'self.pem'), key: join(dir, 'self.key') },
    home,
  };
}
