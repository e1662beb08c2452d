/** A short random id for one transfer (its wire messages and its stored file). */
export function newTransferId(): string {
  return crypto.randomUUID().replace(/-/g, '').slice(0, 16);
}
