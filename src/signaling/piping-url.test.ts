import { describe, expect, it } from 'vitest';
import { checkPipingUrl } from './piping-url';

const base = 'http://localhost:5173/';

describe('checkPipingUrl', () => {
  it.each([
    ['/piping', 'http://localhost:5173/piping'],
    ['https://ppng.io', 'https://ppng.io'],
    ['https://ppng.io/', 'https://ppng.io'],
    ['  http://127.0.0.1:8080/relay/  ', 'http://127.0.0.1:8080/relay'],
  ])('accepts %s', (input, url) => {
    expect(checkPipingUrl(input, base)).toEqual({ ok: true, url });
  });

  it.each([
    ['', /Enter the piping-server URL/],
    ['ftp://example.com', /must start with http:\/\/ or https:\/\/ \(got ftp:\)/],
    ['javascript:alert(1)', /must start with http/],
    ['http://[::1', /is not a URL/],
    ['https://ppng.io/?x=1', /query/],
    ['https://user:pw@ppng.io', /user name or password/],
  ])('refuses %j', (input, message) => {
    const result = checkPipingUrl(input, base);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });
});
