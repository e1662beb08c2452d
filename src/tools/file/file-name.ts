const RESERVED = /[<>:"/\\|?*]|\p{Cc}/gu;
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i;

/**
 * A name safe to save under on any OS: no directories, control or reserved characters,
 * no leading/trailing dots or spaces, no device names, at most 200 characters.
 */
export function safeFileName(name: string): string {
  // A name with a path keeps only its last part, as browsers do for downloads.
  const base = name.split(/[/\\]/).pop() ?? '';
  let safe = base.replace(RESERVED, '_').replace(/^[\s.]+|[\s.]+$/g, '');
  if (WINDOWS_DEVICE.test(safe)) safe = `_${safe}`;
  if (safe.length > 200) {
    const dot = safe.lastIndexOf('.');
    const ext = dot > 0 && safe.length - dot <= 16 ? safe.slice(dot) : '';
    safe = safe.slice(0, 200 - ext.length) + ext;
  }
  return safe || 'file';
}
