// The browser half of `cargo xtask bench`: it serves a release build on a free 127.0.0.1
// port, drives Debian's headless Chromium with Playwright, prints a table and writes the
// figures as JSON. Every timing is the median of several runs; nothing here is asserted.
//
// It lives outside tests/e2e on purpose: Playwright's test runner must not pick it up.
//
// Usage: node bench/browser.mjs DIST_DIR OUT_JSON [RUNS]
// The big issue is read from $JIANBAO_SHARED/bench/big-issue.md (default ../shared beside
// the repository); when it is absent the rows that need it are skipped and say so.

import { chromium } from 'playwright';
import { createServer } from 'node:http';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DIST = resolve(process.argv[2] ?? join(ROOT, 'target', 'bench-dist'));
const OUT = resolve(process.argv[3] ?? join(ROOT, 'target', 'bench.json'));
const RUNS = Math.max(3, Number(process.argv[4] ?? 3));
const SHARED = resolve(process.env.JIANBAO_SHARED ?? join(ROOT, '..', 'shared'));
const BIG_PATH = join(SHARED, 'bench', 'big-issue.md');
const BIG = existsSync(BIG_PATH) ? readFileSync(BIG_PATH, 'utf8') : null;
const KEYSTROKES = 100;
const MEMORY_KEYSTROKES = 2000;
/** How many saves the autosave figures are taken over, one keystroke before each. */
const AUTOSAVES = 50;

// ---------------------------------------------------------------------------------------
// Small statistics helpers.

/** The value at quantile `q` (0..1) of the numbers, by the nearest-rank method. */
function quantile(values, q) {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank];
}

/** The median of the numbers (null when there are none). */
const median = (values) => quantile(values.filter((v) => v != null), 0.5);

/** Runs `measure` RUNS times, one after another, and returns every result. */
async function repeat(measure) {
  const results = [];
  for (let run = 0; run < RUNS; run += 1) results.push(await measure(run));
  return results;
}

// ---------------------------------------------------------------------------------------
// Static server (the same rules as tests/e2e/serve.mjs, on a free port).

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.png': 'image/png',
};

/** Starts the static server on a free port and resolves to it and its address. */
function serve(root) {
  const server = createServer(async (request, response) => {
    let path = decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname);
    if (path.endsWith('/')) path += 'index.html';
    const file = normalize(join(root, path));
    try {
      if (!file.startsWith(root + sep) || !(await stat(file)).isFile()) throw new Error('not a file');
      const body = await readFile(file);
      response.writeHead(200, {
        'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
        'Cache-Control': 'no-store',
      });
      response.end(body);
    } catch {
      response.writeHead(404).end('not found');
    }
  });
  return new Promise((done) => {
    server.listen(0, '127.0.0.1', () => done({ server, url: `http://127.0.0.1:${server.address().port}/` }));
  });
}

// ---------------------------------------------------------------------------------------
// Transfer sizes of the first load, read from the build folder.

/** Raw and gzip -9 sizes of what index.html loads first, by kind. */
function transferSizes() {
  const index = readFileSync(join(DIST, 'index.html'), 'utf8');
  const names = new Set(['index.html']);
  for (const match of index.matchAll(/(?:href|module_or_path:|from)\s*=?\s*["']\.\/([^"']+)["']/g)) {
    names.add(match[1]);
  }
  const kinds = { wasm: [0, 0], js: [0, 0], css: [0, 0], html: [0, 0] };
  for (const name of names) {
    const kind = extname(name).slice(1);
    if (!(kind in kinds)) continue;
    const bytes = readFileSync(join(DIST, name));
    kinds[kind][0] += bytes.length;
    kinds[kind][1] += gzipSync(bytes, { level: 9 }).length;
  }
  const sizes = {};
  for (const [kind, [raw, gzip]] of Object.entries(kinds)) sizes[kind] = { raw, gzip };
  sizes.wasm_js_css = {
    raw: kinds.wasm[0] + kinds.js[0] + kinds.css[0],
    gzip: kinds.wasm[1] + kinds.js[1] + kinds.css[1],
  };
  return sizes;
}

// ---------------------------------------------------------------------------------------
// In-page instruments, installed before the app's own scripts run.

/**
 * Records keydown times (capturing, event.timeStamp) and the first preview mutation after
 * each; exposes the wasm memory from Trunk's start event; and offers a load probe that
 * inserts `x` into the item body as soon as the editor is there.
 */
