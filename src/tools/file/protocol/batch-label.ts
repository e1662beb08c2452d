import { OWN_CHANNEL_PREFIX } from '../../../rtc/own-channel';

/** The label of the channel that carries the bytes of batch `id`. */
export function batchLabel(id: string): string {
  return `${OWN_CHANNEL_PREFIX}batch:${id}`;
}

/** The batch whose bytes a channel carries, or null if it is not such a channel. */
export function batchChannelId(label: string): string | null {
  const prefix = batchLabel('');
  return label.startsWith(prefix) ? label.slice(prefix.length) : null;
}
