import { describe, expect, it } from 'vitest';
import { TransferList } from './transfer-list';
import { FakeControlChannel } from './fake-control-channel';
import { finished, type TransferItem, type TransferState } from './transfer-item';

class List extends TransferList {
  move(item: TransferItem, state: TransferState, ended: boolean): void {
    if (ended) this.end(item, state, { code: 'delivered' });
    else this.update(item, state, '');
  }
  tell(): void {
    this.trySend({ t: 'device', id: 'd' });
  }
}

const item = (): TransferItem => ({
  id: 'f',
  name: 'a',
  size: 1,
  type: '',
  lastModified: 0,
  bytes: 0,
  state: 'queued',
  message: '',
  startedAt: 0,
  endedAt: 0,
});

describe('TransferList', () => {
  it('fires change on every move, and stamps the end', () => {
    const channel = new FakeControlChannel();
    const list = new List(channel as unknown as RTCDataChannel);
    let changes = 0;
    list.addEventListener('change', () => changes++);
    const i = item();
    list.move(i, 'sending', false);
    expect(i.endedAt).toBe(0);
    list.move(i, 'done', true);
    expect(i).toMatchObject({ state: 'done', message: { code: 'delivered' } });
    expect(i.endedAt).toBeGreaterThan(0);
    expect(changes).toBe(2);
  });

  it('sends while the channel is open and stays quiet once it closed', () => {
    const channel = new FakeControlChannel();
    const list = new List(channel as unknown as RTCDataChannel);
    list.tell();
    channel.close();
    expect(() => list.tell()).not.toThrow();
    expect(channel.messages()).toEqual([{ t: 'device', id: 'd' }]);
  });

  it('counts every state but the moving ones as finished', () => {
    const moving = ['queued', 'offered', 'waiting', 'sending', 'receiving', 'verifying'] as const;
    for (const s of moving) expect(finished(s)).toBe(false);
    for (const s of [
      'done',
      'declined',
      'aborted',
      'failed',
      'corrupt',
      'skipped',
      'interrupted',
    ] as const)
      expect(finished(s)).toBe(true);
  });
});
