import type { BatchWorkerReply } from './batch-worker-messages';

/** For unit tests: a batch's worker played by the test, keeping what the page asks of it. */
export class FakeBatchWorker<Request> {
  static all: FakeBatchWorker<unknown>[] = [];
  readonly asked: Request[] = [];
  onmessage: ((e: { data: BatchWorkerReply }) => void) | null = null;
  onerror = null;
  terminated = false;
  constructor() {
    FakeBatchWorker.all.push(this);
  }
  postMessage(m: Request) {
    this.asked.push(m);
  }
  terminate() {
    this.terminated = true;
  }
  reply(data: BatchWorkerReply) {
    this.onmessage!({ data });
  }
}
