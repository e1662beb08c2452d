/** What peers say to each other while they set up a connection. */
export type SignalMessage =
  | { type: 'description'; description: RTCSessionDescriptionInit }
  | { type: 'candidate'; candidate: RTCIceCandidateInit }
  /** Leaving; `noPath` when this side gathered no ICE candidate at all. */
  | { type: 'bye'; noPath?: boolean };

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
