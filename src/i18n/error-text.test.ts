import { describe, expect, it } from 'vitest';
import { errorText } from './error-text';

describe('errorText', () => {
  it('keeps dckit\u2019s own errors as they are', () => {
    expect(errorText(new Error('The peer left.'), 'Connecting failed.')).toBe('The peer left.');
  });

  it('puts a sentence of dckit\u2019s own before what the browser threw', () => {
    const thrown = new DOMException(
      "Failed to execute 'setRemoteDescription' on 'RTCPeerConnection': bad SDP",
      'OperationError',
    );
    expect(errorText(thrown, 'The connection could not be set up.')).toBe(
      "The connection could not be set up. The browser said: \u201cFailed to execute 'setRemoteDescription' on 'RTCPeerConnection': bad SDP\u201d",
    );
    expect(errorText(new TypeError('x is not a function'), 'Oops.')).toMatch(/^Oops\. /);
  });

  it('falls back to the sentence when there is nothing to say', () => {
    expect(errorText(undefined, 'Sending failed.')).toBe('Sending failed.');
    expect(errorText('plain words', 'Sending failed.')).toBe('plain words');
  });
});
