/** What peers say to each other while they set up a connection. */
export type SignalMessage =
  | { type: 'description'; description: RTCSessionDescriptionInit }
  | { type: 'candidate'; candidate: RTCIceCandidateInit }
  /** The creator's name, its first message to a joiner (the joiner's name came with its knock). */
  | { type: 'hello'; name: string }
  /**
   * Leaving; `noPath` when this side gathered no ICE candidate at all; `iceFailed` when ICE found
   * no path on this side (the other may not see it for a while); `full` (the room's limit)
   * when the creator turns a joiner away.
   */
  | { type: 'bye'; noPath?: boolean; iceFailed?: boolean; full?: number };

/**
 * A two-party message pipe used only for setting up a connection. Implementations: loopback
 * (in memory) and piping-server rooms.
 */
export interface Signaling {
  send(message: SignalMessage): void;
  /** Messages from the other side, in order; ends when closed, throws on a transport error. */
  messages(): AsyncIterable<SignalMessage>;
  close(): void;
}
