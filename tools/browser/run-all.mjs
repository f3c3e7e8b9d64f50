// Opens one notebook in the classic Jupyter Notebook UI in headless Chromium, runs every cell
// the way a person does (menu Cell > Run All), waits until the kernel is idle and every code
// cell has run, then checks what a reader would see:
//   - no error output anywhere on the page (and no "kernel died" dialog),
//   - at least one rendered <img> in an output (a plot),
//   - a tensor printed as text ("tensor(" inside a text output; --no-tensor drops this check),
//   - with --live: a picture replaced in place while its cell ran (a LivePlot's updateDisplay):
//     the page is read every 200 ms during Run All, a cell whose image changed at least twice
//     counts as live, and its last picture must be loaded when the run ends. Screenshots of that
//     output mid-run (live-mid.png) and at the end (live-final.png).
// Screenshots are written whatever the outcome, so a failure can be looked at.
//
// A kernel that has not become idle after --kernel-wait seconds is restarted (what the menu's
// Kernel > Restart does), as a person would do, up to twice: now and then a Java kernel start never
// answers (Jupyter's log then says "Timeout waiting for kernel_info reply"), and the notebook
// runner retries such starts in the same way.
//
// Usage: node run-all.mjs --url URL --shots DIR [--timeout SECONDS] [--kernel-wait SECONDS]
//   URL   the notebook's page, token included (http://127.0.0.1:PORT/notebooks/X.ipynb?token=T)
//   DIR   folder for page.png (the whole notebook) and plot.png (the first plot's output)
//   --timeout      the whole run (default 240 s); --kernel-wait  each kernel start (default 60 s)
// Prints one JSON line "RESULT {...}" and exits 0 when every check passed, 1 otherwise.
// Uses Debian's Chromium (/usr/bin/chromium, or $CHROMIUM); never downloads a browser.

import { chromium } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';

function parseArgs(argv) {
  const args = { timeout: 240, kernelWait: 60, live: false, tensor: true };
  for (let i = 0; i < argv.length; i++) {
    const key = argv[i];
    const value = argv[i + 1];
    if (key === '--url') { args.url = value; i++; }
    else if (key === '--shots') { args.shots = value; i++; }
    else if (key === '--timeout') { args.timeout = Number(value); i++; }
    else if (key === '--kernel-wait') { args.kernelWait = Number(value); i++; }
    else if (key === '--live') { args.live = true; }
    else if (key === '--no-tensor') { args.tensor = false; }
    else throw new Error(`run-all: unknown argument '${key}' (usage: --url URL --shots DIR [--timeout S] [--kernel-wait S])`);
  }
  if (!args.url || !args.shots) throw new Error('run-all: --url and --shots are required');
  return args;
}

const log = (msg) => process.stderr.write(`browser: ${msg}\n`);

