import { msg } from '@lit/localize';

/** Resolves once `channel` is open; rejects if it closes first. */
export function channelOpen(channel: RTCDataChannel): Promise<void> {
  if (channel.readyState === 'open') return Promise.resolve();
  return new Promise((resolve, reject) => {
    if (channel.readyState !== 'connecting')
      return reject(new Error(msg('The data channel is closed.')));
    const done = (error?: Error) => {
      channel.removeEventListener('open', onOpen);
      channel.removeEventListener('close', onClose);
      if (error) reject(error);
      else resolve();
    };
    const onOpen = () => done();
    const onClose = () => done(new Error(msg('The data channel is closed.')));
    channel.addEventListener('open', onOpen);
    channel.addEventListener('close', onClose);
  });
}
