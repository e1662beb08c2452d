/** Whether an error was thrown by the browser (its words, often English only), not by dckit. */
export function isBrowserError(error: unknown): boolean {
  return (
    error instanceof DOMException ||
    error instanceof TypeError ||
    error instanceof RangeError ||
    error instanceof ReferenceError ||
    error instanceof SyntaxError
  );
}
