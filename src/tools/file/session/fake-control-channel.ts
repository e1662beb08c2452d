import { parseControl } from '../protocol/file-protocol';

/** For unit tests: a control channel that keeps what is sent, and a close the test can fire. */
export class FakeControlChannel extends EventTarget {
  readyState: RTCDataChannelState = 'open';
  readonly sent: string[] = [];
  send(data: string): void {
    if (this.readyState !== 'open') throw new Error('closed');
    this.sent.push(data);
  }
  close(): void {
    this.readyState = 'closed';
    this.dispatchEvent(new Event('close'));
  }
  /** What was sent, parsed. */
  messages() {
    return this.sent.map((s) => parseControl(s));
  }
}