function instruments() {
  const bench = (window.__bench = { keys: [], latencies: [], wasm: null, statusTimes: [], gaps: [] });
  addEventListener('TrunkApplicationStarted', (event) => {
    bench.wasm = event.detail?.wasm ?? null;
  });
  addEventListener(
    'keydown',
    (event) => {
      bench.pending = event.timeStamp;
    },
    true,
  );
  bench.observePreview = () => {
    const preview = document.querySelector('[data-testid=preview]');
    if (!preview || bench.observer) return !!preview;
    bench.observer = new MutationObserver(() => {
      const now = performance.now();
      if (bench.pending != null) {
        bench.latencies.push(now - bench.pending);
        bench.pending = null;
      }
    });
    bench.observer.observe(preview, { subtree: true, childList: true, characterData: true, attributes: true });
    const status = document.querySelector('[data-testid=save-status]');
    if (status) {
      new MutationObserver(() => bench.statusTimes.push(performance.now())).observe(status, {
        subtree: true,
        childList: true,
        characterData: true,
        attributes: true,
      });
    }
    return true;
  };
  // Load to interactive: poll each task until the item body exists, insert `x` as typing
  // would, and note when the preview first changes after that.
  bench.loadProbe = () =>
    new Promise((done) => {
      let inserted = null;
      const tick = () => {
        const body = document.querySelector('[data-testid=item-body]');
        if (!body) {
          const item = document.querySelector('[data-testid=outline-item]');
          if (item && !bench.clicked) {
            bench.clicked = true;
            item.click();
          }
          setTimeout(tick, 0);
          return;
        }
        const preview = document.querySelector('[data-testid=preview]');
        if (inserted == null) {
          new MutationObserver((_, observer) => {
            observer.disconnect();
            done(performance.now());
          }).observe(preview, { subtree: true, childList: true, characterData: true });
          body.focus();
          body.setSelectionRange(body.value.length, body.value.length);
          body.value += 'x';
          inserted = performance.now();
          body.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: 'x' }));
        }
      };
      tick();
    });
  // Main-thread gaps: a MessageChannel ping-pong notes how long each task between two
  // pings kept the thread busy.
  // Each start ends the previous loop (a loop that outlived its measurement would keep
  // the thread busy and count its own pings as busy time).
  bench.startGaps = () => {
    const channel = new MessageChannel();
    const loop = {};
    bench.loop = loop;
    let last = performance.now();
    bench.gaps = [];
    bench.sampling = true;
    channel.port1.onmessage = () => {
      if (bench.loop !== loop) return;
      const now = performance.now();
      if (now - last > 1) bench.gaps.push([last, now]);
      last = now;
      if (bench.sampling) channel.port2.postMessage(0);
    };
    channel.port2.postMessage(0);
  };
}

const INSTRUMENTS = `(${instruments.toString()})();`;

// ---------------------------------------------------------------------------------------
// Browser helpers.

const chromiumArgs = JSON.parse(readFileSync(join(ROOT, 'webdriver.json'), 'utf8'))['goog:chromeOptions'].args;

/** A fresh context (empty storage, no service worker so every load uses the network). */
async function newContext(browser, storageState) {
  const context = await browser.newContext({
    locale: 'zh-CN',
    viewport: { width: 1280, height: 800 },
    serviceWorkers: 'block',
    acceptDownloads: true,
    storageState,
  });
  await context.addInitScript(INSTRUMENTS);
  return context;
}

/** Opens the app and waits until the editor and preview are there. */
async function openApp(page, url) {
  await page.goto(url);
  await page.getByTestId('preview').locator('article.bulletin').first().waitFor();
  await page.getByTestId('outline-item').first().waitFor();
  if ((await page.getByTestId('item-body').count()) === 0) await page.getByTestId('outline-item').first().click();
  await page.getByTestId('item-body').waitFor();
  await page.evaluate(() => window.__bench.observePreview());
}

/** Imports the big issue through the toolbar's file input and waits until it is shown. */
async function importBig(page) {
  const before = await page.getByTestId('outline-item').count();
  const start = performance.now();
  await page.getByTestId('import-file').setInputFiles({
    name: 'big-issue.md',
    mimeType: 'text/markdown',
    buffer: Buffer.from(BIG, 'utf8'),
  });
  // The import is done when the outline shows the big issue's items (on the first import:
  // when the outline has changed at all).
  await page.waitForFunction(
    ([old, n]) => {
      const count = document.querySelectorAll('[data-testid=outline-item]').length;
      return n == null ? count !== old : count === n;
    },
    [before, bigItems],
    { polling: 'raf', timeout: 30_000 },
  );
  const took = performance.now() - start;
  if ((await page.getByTestId('item-body').count()) === 0) await page.getByTestId('outline-item').first().click();
  return took;
}

