// A small tar (POSIX ustar, with pax records for long or non-ASCII names) writer and reader.
// The writer builds a Blob of headers and the original File parts, so nothing is copied into
// memory; GNU tar unpacks it with names, sizes and modification times intact.

const BLOCK = 512;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

export interface TarInput {
  /** Path inside the archive, '/'-separated, e.g. "photos/été/a.jpg". */
  path: string;
  /** Absent for a directory. */
  file?: Blob;
  /** Seconds since the epoch. */
  mtime: number;
}

function octal(value: number, width: number): string {
  // width-1 octal digits then NUL, as GNU tar writes them.
  return value.toString(8).padStart(width - 1, '0') + '\0';
}

function put(block: Uint8Array, offset: number, width: number, text: string): void {
  block.set(encoder.encode(text).subarray(0, width), offset);
}

/** One 512-byte ustar header. */
export function ustarHeader(fields: {
  name: string;
  size: number;
  mtime: number;
  type: '0' | '5' | 'x';
  mode: number;
}): Uint8Array<ArrayBuffer> {
  const h = new Uint8Array(BLOCK);
  put(h, 0, 100, fields.name);
  put(h, 100, 8, octal(fields.mode, 8));
  put(h, 108, 8, octal(0, 8));
  put(h, 116, 8, octal(0, 8));
  put(h, 124, 12, octal(fields.size, 12));
  put(h, 136, 12, octal(Math.floor(fields.mtime), 12));
  put(h, 148, 8, '        '); // checksum counts as spaces while summing
  put(h, 156, 1, fields.type);
  put(h, 257, 6, 'ustar\0');
  put(h, 263, 2, '00');
  put(h, 329, 8, octal(0, 8)); // devmajor
  put(h, 337, 8, octal(0, 8)); // devminor
  let sum = 0;
  for (const b of h) sum += b;
  put(h, 148, 8, sum.toString(8).padStart(6, '0') + '\0 ');
  return h;
}

/** A pax record "<len> key=value\n", where len counts the whole record. */
function paxRecord(key: string, value: string): string {
  const body = ` ${key}=${value}\n`;
  let len = encoder.encode(body).byteLength;
  len += String(len).length;
  if (String(len).length !== String(len - String(len).length).length) len++;
  return `${len}${body}`;
}

const padding = (size: number) => new Uint8Array((BLOCK - (size % BLOCK)) % BLOCK);
const bytes = (text: string) => new Uint8Array(encoder.encode(text));

/** True when a name fits the 100-byte ustar field as plain ASCII. */
function plainName(name: string): boolean {
  return /^[\x20-\x7e]*$/.test(name) && name.length <= 100;
}

/** The archive as a Blob: headers, the files themselves (not copied), padding, two zero blocks. */
export function tarBlob(entries: TarInput[]): Blob {
  const parts: BlobPart[] = [];
  for (const e of entries) {
    const dir = !e.file;
    const name = dir && !e.path.endsWith('/') ? `${e.path}/` : e.path;
    const size = e.file?.size ?? 0;
    if (!plainName(name)) {
      const pax = bytes(paxRecord('path', name));
      parts.push(
        ustarHeader({
          name: `PaxHeaders/${asciiTail(name)}`,
          size: pax.byteLength,
          mtime: e.mtime,
          type: 'x',
          mode: 0o644,
        }),
      );
      parts.push(pax, padding(pax.byteLength));
    }
    parts.push(
      ustarHeader({
        name: asciiTail(name),
        size,
        mtime: e.mtime,
        type: dir ? '5' : '0',
        mode: dir ? 0o755 : 0o644,
      }),
    );
    if (e.file) parts.push(e.file, padding(size));
  }
  parts.push(new Uint8Array(BLOCK * 2));
  return new Blob(parts, { type: 'application/x-tar' });
}

/** A printable ASCII stand-in for the ustar name field (the pax record holds the real name). */
function asciiTail(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_');
  return ascii.length <= 100 ? ascii : ascii.slice(-100);
}

export interface TarEntry {
  name: string;
  size: number;
  type: 'file' | 'directory' | 'other';
  mtime: number;
  /** Where the content starts in the archive. */
  offset: number;
}

/** Whether a block looks like a ustar header. */
export function looksLikeTar(firstBlock: Uint8Array): boolean {
  return (
    firstBlock.byteLength >= BLOCK && decoder.decode(firstBlock.subarray(257, 262)) === 'ustar'
  );
}

function field(h: Uint8Array, offset: number, width: number): string {
  const raw = h.subarray(offset, offset + width);
  const end = raw.indexOf(0);
  return decoder.decode(end === -1 ? raw : raw.subarray(0, end));
}

/** Lists the entries of a tar archive, reading only its headers. */
export async function listTar(archive: Blob): Promise<TarEntry[]> {
  const out: TarEntry[] = [];
  let offset = 0;
  let paxName: string | null = null;
  let longName: string | null = null;
  while (offset + BLOCK <= archive.size) {
    const h = new Uint8Array(await archive.slice(offset, offset + BLOCK).arrayBuffer());
    if (h.every((b) => b === 0)) break;
    const size = parseInt(field(h, 124, 12).trim() || '0', 8);
    const type = String.fromCharCode(h[156] || 48);
    const prefix = field(h, 345, 155);
    const data = offset + BLOCK;
    const next = data + Math.ceil(size / BLOCK) * BLOCK;
    if (type === 'x' || type === 'L') {
      const text = decoder.decode(
        new Uint8Array(await archive.slice(data, data + size).arrayBuffer()),
      );
      if (type === 'L') longName = text.replace(/\0+$/, '');
      else paxName = /\d+ path=([^\n]*)\n/.exec(text)?.[1] ?? null;
      offset = next;
      continue;
    }
    const name = paxName ?? longName ?? (prefix ? `${prefix}/` : '') + field(h, 0, 100);
    paxName = longName = null;
    out.push({
      name,
      size,
      type: type === '0' || type === '\0' ? 'file' : type === '5' ? 'directory' : 'other',
      mtime: parseInt(field(h, 136, 12).trim() || '0', 8),
      offset: data,
    });
    offset = next;
  }
  return out;
}
