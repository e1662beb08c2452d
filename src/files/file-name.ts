const RESERVED = /[<>:"/\\|?*]|\p{Cc}/gu;
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i;

/**
 * A name safe to save under on any OS: no path separators, control or reserved characters,
 * no leading/trailing dots or spaces, no device names, at most 200 characters.
 */
export function safeFileName(name: string): string {
  // Separators are replaced like any reserved character: the whole name stays readable
  // ("a</b>.bin" -> "a__b_.bin"), and no part of it can name a directory.
  let safe = name.replace(RESERVED, '_').replace(/^[\s.]+|[\s.]+$/g, '');
  if (WINDOWS_DEVICE.test(safe)) safe = `_${safe}`;
  if (safe.length > 200) {
    const dot = safe.lastIndexOf('.');
    const ext = dot > 0 && safe.length - dot <= 16 ? safe.slice(dot) : '';
    safe = safe.slice(0, 200 - ext.length) + ext;
  }
  return safe || 'file';
}

/** An archive entry's file name (its path's last part), made safe to save under. */
export function safeEntryName(path: string): string {
  return safeFileName(path.split('/').pop() ?? '');
}
