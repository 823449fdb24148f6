// The parts loaded on demand work offline after one visit: the archive worker (search and
// 供稿统计) and the paste worker (Word's HTML to Markdown, the cleanup rules, the
// "already published" check). The first visit never uses them; the service worker
// precaches their files with the rest of the build (`cargo xtask dist`'s file list), and
// with the network gone each of them loads from that cache the first time it is needed.

import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { importText } from './export-helpers';

/** A published issue of our own, in the format's shape (docs/FORMAT.md). */
const ISSUE = [
  '# 科协工作简报',
  '',
  '2024年第1期（总第41期）',
  '',
  '示例市科协办公室',
  '',
  '2024年1月12日',
  '',
  '## 【学会动态】',
  '',
  '### 营养学会举办膳食讲座',
  '',
  '讲座围绕合理膳食展开，居民踊跃提问。',
  '',
  '（市营养学会、南湖区科协）',
  '',
].join('\n');

/** Opens the app, waits for its service worker, and reloads so that it controls the page. */
async function openControlled(page: Page): Promise<void> {
  await page.goto('./');
  await expect(page.getByTestId('preview').locator('header.masthead')).toBeVisible();
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.reload();
  await expect(page.getByTestId('preview').locator('header.masthead')).toBeVisible();
  expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
}

/** The files in the service worker's cache, by path. */
async function cachedFiles(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const names = await caches.keys();
    const cache = await caches.open(names.find((name) => name.startsWith('jianbao-')) ?? '');
    return (await cache.keys()).map((request) => new URL(request.url).pathname);
  });
}

test('after one visit search, 供稿统计 and a paste work without a network', async ({ page, context }) => {
  await openControlled(page);
  for (const part of ['archive_worker', 'paste_worker']) {
    expect(await cachedFiles(page)).toEqual(expect.arrayContaining([`/${part}_loader.js`, `/${part}.js`, `/${part}_bg.wasm`]));
  }
  // Publishing needs no on-demand part: the first visit loads neither worker.
  await importText(page, '第1期.md', ISSUE);
  await expect(page.getByTestId('preview').locator('h3.item-title').first()).toHaveText('营养学会举办膳食讲座');
  page.once('dialog', (dialog) => dialog.accept());
  await page.getByTestId('publish').click();
  await expect(page.locator('.banner', { hasText: '已发布并存入归档' })).toBeVisible();

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByTestId('preview').locator('h3.item-title').first()).toHaveText('营养学会举办膳食讲座');

  // Search and statistics, from the archive worker.
  await page.getByTestId('archive').click();
  await page.getByRole('tab', { name: '搜索' }).click();
  await page.getByRole('searchbox', { name: '搜索归档与草稿' }).fill('膳食');
  const hit = page.getByTestId('search-hit').first();
  await expect(hit).toContainText('营养学会举办膳食讲座');
  await expect(hit.locator('mark').first()).toHaveText('膳食');
  await page.getByRole('tab', { name: '供稿统计' }).click();
  await expect(page.getByTestId('stats-summary')).toHaveText('共 1 期，采用稿件 1 条；其中 1 条由多个单位合作，分别计入各单位。');
  const row = page.getByTestId('stats-table-view').locator('tbody tr').filter({ has: page.getByRole('rowheader', { name: '南湖区科协', exact: true }) });
  await expect(row.locator('td').first()).toHaveText('1');
  await page.getByTestId('archive-close').click();

  // A paste of Word's HTML, from the paste worker: converted, cleaned, checked, added.
  await page.getByTestId('paste-submission').click();
  await page.getByTestId('paste-input').evaluate((area) => {
    const transfer = new DataTransfer();
    transfer.setData('text/html', '<p><b>离线粘贴的稿件</b></p><p>这是 一段 在没有网络时粘贴的正文。</p><p>（市营养学会）</p>');
    transfer.setData('text/plain', '离线粘贴的稿件');
    area.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }));
  });
  await expect(page.getByTestId('paste-preview')).toContainText('这是一段在没有网络时粘贴的正文。');
  await expect(page.getByTestId('paste-sources')).toHaveText('市营养学会');
  await expect(page.getByTestId('paste-rule').first()).toBeVisible();
  await page.getByTestId('paste-confirm').click();
  await expect(page.getByTestId('preview').locator('h3.item-title', { hasText: '离线粘贴的稿件' })).toHaveCount(1);
  await expect(page.getByTestId('paste-failure')).toHaveCount(0);
  await context.setOffline(false);
});