/** The number of outline items of the big issue, learned on its first import. */
let bigItems = null;

/** Waits until the autosave has written (the status settled after the debounce). */
async function waitSaved(page) {
  await page.waitForTimeout(1200);
}

/** Types `count` x at the end of the chosen item's body and returns the latencies (ms). */
async function typeLatencies(page, count) {
  const body = page.getByTestId('item-body');
  await body.click();
  await page.keyboard.press('Control+End');
  await page.evaluate(() => {
    window.__bench.latencies = [];
    window.__bench.pending = null;
  });
  for (let i = 0; i < count; i += 1) {
    await page.keyboard.press('x');
    await page.waitForFunction((n) => window.__bench.latencies.length >= n, i + 1, { polling: 'raf', timeout: 5000 });
  }
  return page.evaluate(() => window.__bench.latencies);
}

/** JS heap and wasm memory (bytes) after a forced garbage collection where possible. */
async function memory(page) {
  const client = await page.context().newCDPSession(page);
  await client.send('HeapProfiler.collectGarbage').catch(() => {});
  await client.detach();
  return page.evaluate(() => ({
    jsHeap: performance.memory ? performance.memory.usedJSHeapSize : null,
    wasm: window.__bench.wasm?.memory?.buffer?.byteLength ?? null,
  }));
}

// ---------------------------------------------------------------------------------------
// The measurements.

async function loadToInteractive(browser, url, storageState) {
  return repeat(async () => {
    const context = await newContext(browser, storageState);
    const page = await context.newPage();
    await page.goto(url, { waitUntil: 'commit' });
    const at = await page.evaluate(() => window.__bench.loadProbe());
    await context.close();
    return at;
  });
}

/** A context whose storage holds the big issue, as a storage state to reuse. */
async function bigStorage(browser, url) {
  const context = await newContext(browser);
  const page = await context.newPage();
  await openApp(page, url);
  const took = await importBig(page);
  bigItems = bigItems ?? (await page.getByTestId('outline-item').count());
  await waitSaved(page);
  const state = await context.storageState({ indexedDB: true });
  await context.close();
  return { state, took };
}

async function keystrokes(browser, url, storageState) {
  const runs = await repeat(async () => {
    const context = await newContext(browser, storageState);
    const page = await context.newPage();
    await openApp(page, url);
    const latencies = await typeLatencies(page, KEYSTROKES);
    await context.close();
    return latencies;
  });
  return {
    p50: median(runs.map((l) => quantile(l, 0.5))),
    p95: median(runs.map((l) => quantile(l, 0.95))),
    max: median(runs.map((l) => Math.max(...l))),
  };
}

/**
 * Autosave main-thread time: AUTOSAVES saves in one page, each after one keystroke (a
 * first, unmeasured save puts the draft in storage). For each save the busy tasks are
 * counted from 300 ms after the keystroke (its own render is over by then) until the
 * save status settled; the figure per run is the p95 (and max) over the saves.
 */
