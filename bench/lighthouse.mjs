// The outside judge: Lighthouse 12 on the release build, served with gzip as a static host
// would serve it, under Lighthouse's desktop and mobile presets, in Debian's headless
// Chromium. Prints the four category scores, the key metrics and the audits that lost
// points, and writes the figures to a JSON file. It measures; it asserts nothing.
//
// Usage: node bench/lighthouse.mjs DIST OUT.json [CHROMIUM]
// (`cargo xtask lighthouse` builds dist/ first and runs this.)

import { createServer } from 'node:http';
import { existsSync } from 'node:fs';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import * as chromeLauncher from 'chrome-launcher';

const root = resolve(process.argv[2] ?? 'dist');
const out = process.argv[3] ?? 'target/lighthouse.json';
const chromium = process.argv[4] ?? '/usr/bin/chromium';

if (!existsSync(join(root, 'index.html'))) {
  console.error(`${root}/index.html is missing: build first (cargo xtask dist).`);
  process.exit(1);
}
if (!existsSync(chromium)) {
  console.error(`${chromium} is missing: install Debian's chromium (apt-get install chromium).`);
  process.exit(1);
}

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};
// What a static host compresses: text and WebAssembly, not images that are compressed already.
const COMPRESSED = new Set(['.html', '.js', '.css', '.wasm', '.json', '.webmanifest', '.svg', '.txt']);

// A request path as a file inside the root, or null when it would leave the root.
function fileFor(urlPath) {
  let path = decodeURIComponent(urlPath);
  if (path.endsWith('/')) path += 'index.html';
  const file = normalize(join(root, path));
  return file === root || file.startsWith(root + sep) ? file : null;
}

// Each file is compressed once, with gzip -9, as a host that precompresses would.
const gzipped = new Map();

const server = createServer(async (request, response) => {
  const { pathname } = new URL(request.url ?? '/', 'http://127.0.0.1');
  const file = fileFor(pathname);
  try {
    if (!file || !(await stat(file)).isFile()) throw new Error('not a file');
    let body = await readFile(file);
    const headers = {
      'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
      // Hashed names may be kept; the page and the service worker must be asked for again.
      'Cache-Control': /-[0-9a-f]{16}/.test(file) ? 'public, max-age=31536000, immutable' : 'no-cache',
      Vary: 'Accept-Encoding',
    };
    if (COMPRESSED.has(extname(file)) && /\bgzip\b/.test(request.headers['accept-encoding'] ?? '')) {
      if (!gzipped.has(file)) gzipped.set(file, gzipSync(body, { level: 9 }));
      body = gzipped.get(file);
      headers['Content-Encoding'] = 'gzip';
    }
    headers['Content-Length'] = body.length;
    response.writeHead(200, headers);
    response.end(request.method === 'HEAD' ? undefined : body);
  } catch {
    response.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
  }
});

await new Promise((done) => server.listen(0, '127.0.0.1', done));
const url = `http://127.0.0.1:${server.address().port}/`;
console.log(`Serving ${root} with gzip on ${url}`);

const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];
const METRICS = [
  ['first-contentful-paint', 'FCP'],
  ['largest-contentful-paint', 'LCP'],
  ['total-blocking-time', 'TBT'],
  ['cumulative-layout-shift', 'CLS'],
  ['speed-index', 'Speed Index'],
  ['interactive', 'TTI'],
];

const chrome = await chromeLauncher.launch({
  chromePath: chromium,
  chromeFlags: [
    '--headless=new',
    '--no-sandbox',
    '--disable-gpu',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-default-apps',
    '--disable-sync',
  ],
});

const figures = {};
try {
  for (const [preset, config] of [
    ['desktop', desktopConfig],
    ['mobile', undefined],
  ]) {
    const result = await lighthouse(
      url,
      { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: CATEGORIES },
      config,
    );
    const lhr = result.lhr;
    if (lhr.runtimeError) console.log(`  ${preset}: runtime error ${lhr.runtimeError.code}: ${lhr.runtimeError.message}`);
    const scores = Object.fromEntries(CATEGORIES.map((id) => [id, Math.round((lhr.categories[id]?.score ?? 0) * 100)]));
    const metrics = Object.fromEntries(
      METRICS.map(([id]) => [id, { value: lhr.audits[id]?.numericValue ?? null, shown: lhr.audits[id]?.displayValue ?? '' }]),
    );
    // The audits that cost points: a score below 1 in an audit that counts (weight > 0).
    const flagged = [];
    for (const id of CATEGORIES) {
      for (const ref of lhr.categories[id]?.auditRefs ?? []) {
        const audit = lhr.audits[ref.id];
        if (!audit || audit.score === null || audit.score >= 1) continue;
        if (audit.scoreDisplayMode === 'informative' || audit.scoreDisplayMode === 'notApplicable') continue;
        if (!ref.weight) continue;
        flagged.push(`${id}: ${ref.id} (${audit.score})${audit.displayValue ? ' ' + audit.displayValue : ''}`);
      }
    }
    figures[preset] = { scores, metrics, flagged };
    console.log(`\n${preset}: ${CATEGORIES.map((id) => `${id} ${scores[id]}`).join(', ')}`);
    console.log('  ' + METRICS.map(([id, label]) => `${label} ${metrics[id].shown || 'n/a'}`).join(', '));
    for (const line of flagged) console.log(`  lost points: ${line}`);
  }
} finally {
  await chrome.kill();
  server.close();
}
await writeFile(out, JSON.stringify(figures, null, 2) + '\n');
console.log(`\nFigures written to ${out}.`);
