/**
 * Gathers a stream of chunks of any size into large blocks drawn from a bounded pool, and hands
 * each full block on (to be transferred, not copied, to the next stage). A block comes back
 * through `recycle()` once the last stage is done with it; while every block is out, `push()`
 * waits, which is the backpressure that keeps memory at `blockSize * poolSize`.
 */
export class BlockPacker {
  private readonly free: ArrayBuffer[] = [];
  private created = 0;
  private readonly waiters: { resolve(b: ArrayBuffer): void; reject(e: unknown): void }[] = [];
  private current: Uint8Array<ArrayBuffer> | null = null;
  private fill = 0;
  private handedOn = 0;
  private failure: { error: unknown } | null = null;

  constructor(
    private readonly blockSize: number,
    private readonly poolSize: number,
    /** Called with each block, its used length and its offset in the stream. */
    private readonly handOn: (block: ArrayBuffer, length: number, at: number) => void,
  ) {}

  /** Bytes pushed so far. */
  get size(): number {
    return this.handedOn + this.fill;
  }

  /** Copies `bytes` in, handing on each block as it fills. One push at a time. */
  async push(bytes: Uint8Array): Promise<void> {
    let offset = 0;
    while (offset < bytes.byteLength) {
      if (!this.current) {
        this.current = new Uint8Array(await this.take());
        this.fill = 0;
      }
      const n = Math.min(bytes.byteLength - offset, this.current.byteLength - this.fill);
      this.current.set(bytes.subarray(offset, offset + n), this.fill);
      this.fill += n;
      offset += n;
      if (this.fill === this.current.byteLength) this.send();
    }
  }

  /** Hands on the last, partly filled block. */
  flush(): void {
    if (this.current && this.fill > 0) this.send();
  }

  /** A block the last stage is done with. */
  recycle(block: ArrayBuffer): void {
    const waiter = this.waiters.shift();
    if (waiter) waiter.resolve(block);
    else this.free.push(block);
  }

  /** A later stage failed: a pending or future `push()` rejects with `error`. */
  fail(error: unknown): void {
    this.failure ??= { error };
    for (const w of this.waiters.splice(0)) w.reject(error);
  }

  private send(): void {
    const block = this.current!;
    const length = this.fill;
    const at = this.handedOn;
    this.current = null;
    this.fill = 0;
    this.handedOn += length;
    this.handOn(block.buffer, length, at);
  }

  private take(): Promise<ArrayBuffer> {
    if (this.failure) return Promise.reject(this.failure.error);
    const block = this.free.pop();
    if (block) return Promise.resolve(block);
    if (this.created < this.poolSize) {
      this.created++;
      return Promise.resolve(new ArrayBuffer(this.blockSize));
    }
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }
}