async function autosave(browser, url, storageState) {
  const runs = await repeat(async () => {
    const context = await newContext(browser, storageState);
    const page = await context.newPage();
    await openApp(page, url);
    await page.getByTestId('item-body').click();
    await page.keyboard.press('Control+End');
    const saves = [];
    for (let n = 0; n <= AUTOSAVES; n += 1) {
      await page.evaluate(() => {
        window.__bench.statusTimes = [];
        window.__bench.pending = null;
        window.__bench.startGaps();
      });
      await page.keyboard.press('x');
      const keyAt = await page.evaluate(() => window.__bench.pending ?? performance.now());
      await page
        .waitForFunction((key) => window.__bench.statusTimes.some((t) => t > key + 300), keyAt, {
          polling: 50,
          timeout: 5000,
        })
        .catch(() => {});
      await page.waitForTimeout(80);
      const save = await page.evaluate((key) => {
        const bench = window.__bench;
        bench.sampling = false;
        const statuses = bench.statusTimes.filter((t) => t > key + 300);
        const end = statuses.length ? Math.max(...statuses) + 50 : key + 1500;
        const busy = bench.gaps.filter(([from, to]) => to > key + 300 && from < end);
        return {
          busyMs: busy.reduce((sum, [from, to]) => sum + (to - from), 0),
          longest: busy.reduce((max, [from, to]) => Math.max(max, to - from), 0),
          statusSeen: statuses.length > 0,
        };
      }, keyAt);
      if (n > 0) saves.push(save);
    }
    await context.close();
    return {
      p50: quantile(saves.map((s) => s.busyMs), 0.5),
      p95: quantile(saves.map((s) => s.busyMs), 0.95),
      max: Math.max(...saves.map((s) => s.busyMs)),
      longest: Math.max(...saves.map((s) => s.longest)),
      statusSeen: saves.every((s) => s.statusSeen),
    };
  });
  return {
    p50: median(runs.map((r) => r.p50)),
    p95: median(runs.map((r) => r.p95)),
    max: median(runs.map((r) => r.max)),
    longestMs: median(runs.map((r) => r.longest)),
    statusSeen: runs.every((r) => r.statusSeen),
  };
}

async function memoryAfterTyping(browser, url, storageState) {
  const runs = await repeat(async () => {
    const context = await newContext(browser, storageState);
    const page = await context.newPage();
    await openApp(page, url);
    await waitSaved(page);
    const afterLoad = await memory(page);
    await page.getByTestId('item-body').click();
    await page.keyboard.press('Control+End');
    for (let done = 0; done < MEMORY_KEYSTROKES; done += 100) await page.keyboard.type('x'.repeat(100));
    await waitSaved(page);
    const afterTyping = await memory(page);
    await context.close();
    return { afterLoad, afterTyping };
  });
  const pick = (f) => median(runs.map(f));
  return {
    afterLoad: { jsHeap: pick((r) => r.afterLoad.jsHeap), wasm: pick((r) => r.afterLoad.wasm) },
    afterTyping: { jsHeap: pick((r) => r.afterTyping.jsHeap), wasm: pick((r) => r.afterTyping.wasm) },
  };
}

async function exportsAndImport(browser, url, storageState) {
  const runs = await repeat(async () => {
    const context = await newContext(browser, storageState);
    const page = await context.newPage();
    await openApp(page, url);
    const times = {};
    for (const id of ['export-html', 'export-md']) {
      const start = performance.now();
      const download = page.waitForEvent('download', { timeout: 30_000 });
      await page.getByTestId(id).click();
      await download;
      times[id] = performance.now() - start;
    }
    await context.close();
    // The import into a fresh editor (the sample issue), from the file to the outline.
    const fresh = await newContext(browser);
    const freshPage = await fresh.newPage();
    await openApp(freshPage, url);
    times.import = await importBig(freshPage);
    await fresh.close();
    return times;
  });
  return {
    exportHtml: median(runs.map((r) => r['export-html'])),
    exportMd: median(runs.map((r) => r['export-md'])),
    import: median(runs.map((r) => r.import)),
  };
}

// ---------------------------------------------------------------------------------------
// The table.

const kb = (bytes) => (bytes == null ? '—' : `${(bytes / 1024).toFixed(1)} KiB`);
const mb = (bytes) => (bytes == null ? '—' : `${(bytes / 1024 / 1024).toFixed(2)} MiB`);
const ms = (value) => (value == null ? '—' : `${value.toFixed(2)} ms`);

function printTable(rows) {
  const widths = [0, 1, 2].map((col) => Math.max(...rows.map((row) => String(row[col]).length)));
  for (const row of rows) {
    console.log(row.map((cell, col) => String(cell).padEnd(widths[col] ?? 0)).join(' | '));
  }
}

