import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseControl } from '../protocol/file-protocol';
import type { SendReply, SendRequest } from './send.worker';
import { FileSender } from './file-sender';
import { FakeControlChannel as FakeChannel } from '../session/fake-control-channel';
import type { TransferItem } from '../session/transfer-item';

/** The sending worker, played by the test: it answers what the test tells it to. */
class FakeWorker {
  static last: FakeWorker | null = null;
  onmessage: ((e: MessageEvent<SendReply>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  readonly requests: SendRequest[] = [];
  constructor() {
    FakeWorker.last = this;
  }
  postMessage(m: SendRequest): void {
    this.requests.push(m);
  }
  reply(m: SendReply): void {
    this.onmessage?.({ data: m } as MessageEvent<SendReply>);
  }
}

const tick = () => new Promise((r) => setTimeout(r, 0));

beforeEach(() => vi.stubGlobal('Worker', FakeWorker));
afterEach(() => vi.unstubAllGlobals());

/** The percentage an "Interrupted at N%" note gives, and its bar's (the panel draws `progress`). */
function shown(sender: FileSender, item: TransferItem) {
  const note = item.message;
  const pct = typeof note === 'object' && 'pct' in note ? note.pct : NaN;
  return { note: pct, bar: Math.floor((sender.progress(item) / item.size) * 100) };
}

describe('FileSender, when the connection ends mid-file', () => {
  async function sendingFile(size: number) {
    const control = new FakeChannel();
    const sender = new FileSender(
      control as unknown as RTCDataChannel,
      () => new FakeChannel() as unknown as RTCDataChannel,
    );
    sender.enqueue([new File([new Uint8Array(size)], 'a.bin')]);
    const item = sender.items[0]!;
    await tick();
    const header = parseControl(control.sent[0]!);
    expect(header?.t).toBe('header');
    sender.handleReply({ t: 'accept', id: item.id });
    await tick();
    expect(FakeWorker.last?.requests.some((r) => r.t === 'send')).toBe(true);
    return { control, sender, item, worker: FakeWorker.last! };
  }

  it('says the bytes that left (sent minus still buffered), and its bar shows the same', async () => {
    const size = 100_000;
    const { control, sender, item, worker } = await sendingFile(size);
    // 22 % handed to the channel, 3 % of it still in its buffer: 19 % left this browser.
    worker.reply({ t: 'progress', bytes: 22_000, buffered: 3_000 });
    expect(sender.progress(item)).toBe(19_000);
    control.close();
    await tick();
    expect(item.state).toBe('interrupted');
    expect(shown(sender, item)).toEqual({ note: 19, bar: 19 });
  });

  it('keeps that figure when the worker reports once more after the end', async () => {
    const { control, sender, item, worker } = await sendingFile(100_000);
    worker.reply({ t: 'progress', bytes: 22_000, buffered: 3_000 });
    control.close();
    worker.reply({ t: 'progress', bytes: 30_000, buffered: 0 });
    await tick();
    expect(shown(sender, item)).toEqual({ note: 19, bar: 19 });
  });
});

describe('FileSender, when the receiver stops the file', () => {
  async function stoppedBy(abort: { why?: 'storage' | 'protocol' }) {
    const control = new FakeChannel();
    const sender = new FileSender(
      control as unknown as RTCDataChannel,
      () => new FakeChannel() as unknown as RTCDataChannel,
    );
    sender.enqueue([new File([new Uint8Array(1000)], 'a.bin')]);
    const item = sender.items[0]!;
    await tick();
    sender.handleReply({ t: 'accept', id: item.id });
    await tick();
    sender.handleReply({ t: 'abort', id: item.id, by: 'receiver', ...abort });
    for (let i = 0; i < 5; i++) await tick();
    return item;
  }

  it('marks a choice of the receiver aborted', async () => {
    const item = await stoppedBy({});
    expect(item.state).toBe('aborted');
    expect(item.message).toEqual({ code: 'receiver-aborted' });
  });

  it('marks a failure of its storage failed, and says so', async () => {
    const item = await stoppedBy({ why: 'storage' });
    expect(item.state).toBe('failed');
    expect(item.message).toEqual({ code: 'receiver-store-failed' });
  });

  it('marks bytes that broke the protocol failed', async () => {
    const item = await stoppedBy({ why: 'protocol' });
    expect(item.state).toBe('failed');
    expect(item.message).toEqual({ code: 'receiver-protocol' });
  });
});
