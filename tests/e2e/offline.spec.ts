// The installed / hosted app offline: the release build's service worker (public/sw.js,
// versioned and given its file list by `cargo xtask dist`) precaches every file on the
// first visit and answers from its cache, so the app opens and saves drafts without a
// network; a later build is picked up on the next visit, with a "new version" notice.
//
// Each test serves its own copy of the build (JIANBAO_E2E_DIST, else dist/) on a free
// port of its own, so that it can take the server "offline" and put a changed build in
// its place.

import type { Page } from '@playwright/test';
import { clickThroughReview, test, expect } from './fixtures';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { unzip, wordText } from './zip';

/** The build the copies are made of. */
const DIST = resolve(process.env.JIANBAO_E2E_DIST ?? 'dist');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.webmanifest': 'application/manifest+json',
  '.png': 'image/png',
};

/** The folder served now, and whether the server answers at all (false: "offline"). */
let root = '';
let online = true;
let server: Server;
/** The port the system gave this file's server. */
let port = 0;

// The pages of these tests talk to this file's server only (the fixtures block any other).
test.use({ baseURL: async ({}, use) => use(`http://127.0.0.1:${port}/`) });

test.beforeAll(async () => {
  server = createServer(async (request, response) => {
    const { pathname } = new URL(request.url ?? '/', 'http://127.0.0.1');
    const path = normalize(join(root, decodeURIComponent(pathname.endsWith('/') ? `${pathname}index.html` : pathname)));
    try {
      if (!online) throw new Error('offline');
      if (!path.startsWith(root + sep)) throw new Error('outside the root');
      const body = await readFile(path);
      response.writeHead(200, { 'Content-Type': TYPES[extname(path)] ?? 'application/octet-stream', 'Cache-Control': 'no-store' });
      response.end(body);
    } catch {
      response.writeHead(online ? 404 : 503).end();
    }
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  port = typeof address === 'object' && address ? address.port : 0;
});

test.afterAll(async () => {
  await new Promise((done) => server.close(done));
});

test.beforeEach(async () => {
  online = true;
  root = await mkdtemp(join(tmpdir(), 'jianbao-offline-'));
  await cp(DIST, root, { recursive: true });
});

test.afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

/** Opens the app, waits for its worker, and reloads so that the worker controls the page. */
async function openControlled(page: Page): Promise<void> {
  await page.goto('./');
  await expect(page.getByTestId('preview').locator('header.masthead')).toContainText('科协工作简报');
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.reload();
  await expect(page.getByTestId('preview').locator('header.masthead')).toContainText('科协工作简报');
  expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
}

test('after one visit the app opens and keeps drafts without a network', async ({ page, context }) => {
  await openControlled(page);
  const cached = await page.evaluate(async () => {
    const names = await caches.keys();
    const cache = await caches.open(names.find((name) => name.startsWith('jianbao-')) ?? '');
    return (await cache.keys()).map((request) => new URL(request.url).pathname);
  });
  expect(cached).toContain('/index.html');
  expect(cached.some((path) => path.endsWith('_bg.wasm'))).toBe(true);

  // Both the browser and the server go offline: every file must come from the cache.
  online = false;
  await context.setOffline(true);
  await page.reload();
  const preview = page.getByTestId('preview');
  await expect(preview.locator('header.masthead')).toContainText('科协工作简报');

  const body = page.getByTestId('item-body').first();
  if (!(await body.isVisible())) await page.getByTestId('outline-item').first().getByRole('button').click();
  await body.click();
  await body.press('ControlOrMeta+End');
  await body.pressSequentially(' OfflineDraft42');
  await expect(preview).toContainText('OfflineDraft42');
  await expect(page.getByTestId('save-status')).toHaveText('已保存');

  await page.reload();
  await expect(preview).toContainText('OfflineDraft42');
  await context.setOffline(false);
});

test('after one visit Word files open and export without a network: the workers are cached too', async ({ page, context }, testInfo) => {
  await openControlled(page);
  const cached = await page.evaluate(async () => {
    const names = await caches.keys();
    const cache = await caches.open(names.find((name) => name.startsWith('jianbao-')) ?? '');
    return (await cache.keys()).map((request) => new URL(request.url).pathname);
  });
  // Every on-demand worker's files, whatever their names: each loader, glue and wasm.
  const loaders = cached.filter((path) => path.endsWith('_loader.js'));
  expect(loaders).toEqual(expect.arrayContaining(['/reader_worker_loader.js', '/word_worker_loader.js']));
  for (const loader of loaders) {
    const name = loader.replace(/_loader\.js$/, '');
    expect(cached).toContain(`${name}.js`);
    expect(cached).toContain(`${name}_bg.wasm`);
  }

  online = false;
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByTestId('preview').locator('header.masthead')).toContainText('科协工作简报');
  await page.getByTestId('import-file').setInputFiles({
    name: 'plain.docx',
    mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    buffer: await readFile(join('tests', 'fixtures', 'docx', 'plain.docx')),
  });
  // A submission waits in the Word submissions dialog until it is added.
  await page.getByTestId('inbox-confirm').click();
  await expect(
    page.getByTestId('preview').locator('article.item h3.item-title', { hasText: '街道科协举办老年人智能手机培训班' }),
  ).toHaveCount(1);

  // And the Word export, whose worker was never started online.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    clickThroughReview(page, 'export-word'),
  ]);
  const path = testInfo.outputPath(download.suggestedFilename());
  await download.saveAs(path);
  const parts = unzip(await readFile(path));
  expect(wordText(parts.get('word/document.xml')?.toString('utf8') ?? '')).toContain('街道科协举办老年人智能手机培训班');
  await expect(page.locator('.banner[role="status"]')).toContainText('已导出 Word 文件');
  await context.setOffline(false);
});

