/**
 * Gathers small writes into blocks of a fixed size and hands each on as it fills: fewer, larger
 * writes keep OPFS fast. `handOn` gets the filled part of the block and returns the block to fill
 * next (the same one once it is written, or a new one when it was transferred).
 */
export class BlockBuffer {
  private filled = 0;

  constructor(
    private block: Uint8Array<ArrayBuffer>,
    private readonly handOn: (data: Uint8Array<ArrayBuffer>) => Uint8Array<ArrayBuffer>,
  ) {}

  /** Bytes gathered and not handed on yet. */
  get pending(): number {
    return this.filled;
  }

  /** Copies `bytes` in, handing on each block as it fills. */
  add(bytes: Uint8Array): void {
    let offset = 0;
    while (offset < bytes.byteLength) {
      const n = Math.min(bytes.byteLength - offset, this.block.byteLength - this.filled);
      this.block.set(bytes.subarray(offset, offset + n), this.filled);
      this.filled += n;
      offset += n;
      if (this.filled === this.block.byteLength) this.flush();
    }
  }

  /** Hands on what was gathered so far. */
  flush(): void {
    if (this.filled === 0) return;
    const data = this.block.subarray(0, this.filled);
    this.filled = 0;
    this.block = this.handOn(data);
  }
}
