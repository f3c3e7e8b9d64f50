// Opens the rendered site (./workbook render) from disk in headless Chromium, as a reader who
// got the folder by mail: index.html, then every page and slide deck it links. Checks that
// every link resolves, every <img> in an output has loaded, the LaTeX was typeset by the
// bundled MathJax, the slides started the bundled reveal.js, and nothing was fetched from the network
// (a page or deck that asks for anything but file: and data: URLs fails).
//
// Usage: node check-site.mjs --site DIR --shots DIR
// Prints "RESULT {...}" and exits 0 when every check passed, 1 otherwise.

import { chromium } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const args = {};
for (let i = 2; i < process.argv.length; i += 2) args[process.argv[i].replace(/^--/, '')] = process.argv[i + 1];
if (!args.site || !args.shots) { console.error('usage: node check-site.mjs --site DIR --shots DIR'); process.exit(2); }
const log = (msg) => process.stderr.write(`site: ${msg}\n`);

const result = { ok: false, pages: [], problems: [] };
const problem = (text) => { result.problems.push(text); log(`FAIL: ${text}`); };

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
         '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic',
         '--allow-file-access-from-files'],
});
try {
  fs.mkdirSync(args.shots, { recursive: true });
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  const index = path.resolve(args.site, 'index.html');
  if (!fs.existsSync(index)) throw new Error(`${index} does not exist`);
  await page.goto(pathToFileURL(index).href);
  const links = await page.$$eval('ol li a', (as) => as.map((a) => ({ href: a.getAttribute('href'), text: a.textContent.trim() })));
  result.links = links.length;
  if (links.length === 0) problem('index.html links no notebook');

  for (const link of links) {
    const file = path.resolve(args.site, link.href);
    if (!fs.existsSync(file)) { problem(`index links ${link.href}, which does not exist`); continue; }
    const isSlides = link.href.endsWith('.slides.html');
    const requests = [];
    const failed = [];
    const onRequest = (r) => requests.push(r.url());
    const onFailed = (r) => failed.push(`${r.url().slice(0, 120)} (${r.failure()?.errorText})`);
    page.on('request', onRequest);
    page.on('requestfailed', onFailed);
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    // MathJax typesets after load; wait until its queue is empty (or it is absent).
    await page.waitForFunction(() => !window.MathJax || !window.MathJax.Hub ||
      (window.MathJax.isReady && window.MathJax.Hub.queue.pending === 0 && window.MathJax.Hub.queue.running === 0),
      null, { timeout: 30000 }).catch(() => {});
    await page.waitForTimeout(isSlides ? 1500 : 300);
    const seen = await page.evaluate(() => ({
      imgs: [...document.querySelectorAll('img')].map((i) => ({ ok: i.complete && i.naturalWidth > 0, src: (i.getAttribute('src') || '').slice(0, 40) })),
      math: document.querySelectorAll('.MathJax_CHTML, .MathJax, mjx-container').length,
      rawTex: /\$\$|\\frac|\\cdot/.test([...document.querySelectorAll('.jp-RenderedMarkdown, .text_cell_render')].map((e) => e.innerText).join('\n')),
      hasTex: !!document.querySelector('.jp-RenderedMarkdown, .text_cell_render') &&
              /\$[^$]+\$/.test(document.documentElement.innerHTML),
      revealReady: !!document.querySelector('.reveal.ready'),
      slides: document.querySelectorAll('.reveal .slides > section').length,
    }));
    page.off('request', onRequest);
    page.off('requestfailed', onFailed);
    const external = requests.filter((u) => !u.startsWith('file:') && !u.startsWith('data:'));
    const info = { href: link.href, images: seen.imgs.length, math: seen.math, external: external.length,
                   ...(isSlides ? { slides: seen.slides, revealReady: seen.revealReady } : {}) };
    result.pages.push(info);
    log(`${link.href}: ${seen.imgs.filter((i) => i.ok).length}/${seen.imgs.length} images, ${seen.math} math elements, `
        + `${external.length} network requests${isSlides ? `, ${seen.slides} slides, reveal.js ${seen.revealReady ? 'started' : 'NOT started'}` : ''}`);
    for (const img of seen.imgs) if (!img.ok) problem(`${link.href}: an <img> did not load (${img.src})`);
    for (const f of failed) problem(`${link.href}: a request failed: ${f}`);
    // Pages and slides work offline: reveal.js, like MathJax, is copied into assets/ (tools/render.py).
    for (const u of external) problem(`${link.href}: fetched from the network: ${u.slice(0, 120)}`);
    if (!isSlides && seen.hasTex && (seen.math === 0 || seen.rawTex)) problem(`${link.href}: LaTeX was not typeset (MathJax missing?)`);
    if (isSlides && !seen.revealReady) problem(`${link.href}: reveal.js did not start (no .reveal.ready)`);
    if (isSlides && seen.slides < 2) problem(`${link.href}: ${seen.slides} slide(s); expected one per heading at least`);
    if (isSlides && !result.slidesScreenshot) {
      const shot = path.join(args.shots, 'site-first-slides.png');
      await page.screenshot({ path: shot });
      result.slidesScreenshot = shot;
    }
    if (!isSlides && links.indexOf(link) === 0) {
      const shot = path.join(args.shots, 'site-first-page.png');
      await page.screenshot({ path: shot });
      result.screenshot = shot;
    }
  }
  result.ok = result.problems.length === 0;
} catch (e) {
  problem(`${e.name || 'Error'}: ${String(e.message || e).split('\n')[0]}`);
} finally {
  await browser.close().catch(() => {});
}
process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
process.exit(result.ok ? 0 : 1);
