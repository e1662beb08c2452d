// What the share sheet sent, kept until the tool it is meant for opens: the service worker
// writes it (it receives the share_target POST), the page takes it. Files go to the File tool,
// text to the Text tool.
import { read, remove, serially, write } from './db';

const FILES_KEY = 'shared-files';
const TEXT_KEY = 'shared-text';

/** Adds to what waits (a second share before the tool opens adds to the first). */
export function putShared(files: readonly File[], text: string): Promise<void> {
  return serially(async () => {
    if (files.length > 0) {
      const waiting = (await read<File[]>(FILES_KEY)) ?? [];
      await write(FILES_KEY, [...waiting, ...files]);
    }
    if (text) {
      const waiting = (await read<string>(TEXT_KEY)) ?? '';
      await write(TEXT_KEY, waiting ? `${waiting}\n${text}` : text);
    }
  });
}

/** The shared files, removed from the inbox. */
export function takeSharedFiles(): Promise<File[]> {
  return serially(async () => {
    const files = (await read<File[]>(FILES_KEY)) ?? [];
    if (files.length > 0) await remove(FILES_KEY);
    return files;
  });
}

/** The shared text ('' when none waits), removed from the inbox. */
export function takeSharedText(): Promise<string> {
  return serially(async () => {
    const text = (await read<string>(TEXT_KEY)) ?? '';
    if (text) await remove(TEXT_KEY);
    return text;
  });
}

/** Whether text waits for the Text tool (the File tool mentions it). */
export async function sharedTextWaiting(): Promise<boolean> {
  return !!(await read<string>(TEXT_KEY));
}
