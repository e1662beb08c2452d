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

function openssl(dir: string, args: string[]): void {
  execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
}

export function makeTestCa(): TestCa {
  const dir = tempDir('ca');
  const days = ['-days', '2'];
  openssl(dir, [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    'ca.key',
    '-out',
    'ca.pem',
    ...days,
    '-subj',
    '/CN=dckit test CA',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  ]);
  writeFileSync(
    join(dir, 'server.ext'),
    `${names}\nbasicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n`,
  );
  openssl(dir, [
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    'server.key',
    '-out',
    'server.csr',
    '-subj',
    '/CN=dckit test server',
  ]);
  openssl(dir, [
    'x509',
    '-req',
    '-in',
    'server.csr',
    '-CA',
    'ca.pem',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-out',
    'server.pem',
    ...days,
    '-extfile',
    'server.ext',
  ]);
  openssl(dir, [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    'self.key',
    '-out',
    'self.pem',
    ...days,
    '-subj',
    '/CN=dckit self-signed',
    '-addext',
    names,
  ]);
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
