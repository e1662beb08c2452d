// `npm run icons`: renders public/icon.svg into the PNG icons the web app manifest lists (192 and
// 512 px, and a 512 px maskable one whose artwork sits inside the safe circle on a full-bleed
// background), with the Chromium the tests use. The PNGs are committed; run this again after
// changing the SVG.
import { chromium } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromiumArgs, chromiumPath } from './chromium.mjs';

const pub = fileURLToPath(new URL('../public/', import.meta.url));
const svg = readFileSync(`${pub}icon.svg`, 'utf8');
// The maskable icon's background: the SVG's own tile colour.
const background = /<rect[^>]*fill="([^"]+)"/.exec(svg)?.[1] ?? '#1f6feb';

const icons = [
  { file: 'icon-192.png', size: 192, scale: 1, fill: 'transparent' },
  { file: 'icon-512.png', size: 512, scale: 1, fill: 'transparent' },
  // Launchers crop maskable icons to any shape inside a circle of 80% of the width.
  { file: 'icon-maskable-512.png', size: 512, scale: 0.8, fill: background },
];

const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
try {
  for (const { file, size, scale, fill } of icons) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    const inner = Math.round(size * scale);
    await page.setContent(
      `<body style="margin:0;background:${fill};display:grid;place-items:center;height:${size}px">
        <img src="data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}"
          width="${inner}" height="${inner}"></body>`,
    );
    await page.locator('img').evaluate((img) => img.decode());
    await page.screenshot({ path: `${pub}${file}`, omitBackground: fill === 'transparent' });
    await page.close();
    console.log(`public/${file} (${size}×${size})`);
  }
} finally {
  await browser.close();
}
