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
/**
 * `JIANBAO_BENCH_ONLY=autosave` (a comma list of load, keystrokes, autosave, memory, files)
 * measures only those figures; the others show as not run.
 */
const ONLY = process.env.JIANBAO_BENCH_ONLY?.split(',').map((name) => name.trim());
const wanted = (name) => !ONLY || ONLY.includes(name);
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
  const bench = (window.__bench = { keys: [], latencies: [], wasm: null, saves: [] });
  // Every save the app makes is a `jianbao:save` measure.
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.name !== 'jianbao:save') continue;
      bench.saves.push({ startTime: entry.startTime, duration: entry.duration });
    }
  }).observe({ type: 'measure' });
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
 * The main thread's tasks from a Chromium trace: for each `jianbao:save` measure, the
 * processor time (thread time, `tdur`) of the task that held it, and of the next task
 * that rendered a frame (the status bar's 已保存), in ms.
 */
function savesInTrace(trace) {
  const events = trace.traceEvents;
  const measures = events.filter((e) => e.name === 'jianbao:save' && (e.ph === 'b' || e.ph === 'R' || e.ph === 'X' || e.ph === 'I'));
  if (measures.length === 0) return [];
  const { pid } = measures[0];
  const tasks = events
    .filter((e) => e.pid === pid && e.name === 'RunTask' && e.ph === 'X')
    .sort((x, y) => x.ts - y.ts);
  const frames = events.filter((e) => e.pid === pid && (e.name === 'Layout' || e.name === 'Paint') && e.ph === 'X');
  const saveTasks = [];
  for (const measure of measures.filter((m) => m.ph !== 'e')) {
    const task = tasks.find((t) => t.ts <= measure.ts && measure.ts <= t.ts + t.dur);
    if (!task) continue;
    const frame = tasks.find(
      (t) => t.ts > task.ts && t.tid === task.tid && frames.some((f) => f.tid === t.tid && f.ts >= t.ts && f.ts <= t.ts + t.dur),
    );
    saveTasks.push({ taskMs: (task.tdur ?? task.dur) / 1000, frameMs: frame ? (frame.tdur ?? frame.dur) / 1000 : 0 });
  }
  return saveTasks;
}

/**
 * Autosave main-thread time: AUTOSAVES saves in one page, each after one keystroke (a
 * first, unmeasured save puts the draft in storage). The app wraps every save in a
 * `performance.measure` named `jianbao:save` (src/ui/autosave.rs); a PerformanceObserver
 * collects them. Each keystroke must reach the item's text box (its value grows by one)
 * and be followed by exactly one save, or the benchmark stops with the reason: a figure
 * taken over saves that did not happen would measure nothing.
 *
 * The figure per save is processor time on the main thread, read from a Chromium trace
 * (each task's thread time, as examples/bench_lines.rs counts the thread's time natively,
 * so that other work on a shared machine does not count): the task that saved (the
 * debounce timer: the save and the status bar's update), and beside it that task plus the
 * frame that shows 已保存, and the save's wall-clock time (the measure's duration), which
 * a loaded machine inflates. The figure per run is the p50/p95/max over the saves; the
 * table shows the medians over runs.
 */
async function autosave(browser, url, storageState) {
  const runs = await repeat(async (run) => {
    const context = await newContext(browser, storageState);
    const page = await context.newPage();
    await openApp(page, url);
    const body = page.getByTestId('item-body');
    await body.click();
    await page.keyboard.press('Control+End');
    const walls = [];
    for (let n = 0; n <= AUTOSAVES; n += 1) {
      const where = `autosave, run ${run + 1}, keystroke ${n}`;
      if (n === 1) await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing'] });
      const before = (await body.inputValue()).length;
      await page.evaluate(() => {
        window.__bench.saves = [];
      });
      await page.keyboard.press('x');
      await page
        .waitForFunction(() => window.__bench.saves.length > 0, null, { polling: 100, timeout: 5000 })
        .catch(() => {
          throw new Error(`${where}: no save (jianbao:save measure) within 5 s`);
        });
      // Long enough for a second save to show, were there one.
      await page.waitForTimeout(100);
      const after = (await body.inputValue()).length;
      if (after !== before + 1) {
        const focused = await page.evaluate(
          () => document.activeElement?.dataset?.testid ?? document.activeElement?.tagName,
        );
        throw new Error(
          `${where}: the item body went from ${before} to ${after} characters (focus: ${focused}); the keystroke did not reach it`,
        );
      }
      const entries = await page.evaluate(() => window.__bench.saves);
      if (entries.length !== 1) throw new Error(`${where}: ${entries.length} saves instead of one`);
      if (n > 0) walls.push(entries[0].duration);
    }
    const trace = JSON.parse((await browser.stopTracing()).toString());
    await context.close();
    const saves = savesInTrace(trace);
    if (saves.length !== AUTOSAVES || walls.length !== AUTOSAVES) {
      throw new Error(`autosave, run ${run + 1}: ${saves.length} saves in the trace and ${walls.length} measured, not ${AUTOSAVES}`);
    }
    const task = saves.map((s) => s.taskMs);
    const withFrame = saves.map((s) => s.taskMs + s.frameMs);
    return {
      p50: quantile(task, 0.5),
      p95: quantile(task, 0.95),
      max: Math.max(...task),
      framedP50: quantile(withFrame, 0.5),
      framedP95: quantile(withFrame, 0.95),
      wallP50: quantile(walls, 0.5),
      wallP95: quantile(walls, 0.95),
      saves: saves.length,
    };
  });
  const pick = (key) => median(runs.map((r) => r[key]));
  return {
    p50: pick('p50'),
    p95: pick('p95'),
    max: pick('max'),
    framedP50: pick('framedP50'),
    framedP95: pick('framedP95'),
    wallP50: pick('wallP50'),
    wallP95: pick('wallP95'),
    saves: runs.map((r) => r.saves),
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

/** An autosave row: the saving task's processor time, with its frame, and wall clock. */
const saveCell = (a) =>
  !a
    ? 'not run'
    : `${ms(a.p50)} / ${ms(a.p95)} / ${ms(a.max)} (with the frame showing 已保存 p50/p95 ${ms(a.framedP50)} / ${ms(a.framedP95)}; the save's wall clock ${ms(a.wallP50)} / ${ms(a.wallP95)})`;

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
    if (wanted('load')) {
      step('load, no draft');
      results.loadNoDraft = median(await loadToInteractive(browser, url));
    }
    if (wanted('keystrokes')) {
      step('keystrokes, sample issue');
      results.keystrokeSample = await keystrokes(browser, url);
    }
    if (wanted('autosave')) {
      step('autosave, sample issue');
      results.autosaveSample = await autosave(browser, url);
    }
    if (BIG) {
      step('storing the big issue');
      const big = await bigStorage(browser, url);
      results.bigItems = bigItems;
      if (wanted('load')) {
        step('load, big draft');
        results.loadBigDraft = median(await loadToInteractive(browser, url, big.state));
      }
      if (wanted('keystrokes')) {
        step('keystrokes, big issue');
        results.keystrokeBig = await keystrokes(browser, url, big.state);
      }
      if (wanted('autosave')) {
        step('autosave, big issue');
        results.autosaveBig = await autosave(browser, url, big.state);
      }
      if (wanted('memory')) {
        step('memory, big issue');
        results.memoryBig = await memoryAfterTyping(browser, url, big.state);
      }
      if (wanted('files')) {
        step('export and import, big issue');
        results.filesBig = await exportsAndImport(browser, url, big.state);
      }
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
  /** p50 / p95 / max of a figure, or why there is none. */
  const triple = (x) => (x ? `${ms(x.p50)} / ${ms(x.p95)} / ${ms(x.max)}` : 'not run');
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
    ['keystroke p50/p95/max, sample', triple(r.keystrokeSample), ''],
    [`autosave task, main-thread CPU p50/p95/max of ${AUTOSAVES} saves, sample`, saveCell(r.autosaveSample), 'no slower than before'],
  ];
  if (BIG) {
    const k = r.keystrokeBig;
    const m = r.memoryBig;
    const growth = (a, b) => (a && b ? `${(((b - a) / a) * 100).toFixed(1)} %` : '—');
    const keyTarget = r.keystrokeSample ? ` and ≤ ${ms(1.5 * r.keystrokeSample.p95)}` : '';
    rows.push(
      ['keystroke p50/p95/max, big', triple(k), `p95 ≤ 4 ms${keyTarget}`],
      [`autosave task, main-thread CPU p50/p95/max of ${AUTOSAVES} saves, big`, saveCell(r.autosaveBig), 'p95 ≤ 5 ms'],
      ['JS heap after load / 2,000 keys', m ? `${mb(m.afterLoad.jsHeap)} / ${mb(m.afterTyping.jsHeap)} (${growth(m.afterLoad.jsHeap, m.afterTyping.jsHeap)})` : 'not run', '≤ +10 %'],
      ['wasm memory after load / 2,000 keys', m ? `${mb(m.afterLoad.wasm)} / ${mb(m.afterTyping.wasm)} (${growth(m.afterLoad.wasm, m.afterTyping.wasm)})` : 'not run', '≤ +10 %'],
      ['export HTML, big', ms(r.filesBig?.exportHtml), ''],
      ['export Markdown, big', ms(r.filesBig?.exportMd), ''],
      ['import, big', ms(r.filesBig?.import), ''],
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
