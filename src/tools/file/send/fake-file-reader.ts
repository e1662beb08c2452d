// For unit tests in Node, which has Blob but no FileReader: a FileReader that reads with
// Blob.arrayBuffer(), counts the reads in flight, and can fail chosen reads.

export interface FakeReads {
  /** Reads started so far. */
  started: number;
  /** Most reads in flight at once. */
  maxInFlight: number;
}

/**
 * A FileReader class to install with `vi.stubGlobal`. A read fails where `fails(blob)` says so,
 * with a NotReadableError as browsers give, or with no error at all when `silent`.
 */
export function fakeFileReader(
  fails: (blob: Blob) => boolean = () => false,
  { silent = false } = {},
): {
  reads: FakeReads;
  FileReader: unknown;
} {
  const reads: FakeReads = { started: 0, maxInFlight: 0 };
  let inFlight = 0;
  class FakeFileReader {
    result: ArrayBuffer | null = null;
    error: DOMException | null = null;
    onload: (() => void) | null = null;
    onerror: (() => void) | null = null;
    readAsArrayBuffer(blob: Blob): void {
      reads.started++;
      reads.maxInFlight = Math.max(reads.maxInFlight, ++inFlight);
      const settle = (done: () => void) =>
        setTimeout(() => {
          inFlight--;
          done();
        });
      if (fails(blob)) {
        settle(() => {
          if (!silent)
            this.error = new DOMException('The file could not be read.', 'NotReadableError');
          this.onerror?.();
        });
        return;
      }
      void blob.arrayBuffer().then((buffer) =>
        settle(() => {
          this.result = buffer;
          this.onload?.();
        }),
      );
    }
  }
  return { reads, FileReader: FakeFileReader };
}
