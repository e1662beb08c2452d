import { NotedError } from '../protocol/transfer-note';

/** Resolves once `channel` is open; rejects if it closes first. */
export function channelOpen(channel: RTCDataChannel): Promise<void> {
  if (channel.readyState === 'open') return Promise.resolve();
  return new Promise((resolve, reject) => {
    if (channel.readyState !== 'connecting')
      return reject(new NotedError({ code: 'channel-closed' }));
    const done = (error?: Error) => {
      channel.removeEventListener('open', onOpen);
      channel.removeEventListener('close', onClose);
      if (error) reject(error);
      else resolve();
    };
    const onOpen = () => done();
    const onClose = () => done(new NotedError({ code: 'channel-closed' }));
    channel.addEventListener('open', onOpen);
    channel.addEventListener('close', onClose);
  });
}
