import { describe, expect, it } from 'vitest';
import { holdEarlyMessages, onChannelMessage } from './early-messages';

/** Enough of a data channel for message dispatch. */
function fakeChannel(): RTCDataChannel {
  return new EventTarget() as unknown as RTCDataChannel;
}

const deliver = (channel: RTCDataChannel, data: string) =>
  channel.dispatchEvent(new MessageEvent('message', { data }));

describe('early messages', () => {
  it('hands what came before the first listener to it, in order, then the rest', () => {
    const channel = fakeChannel();
    holdEarlyMessages(channel);
    deliver(channel, 'device');
    deliver(channel, 'header');
    const seen: string[] = [];
    onChannelMessage(channel, (e) => seen.push(e.data as string));
    deliver(channel, 'after');
    expect(seen).toEqual(['device', 'header', 'after']);
  });

  it('replays only once: a second listener hears only what comes next', () => {
    const channel = fakeChannel();
    holdEarlyMessages(channel);
    deliver(channel, 'early');
    const first: string[] = [];
    const second: string[] = [];
    onChannelMessage(channel, (e) => first.push(e.data as string));
    onChannelMessage(channel, (e) => second.push(e.data as string));
    deliver(channel, 'late');
    expect(first).toEqual(['early', 'late']);
    expect(second).toEqual(['late']);
  });

  it('listens as usual on a channel nobody held', () => {
    const channel = fakeChannel();
    const seen: string[] = [];
    onChannelMessage(channel, (e) => seen.push(e.data as string));
    deliver(channel, 'x');
    expect(seen).toEqual(['x']);
  });
});
