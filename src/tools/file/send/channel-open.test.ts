import { describe, expect, it } from 'vitest';
import { channelOpen } from './channel-open';
import { NotedError } from '../protocol/transfer-note';

class Channel extends EventTarget {
  constructor(public readyState: RTCDataChannelState) {
    super();
  }
  to(state: 'open' | 'close'): void {
    this.readyState = state === 'open' ? 'open' : 'closed';
    this.dispatchEvent(new Event(state));
  }
}
const open = (c: Channel) => channelOpen(c as unknown as RTCDataChannel);

describe('channelOpen', () => {
  it('resolves at once for an open channel, and when a connecting one opens', async () => {
    await expect(open(new Channel('open'))).resolves.toBeUndefined();
    const c = new Channel('connecting');
    const opened = open(c);
    c.to('open');
    await expect(opened).resolves.toBeUndefined();
  });

  it('rejects with a note when the channel is closed, or closes before it opens', async () => {
    const closed = await open(new Channel('closed')).catch((e: unknown) => e);
    expect(closed).toBeInstanceOf(NotedError);
    expect((closed as NotedError).note).toEqual({ code: 'channel-closed' });
    const c = new Channel('connecting');
    const opening = open(c);
    c.to('close');
    await expect(opening).rejects.toBeInstanceOf(NotedError);
  });
});
