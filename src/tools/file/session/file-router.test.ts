import { describe, expect, it } from 'vitest';
import { routeFileMessages } from './file-router';
import { encodeControl, type FileControl } from '../protocol/file-protocol';
import type { FileReceiver } from '../receive/file-receiver';
import type { FileSender } from '../send/file-sender';
import type { OutgoingBatches } from './outgoing-batches';
import type { IncomingBatches } from './incoming-batches';

class Channel extends EventTarget {
  deliver(data: string | ArrayBuffer): void {
    this.dispatchEvent(new MessageEvent('message', { data }));
  }
}

/** Each end records what reached it. */
function ends() {
  const got: string[] = [];
  const sender = {
    handleHeld: (m: FileControl) => got.push(`sender held ${m.id}`),
    handleReply: (m: FileControl) => got.push(`sender ${m.t}`),
  } as unknown as FileSender;
  const receiver = {
    handleDevice: (id: string) => got.push(`receiver device ${id}`),
    handleControl: (m: FileControl) => got.push(`receiver ${m.t}`),
  } as unknown as FileReceiver;
  const out = {
    handleControl: (m: { t: string }) =>
      m.t === 'batch-accept' ? !!got.push('out ' + m.t) : false,
  } as unknown as OutgoingBatches;
  const incoming = {
    handleControl: (m: { t: string }) => !!got.push('in ' + m.t),
  } as unknown as IncomingBatches;
  return { got, sender, receiver, out, incoming };
}

describe('routeFileMessages', () => {
  it('sends each message to the side it is for, and drops bytes and junk', () => {
    const { got, sender, receiver, out, incoming } = ends();
    const channel = new Channel();
    routeFileMessages(channel as unknown as RTCDataChannel, sender, receiver, {
      out,
      in: incoming,
    });
    const send = (m: FileControl) => channel.deliver(encodeControl(m));
    send({ t: 'device', id: 'd1' });
    send({ t: 'header', id: 'f1', name: 'a', size: 1, type: '', lastModified: 0 });
    send({ t: 'folder', id: 'f2', path: 'x/y' });
    send({ t: 'held', id: 'f3', name: 'a', size: 9, type: '', lastModified: 0, bytes: 3 });
    send({ t: 'abort', id: 'f1', by: 'sender' });
    send({ t: 'abort', id: 'f1', by: 'receiver' });
    send({ t: 'accept', id: 'f1' });
    send({ t: 'decline', id: 'f1', reason: '' });
    send({ t: 'verified', id: 'f1', ok: true });
    send({ t: 'end', id: 'f1', sha256: '0'.repeat(64) });
    channel.deliver(new ArrayBuffer(4));
    channel.deliver('{not json');
    expect(got).toEqual([
      'receiver device d1',
      'receiver header',
      'receiver folder',
      'sender held f3',
      'receiver abort',
      'sender abort',
      'sender accept',
      'sender decline',
      'sender verified',
    ]);
  });

  it('works with one side absent (loopback gives each end one)', () => {
    const { got, sender } = ends();
    const channel = new Channel();
    routeFileMessages(channel as unknown as RTCDataChannel, sender, null);
    channel.deliver(
      encodeControl({ t: 'header', id: 'f1', name: 'a', size: 1, type: '', lastModified: 0 }),
    );
    channel.deliver(encodeControl({ t: 'accept', id: 'f1' }));
    expect(got).toEqual(['sender accept']);
  });
});
