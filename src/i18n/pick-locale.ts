/**
 * The supported locale for a list of preferred languages (as `navigator.languages` gives them),
 * or the source locale when none matches. Chinese of any region maps to Traditional Chinese, the
 * only Chinese the app ships; other languages match on their primary subtag.
 */
export function pickLocale(
  preferred: readonly string[],
  supported: readonly string[],
  fallback: string,
): string {
  for (const tag of preferred) {
    const lower = tag.toLowerCase();
    const exact = supported.find((s) => s.toLowerCase() === lower);
    if (exact) return exact;
    const primary = lower.split('-')[0];
    const sameLanguage = supported.find((s) => s.toLowerCase().split('-')[0] === primary);
    if (sameLanguage) return sameLanguage;
  }
  return fallback;
}