test.describe('without the service worker', () => {
  test.use({ serviceWorkers: 'block' });

  test('offline with nothing cached, the Word export says so instead of waiting', async ({ page, context }) => {
  // A visit whose service worker never installed, then no network.
  await page.goto('./');
  await expect(page.getByTestId('preview').locator('header.masthead')).toContainText('科协工作简报');
  online = false;
  await context.setOffline(true);
  await clickThroughReview(page, 'export-word');
  await expect(page.locator('.banner[role="status"]')).toContainText('无法加载 Word 导出程序：当前没有网络');
  await expect(page.getByRole('button', { name: '导出 Word' })).toBeEnabled();
  await context.setOffline(false);
});
});

test('a new build is picked up on the next visit, with a notice', async ({ page }) => {
  await openControlled(page);
  await expect(page.getByTestId('update-notice')).toHaveCount(0);

  // A "new release": a changed page and a service worker with another version.
  const index = await readFile(join(root, 'index.html'), 'utf8');
  await writeFile(
    join(root, 'index.html'),
    index.replace('<title>', '<meta name="jianbao-build" content="second" />\n    <title>'),
  );
  const sw = await readFile(join(root, 'sw.js'), 'utf8');
  const changed = sw.replace(/const VERSION = '([0-9a-f]+)';/, "const VERSION = '$1-second';");
  expect(changed).not.toEqual(sw);
  await writeFile(join(root, 'sw.js'), changed);

  // The next visit still opens the cached version, finds the new worker, and says so.
  await page.reload();
  await expect(page.getByTestId('update-notice')).toContainText('新版本已就绪，刷新即可使用');
  await expect(page.locator('meta[name="jianbao-build"]')).toHaveCount(0);

  // Reloading (the notice's button) runs the new version, from the new cache.
  await page.getByTestId('update-notice').getByRole('button').click();
  await expect(page.locator('meta[name="jianbao-build"]')).toHaveCount(1);
  await expect(page.getByTestId('preview').locator('header.masthead')).toContainText('科协工作简报');
  expect(await page.evaluate(async () => (await caches.keys()).filter((name) => name.startsWith('jianbao-')).length)).toBe(1);
});
