import { expect, test } from './fixtures';

test('the servers are real: the piping-server relays a PUT to a GET, the coturn gives a relay candidate', async ({
  page,
  servers,
}) => {
  await page.goto('/');

  await test.step('the piping-server is real: a PUT from the page reaches a GET on the same path', async () => {
    const path = `${servers.piping}/smoke-${Date.now()}-${Math.random().toString(36).slice(2)}`;
    const received = await page.evaluate(async (url) => {
      const get = fetch(url, { cache: 'no-store' }).then((r) => r.text());
      const put = fetch(url, { method: 'PUT', body: 'hello through the relay', cache: 'no-store' });
      const [text, putResponse] = await Promise.all([get, put]);
      await putResponse.text();
      return text;
    }, path);
    expect(received).toBe('hello through the relay');
  });

  await test.step('the coturn is real: the browser gathers a relay candidate from it', async () => {
    const candidates = await page.evaluate(async (turn) => {
      const pc = new RTCPeerConnection({
        iceServers: [{ urls: turn.turnUrl, username: turn.username, credential: turn.credential }],
        iceTransportPolicy: 'relay',
      });
      pc.createDataChannel('probe');
      const found: string[] = [];
      const done = new Promise<void>((resolve) => {
        // Firefox's end-of-candidates event carries an empty candidate string before the null.
        pc.onicecandidate = ({ candidate }) => {
          if (!candidate) resolve();
          else if (candidate.candidate) found.push(candidate.candidate);
        };
      });
      await pc.setLocalDescription();
      await done;
      pc.close();
      return found;
    }, servers.turn);
    expect(candidates.length).toBeGreaterThan(0);
    for (const c of candidates) expect(c).toContain(' typ relay ');
    expect(candidates.join('\n')).toContain('127.0.0.1');
  });
});
