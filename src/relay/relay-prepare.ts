import { openSink } from '../store/file-sink';
import { deleteReceivedFile, receivedFileContent } from '../store/received-files';
import { newTransferId } from '../files/transfer-id';
import { createSHA256 } from 'hash-wasm';
import { OpensslEncryptor } from './openssl-cbc';
import { tarBlob, type TarInput } from './tar';

const SLICE = 1024 * 1024;

/**
 * Encrypts `source` for `openssl aes-256-cbc -d -pbkdf2` into disk-backed storage, so the
 * upload is a File (Chromium cannot stream a request body) and memory stays flat. With
 * `sha256`, gives the SHA-256 of the plain bytes too, taken on the same read (else '').
 */
export async function encryptToStorage(
  source: Blob,
  passphrase: string,
  onProgress: (done: number, total: number) => void,
  { sha256 = false } = {},
): Promise<{ file: File; sha256: string; discard: () => Promise<void> }> {
  const id = `tmp-${newTransferId()}`;
  const sink = await openSink(id);
  const hash = sha256 ? await createSHA256() : null;
  try {
    const enc = await OpensslEncryptor.create(passphrase);
    sink.write(enc.header);
    for (let offset = 0; offset < source.size; offset += SLICE) {
      const chunk = new Uint8Array(await source.slice(offset, offset + SLICE).arrayBuffer());
      hash?.update(chunk);
      sink.write(await enc.update(chunk));
      await sink.ready();
      onProgress(Math.min(source.size, offset + SLICE), source.size);
    }
    sink.write(await enc.final());
    await sink.close();
  } catch (error) {
    await sink.remove();
    throw error;
  }
  return {
    file: await receivedFileContent(id),
    sha256: hash?.digest('hex') ?? '',
    discard: () => deleteReceivedFile(id),
  };
}

/** The files of a picked folder (webkitRelativePath) as tar entries, folders included. */
export function folderEntries(files: File[]): TarInput[] {
  const dirs = new Set<string>();
  const entries: TarInput[] = [];
  for (const f of files) {
    const path = f.webkitRelativePath || f.name;
    const parts = path.split('/');
    for (let i = 1; i < parts.length; i++) dirs.add(parts.slice(0, i).join('/'));
    entries.push({ path, file: f, mtime: Math.floor(f.lastModified / 1000) });
  }
  const now = Math.floor(Date.now() / 1000);
  const dirEntries = [...dirs].sort().map((path) => ({ path, mtime: now }));
  return [...dirEntries, ...entries.sort((a, b) => a.path.localeCompare(b.path))];
}

export function folderTar(files: File[]): { blob: Blob; name: string } {
  const root = (files[0]?.webkitRelativePath || 'folder').split('/')[0];
  return { blob: tarBlob(folderEntries(files)), name: `${root}.tar` };
}
