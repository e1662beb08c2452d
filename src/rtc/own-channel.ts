/**
 * Channels whose label begins with this are a tool's own, opened while connected for one piece of
 * work (a file's bytes): a session neither keeps them nor ends when one closes.
 */
export const OWN_CHANNEL_PREFIX = '+';