async function main() {
  const args = parseArgs(process.argv.slice(2));
  fs.mkdirSync(args.shots, { recursive: true });
  const deadline = Date.now() + args.timeout * 1000;
  const left = () => Math.max(1000, deadline - Date.now());

  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
           '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    // playwright gives the browser a new empty profile of its own.
  });
  const result = { ok: false, checks: {}, problems: [] };
  const problem = (text) => { result.problems.push(text); log(`FAIL: ${text}`); };
  let page;
  try {
    page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    page.on('pageerror', (e) => log(`page script error: ${e.message}`));
    // Leaving the page must not ask "unsaved changes?" (a dialog would block the test).
    page.on('dialog', (d) => d.accept().catch(() => {}));

    log(`opening ${args.url.replace(/token=[^&]+/, 'token=…')}`);
    const response = await page.goto(args.url, { waitUntil: 'domcontentloaded', timeout: left() });
    if (!response || response.status() !== 200) {
      throw new Error(`the notebook page answered ${response ? response.status() : 'nothing'}`);
    }

    // The page is ready for a person when the kernel indicator says "idle". A start that never
    // answers gets a restart, at most twice.
    const KERNEL_STARTS = 3;
    for (let start = 1; ; start++) {
      try {
        await page.waitForSelector('#kernel_indicator_icon.kernel_idle_icon',
                                   { timeout: Math.min(args.kernelWait * 1000, left()) });
        break;
      } catch (e) {
        if (start === KERNEL_STARTS || deadline - Date.now() < 5000) throw e;
        log(`kernel start ${start} not idle after ${args.kernelWait} s; restarting the kernel`);
        result.kernelRestarts = start;
        // What Kernel > Restart does, without its confirmation dialog (which the notebook does not
        // offer while it is still connecting to the kernel).
        await page.evaluate(() => Jupyter.notebook.restart_kernel({ confirm: false }));
      }
    }
    const cells = await page.locator('.cell.code_cell').count();
    log(`kernel idle; ${cells} code cells; clicking Cell > Run All`);

    // Cell > Run All, through the menu bar, as a person does.
    await page.click('#celllink', { timeout: 15000 });                 // the menu "Cell"
    await page.click('#run_all_cells > a', { timeout: 15000 });        // its item "Run All"
    const started = Date.now();

    // Done when the kernel is idle and every code cell shows "In [n]:" (not "[ ]" or "[*]").
    // After an error the notebook drops the rest of the queue (those cells fall back to
    // "In [ ]"), so an error output with nothing queued also ends the wait.
    // Read the page every 200 ms until done: the pictures each code cell shows (a hash of the
    // image data), to see pictures replaced in place while a cell runs.
    const pictures = new Map();      // code cell index -> distinct picture hashes, in order seen
    let midShot = null;
    for (;;) {
      const state = await page.evaluate(() => {
        const prompts = [...document.querySelectorAll('.cell.code_cell .input_prompt')].map((p) => p.textContent);
        const dead = !!document.querySelector('#kernel_indicator_icon.kernel_dead_icon');
        const busy = !!document.querySelector('#kernel_indicator_icon.kernel_busy_icon');
        const done = dead || (!busy && prompts.length > 0 && !prompts.some((p) => p.includes('*')) &&
            (prompts.every((p) => /In\s*\[\d+\]/.test(p)) || document.querySelector('.output_area .output_error') !== null));
        const hash = (text) => { let h = 0; for (let i = 0; i < text.length; i++) h = (h * 31 + text.charCodeAt(i)) | 0; return h; };
        const shown = [];
        document.querySelectorAll('.cell.code_cell').forEach((cell, index) => {
          const imgs = [...cell.querySelectorAll('.output_area img')];
          if (imgs.length) shown.push({ index, sig: imgs.map((img) => hash(img.getAttribute('src') || '')).join('/') });
        });
        return { done, shown };
      });
      for (const { index, sig } of state.shown) {
        const seen = pictures.get(index) || [];
        if (seen[seen.length - 1] !== sig) seen.push(sig);
        pictures.set(index, seen);
        if (args.live && !midShot && seen.length >= 3 && !state.done) {
          midShot = { index, pictures: seen.length };
          try {
            await page.locator('.cell.code_cell').nth(index).locator('.output_area:has(img)').first()
              .screenshot({ path: path.join(args.shots, 'live-mid.png') });
          } catch (e) { log(`could not take the mid-run screenshot: ${e.message}`); }
        }
      }
      if (state.done) break;
      if (Date.now() > deadline) throw new Error(`the notebook did not finish within ${args.timeout} s`);
      await page.waitForTimeout(200);
    }
    result.runSeconds = (Date.now() - started) / 1000;
    log(`all cells ran in ${result.runSeconds.toFixed(1)} s`);

    // Every check is read off the page itself.
    const seen = await page.evaluate(() => {
      const text = (el) => (el.innerText || el.textContent || '').trim();
      const prompts = [...document.querySelectorAll('.cell.code_cell .input_prompt')].map(text);
      const errors = [...document.querySelectorAll('.output_area .output_error')].map((el) => text(el).slice(0, 400));
      const stderr = [...document.querySelectorAll('.output_area .output_stderr')].map((el) => text(el).slice(0, 400));
      const imgs = [...document.querySelectorAll('.output_area img')].map((img) => ({
        w: img.naturalWidth, h: img.naturalHeight, complete: img.complete,
        src: (img.getAttribute('src') || '').slice(0, 30),
      }));
      const texts = [...document.querySelectorAll('.output_area .output_text')].map(text);
      const dialogs = [...document.querySelectorAll('.modal.in .modal-body, .modal.show .modal-body')].map(text);
      const dead = !!document.querySelector('#kernel_indicator_icon.kernel_dead_icon');
      return { prompts, errors, stderr, imgs, texts, dialogs, dead };
    });

    result.checks.codeCells = seen.prompts.length;
    result.checks.allRan = seen.prompts.every((p) => /In\s*\[\d+\]/.test(p));
    if (!result.checks.allRan) problem(`not every code cell ran: prompts ${JSON.stringify(seen.prompts)}`);
    if (seen.dead) problem('the kernel died (kernel indicator shows dead)');
    if (seen.dialogs.length) problem(`a dialog is open: ${seen.dialogs.join(' | ')}`);

    result.checks.errorOutputs = seen.errors.length;
    for (const e of seen.errors) problem(`error output on the page: ${e}`);
    if (seen.stderr.length) log(`note: ${seen.stderr.length} stderr output(s): ${seen.stderr.join(' | ')}`);

    const rendered = seen.imgs.filter((i) => i.complete && i.w > 0 && i.h > 0);
    result.checks.renderedImages = rendered.length;
    result.checks.images = seen.imgs;
    if (rendered.length === 0) problem(`no rendered <img> in any output (found ${seen.imgs.length} <img>, none loaded)`);

    const tensorText = seen.texts.find((t) => t.includes('tensor('));
    result.checks.tensorText = tensorText ? tensorText.slice(0, 200) : null;
    if (args.tensor && !tensorText) problem('no text output contains "tensor(" (a printed Tensor)');

    if (args.live) {
      // The live cell: the one whose picture changed most often while the notebook ran.
      let live = null;
      for (const [index, seenPictures] of pictures) {
        if (!live || seenPictures.length > live.pictures) live = { index, pictures: seenPictures.length };
      }
      result.checks.livePictures = live ? live.pictures : 0;
      result.checks.liveCell = live ? live.index : null;
      result.checks.liveMidScreenshot = midShot ? path.join(args.shots, 'live-mid.png') : null;
      if (!live || live.pictures < 3) {
        problem(`no picture was replaced in place while a cell ran (most pictures seen in one cell: ${live ? live.pictures : 0}; a live plot shows at least 3)`);
      } else {
        const final = page.locator('.cell.code_cell').nth(live.index).locator('.output_area img');
        const loaded = await final.evaluateAll((imgs) => imgs.length === 1 && imgs[0].complete && imgs[0].naturalWidth > 0);
        result.checks.liveFinalLoaded = loaded;
        if (!loaded) problem(`the live cell (code cell ${live.index + 1}) does not end with exactly one loaded picture`);
        try {
          await page.locator('.cell.code_cell').nth(live.index).locator('.output_area:has(img)').first()
            .screenshot({ path: path.join(args.shots, 'live-final.png') });
        } catch (e) { log(`could not take the final live screenshot: ${e.message}`); }
      }
    }

    result.ok = result.problems.length === 0;
  } catch (e) {
    problem(`${e.name || 'Error'}: ${String(e.message || e).split('\n')[0]}`);
  } finally {
    if (page) {
      try {
        // The notebook scrolls inside #site, not the window: make the viewport as tall as the
        // notebook so one screenshot shows all of it.
        const height = await page.evaluate(() => {
          const nb = document.querySelector('#notebook-container');
          const header = document.querySelector('#header');
          return (nb ? nb.scrollHeight : 900) + (header ? header.offsetHeight : 0) + 80;
        });
        await page.setViewportSize({ width: 1100, height: Math.min(Math.max(height, 900), 12000) });
        await page.evaluate(() => { const site = document.querySelector('#site'); if (site) site.scrollTop = 0; });
        await page.waitForTimeout(300);
        result.screenshot = path.join(args.shots, 'page.png');
        await page.screenshot({ path: result.screenshot });
        const plot = page.locator('.output_area:has(img)').first();
        if (await plot.count()) {
          result.plotScreenshot = path.join(args.shots, 'plot.png');
          await plot.screenshot({ path: result.plotScreenshot });
        }
      } catch (e) {
        log(`could not take a screenshot: ${e.message}`);
      }
    }
    await browser.close().catch(() => {});
  }
  process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
  return result.ok ? 0 : 1;
}

main().then((code) => process.exit(code), (e) => {
  process.stderr.write(`browser: ${e.stack || e}\n`);
  process.stdout.write(`RESULT ${JSON.stringify({ ok: false, problems: [String(e.message || e)] })}\n`);
  process.exit(1);
});