async function main() {
  if (!existsSync(join(DIST, 'index.html'))) throw new Error(`${DIST}/index.html is missing: build first`);
  const { server, url } = await serve(DIST);
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [...chromiumArgs, '--enable-precise-memory-info'],
  });
  const results = { runs: RUNS, dist: DIST, bigIssue: BIG ? BIG_PATH : null, sizes: transferSizes() };
  try {
    const step = (name) => console.error(`bench: ${name} (${new Date().toISOString()})`);
    step('load, no draft');
    results.loadNoDraft = median(await loadToInteractive(browser, url));
    step('keystrokes, sample issue');
    results.keystrokeSample = await keystrokes(browser, url);
    step('autosave, sample issue');
    results.autosaveSample = await autosave(browser, url);
    if (BIG) {
      step('storing the big issue');
      const big = await bigStorage(browser, url);
      results.bigItems = bigItems;
      step('load, big draft');
      results.loadBigDraft = median(await loadToInteractive(browser, url, big.state));
      step('keystrokes, big issue');
      results.keystrokeBig = await keystrokes(browser, url, big.state);
      step('autosave, big issue');
      results.autosaveBig = await autosave(browser, url, big.state);
      step('memory, big issue');
      results.memoryBig = await memoryAfterTyping(browser, url, big.state);
      step('export and import, big issue');
      results.filesBig = await exportsAndImport(browser, url, big.state);
    } else {
      console.error(`bench: ${BIG_PATH} is absent: the big-issue rows are skipped.`);
    }
  } finally {
    await browser.close();
    server.close();
    writeFileSync(OUT, JSON.stringify(results, null, 2) + '\n');
  }

  const r = results;
  const s = r.sizes;
  const skipped = BIG ? '—' : 'skipped: no big issue';
  const rows = [
    ['figure', 'measured', 'target'],
    ['---', '---', '---'],
    ['wasm raw / gzip', `${kb(s.wasm.raw)} / ${kb(s.wasm.gzip)}`, ''],
    ['JS raw / gzip', `${kb(s.js.raw)} / ${kb(s.js.gzip)}`, ''],
    ['CSS raw / gzip', `${kb(s.css.raw)} / ${kb(s.css.gzip)}`, ''],
    ['HTML raw / gzip', `${kb(s.html.raw)} / ${kb(s.html.gzip)}`, ''],
    ['wasm+JS+CSS gzip', kb(s.wasm_js_css.gzip), '≤ 220 KiB'],
    ['load to interactive, no draft', ms(r.loadNoDraft), '≤ 200 ms'],
    ['load to interactive, big draft', BIG ? ms(r.loadBigDraft) : skipped, ''],
    ['keystroke p50/p95/max, sample', `${ms(r.keystrokeSample.p50)} / ${ms(r.keystrokeSample.p95)} / ${ms(r.keystrokeSample.max)}`, ''],
    [`autosave main thread p50/p95/max of ${AUTOSAVES}, sample`, `${ms(r.autosaveSample.p50)} / ${ms(r.autosaveSample.p95)} / ${ms(r.autosaveSample.max)}`, 'no slower than before'],
  ];
  if (BIG) {
    const k = r.keystrokeBig;
    const m = r.memoryBig;
    const growth = (a, b) => (a && b ? `${(((b - a) / a) * 100).toFixed(1)} %` : '—');
    rows.push(
      ['keystroke p50/p95/max, big', `${ms(k.p50)} / ${ms(k.p95)} / ${ms(k.max)}`, `p95 ≤ 4 ms and ≤ ${ms(1.5 * r.keystrokeSample.p95)}`],
      [`autosave main thread p50/p95/max of ${AUTOSAVES}, big`, `${ms(r.autosaveBig.p50)} / ${ms(r.autosaveBig.p95)} / ${ms(r.autosaveBig.max)} (longest task ${ms(r.autosaveBig.longestMs)})`, 'p95 ≤ 5 ms'],
      ['JS heap after load / 2,000 keys', `${mb(m.afterLoad.jsHeap)} / ${mb(m.afterTyping.jsHeap)} (${growth(m.afterLoad.jsHeap, m.afterTyping.jsHeap)})`, '≤ +10 %'],
      ['wasm memory after load / 2,000 keys', `${mb(m.afterLoad.wasm)} / ${mb(m.afterTyping.wasm)} (${growth(m.afterLoad.wasm, m.afterTyping.wasm)})`, '≤ +10 %'],
      ['export HTML, big', ms(r.filesBig.exportHtml), ''],
      ['export Markdown, big', ms(r.filesBig.exportMd), ''],
      ['import, big', ms(r.filesBig.import), ''],
    );
  } else {
    rows.push(['big-issue rows', skipped, '']);
  }
  console.log(`\nMedians of ${RUNS} runs${BIG ? `; big issue: ${r.bigItems} items` : ''}:\n`);
  printTable(rows);
  console.log(`\nwritten: ${OUT}`);
}

main().catch((error) => {
  console.error(`bench: ${error.stack ?? error}`);
  process.exit(1);
});
