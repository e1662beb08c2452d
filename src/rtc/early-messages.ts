/**
 * Messages that arrive on a tool's channel before the tool listens. A channel opens on both
 * sides at about the same time, but a side wires its tool only after more work (the
 * verification code, an await or two), so the other side's first messages (its device id, a
 * queued file's header) would otherwise be dispatched to nobody and lost.
 */
const held = new WeakMap<RTCDataChannel, { early: MessageEvent[]; hold: (e: Event) => void }>();

/** Keeps what `channel` receives until the first `onChannelMessage` on it. */
export function holdEarlyMessages(channel: RTCDataChannel): void {
  if (held.has(channel)) return;
  const early: MessageEvent[] = [];
  const hold = (e: Event) => early.push(e as MessageEvent);
  channel.addEventListener('message', hold);
  held.set(channel, { early, hold });
}

/**
 * Listens to `channel`'s messages, first those that came before anyone listened (in order).
 * Every consumer of a held channel listens through this, so nothing stays held.
 */
export function onChannelMessage(
  channel: RTCDataChannel,
  listener: (e: MessageEvent) => void,
): void {
  channel.addEventListener('message', listener as (e: Event) => void);
  const waiting = held.get(channel);
  if (!waiting) return;
  held.delete(channel);
  channel.removeEventListener('message', waiting.hold);
  for (const e of waiting.early) listener(e);
}
