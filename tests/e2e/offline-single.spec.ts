// The single-file app: `cargo xtask dist` writes dist-single/jianbao.html (beside
// $JIANBAO_E2E_DIST when that names another build), one page with the CSS, the glue and
// the wasm inlined. Opened from disk (file://) it must run, and its drafts must survive a
// reload (Chromium keeps localStorage for file:// pages). Its on-demand workers (the Word
// reader and writer) are embedded in it and start from blob: URLs.

import { clickThroughReview, test, expect } from './fixtures';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { unzip, wordText } from './zip';

/** The repository root (this file lives in tests/e2e). */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The single file, beside the build the other tests serve. */
const SINGLE = resolve(ROOT, `${process.env.JIANBAO_E2E_DIST ?? 'dist'}-single`, 'jianbao.html');

test('the single file runs from disk and keeps a draft across a reload', async ({ page }) => {
  expect(existsSync(SINGLE), `${SINGLE} is missing: run \`cargo xtask dist\``).toBe(true);
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content.Security.Policy/i.test(message.text())) violations.push(message.text());
  });
  await page.goto(pathToFileURL(SINGLE).href);
  const preview = page.getByTestId('preview');
  await expect(preview.locator('header.masthead')).toContainText('科协工作简报');

  // It fetched nothing: everything it needs is inside the one file.
  const loaded = await page.evaluate(() => performance.getEntriesByType('resource').map((entry) => entry.name));
  expect(loaded).toEqual([]);

  const body = page.getByTestId('item-body').first();
  if (!(await body.isVisible())) await page.getByTestId('outline-item').first().getByRole('button').click();
  await body.click();
  await body.press('ControlOrMeta+End');
  await body.pressSequentially(' OfflineSingle42');
  await expect(preview).toContainText('OfflineSingle42');
  await expect(page.getByTestId('save-status')).toHaveText('已保存');

  await page.reload();
  await expect(preview.locator('header.masthead')).toContainText('科协工作简报');
  await expect(preview).toContainText('OfflineSingle42');
  expect(violations).toEqual([]);
});

test('the single file reads and writes Word files from disk, through its embedded workers', async ({ page }) => {
  expect(existsSync(SINGLE), `${SINGLE} is missing: run \`cargo xtask dist\``).toBe(true);
  await page.goto(pathToFileURL(SINGLE).href);
  await expect(page.getByTestId('preview').locator('header.masthead')).toContainText('科协工作简报');
  const items = await page.getByTestId('outline-item').count();

  // Word in: the reader's worker starts from the page itself.
  await page.getByTestId('import-file').setInputFiles({
    name: 'plain.docx',
    mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    buffer: readFileSync(resolve(ROOT, 'tests', 'fixtures', 'docx', 'plain.docx')),
  });
  // Word submissions wait in the Word 来稿 dialog for their section.
  await page.getByTestId('inbox-confirm').click();
  await expect(
    page.getByTestId('preview').locator('article.item h3.item-title', { hasText: '街道科协举办老年人智能手机培训班' }),
  ).toHaveCount(1);
  await expect(page.getByTestId('outline-item')).toHaveCount(items + 1);

  // Word out: the writer's worker too; the file holds the item just read.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    clickThroughReview(page, 'export-word'),
  ]);
  expect(download.suggestedFilename()).toMatch(/^科协工作简报-.*\.docx$/);
  const parts = unzip(readFileSync(await download.path()));
  expect(wordText(parts.get('word/document.xml')?.toString('utf8') ?? '')).toContain('街道科协举办老年人智能手机培训班');
  await expect(page.locator('.banner[role="status"]')).toContainText('已导出 Word 文件');

  // Still nothing fetched from anywhere: the workers came from blob: URLs of the page.
  const loaded = await page.evaluate(() => performance.getEntriesByType('resource').map((entry) => entry.name));
  expect(loaded.filter((url) => !url.startsWith('blob:'))).toEqual([]);
});
