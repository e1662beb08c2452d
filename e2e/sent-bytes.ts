import type { Page } from '@playwright/test';

/**
 * Watches the binary messages the page hands to data channels (what it sends, re-sent or not),
 * its workers included, across reloads of the page. The page and each worker (through a module
 * run before its own) report every send on a BroadcastChannel to a second page of the same
 * origin, which adds them up: it outlives the reloads, and what a page or worker reported just
 * before it went still reaches it. Returns readers of the bytes sent and of the largest message.
 */
export async function watchSentBytes(
  page: Page,
): Promise<{ total: () => Promise<number>; largest: () => Promise<number> }> {
  const tally = await page.context().newPage();
  await tally.goto('/icon.svg');
  await tally.evaluate(() => {
    const w = window as unknown as { sentBytes: number; largest: number };
    w.sentBytes = 0;
    w.largest = 0;
    new BroadcastChannel('sent-bytes').onmessage = ({ data }) => {
      w.sentBytes += data as number;
      w.largest = Math.max(w.largest, data as number);
    };
  });
  await page.addInitScript(() => {
    // Runs here, and (as its source) before each worker's own module.
    const reportSends = () => {
      const out = new BroadcastChannel('sent-bytes');
      const send = RTCDataChannel.prototype.send;
      RTCDataChannel.prototype.send = function (this: RTCDataChannel, data: never) {
        const d = data as ArrayBuffer | ArrayBufferView | Blob | string;
        if (typeof d !== 'string') out.postMessage(d instanceof Blob ? d.size : d.byteLength);
        return send.call(this, data);
      } as typeof send;
    };
    reportSends();
    const report = `(${reportSends.toString()})();`;
    const counter = URL.createObjectURL(new Blob([report], { type: 'text/javascript' }));
    const Native = Worker;
    window.Worker = class extends Native {
      constructor(url: string | URL, options?: WorkerOptions) {
        const real = new URL(url, location.href).href;
        const both = `import ${JSON.stringify(counter)};\nimport ${JSON.stringify(real)};`;
        super(URL.createObjectURL(new Blob([both], { type: 'text/javascript' })), options);
      }
    };
  });
  type Tally = { sentBytes: number; largest: number };
  return {
    total: () => tally.evaluate(() => (window as unknown as Tally).sentBytes),
    largest: () => tally.evaluate(() => (window as unknown as Tally).largest),
  };
}
