// The single file (dist-single/jianbao.html, opened from disk) with the archive and paste
// workers: `cargo xtask dist` embeds every worker Trunk emits, so a paste of HTML, search
// and 供稿统计 work there as in the hosted app, fetching nothing but blob: URLs.

import { test, expect } from './fixtures';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The repository root (this file lives in tests/e2e). */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The single file, beside the build the other tests serve. */
const SINGLE = resolve(ROOT, `${process.env.JIANBAO_E2E_DIST ?? 'dist'}-single`, 'jianbao.html');

test('the single file pastes, searches and counts through its embedded workers', async ({ page }) => {
  expect(existsSync(SINGLE), `${SINGLE} is missing: run \`cargo xtask dist\``).toBe(true);
  await page.goto(pathToFileURL(SINGLE).href);
  await expect(page.getByTestId('preview').locator('header.masthead')).toContainText('科协工作简报');

  // A paste of HTML: converted and cleaned in the paste worker, then added.
  await page.getByTestId('paste-submission').click();
  await page.getByTestId('paste-input').evaluate((area) => {
    const transfer = new DataTransfer();
    transfer.setData('text/html', '<p><b>单文件粘贴的稿件</b></p><p>这是 一段 从单文件版粘贴的正文。</p><p>（市天文学会）</p>');
    area.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }));
  });
  await expect(page.getByTestId('paste-preview')).toContainText('这是一段从单文件版粘贴的正文。');
  await expect(page.getByTestId('paste-sources')).toHaveText('市天文学会');
  await page.getByTestId('paste-confirm').click();
  await expect(page.getByTestId('preview').locator('h3.item-title', { hasText: '单文件粘贴的稿件' })).toHaveCount(1);

  // Published, then found and counted in the archive worker.
  page.once('dialog', (dialog) => dialog.accept());
  await page.getByTestId('publish').click();
  await expect(page.locator('.banner', { hasText: '已发布并存入归档' })).toBeVisible();
  await page.getByTestId('archive').click();
  await page.getByRole('tab', { name: '搜索' }).click();
  await page.getByRole('searchbox', { name: '搜索归档与草稿' }).fill('单文件版');
  await expect(page.getByTestId('search-hit').first()).toContainText('单文件粘贴的稿件');
  await page.getByRole('tab', { name: '供稿统计' }).click();
  const row = page.getByTestId('stats-table-view').locator('tbody tr').filter({ has: page.getByRole('rowheader', { name: '市天文学会', exact: true }) });
  await expect(row.locator('td').first()).toHaveText('1');

  const loaded = await page.evaluate(() => performance.getEntriesByType('resource').map((entry) => entry.name));
  expect(loaded.filter((url) => !url.startsWith('blob:'))).toEqual([]);
});
