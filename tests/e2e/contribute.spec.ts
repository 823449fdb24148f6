// The contributor page (#/contribute): a contributor fills in one item, tidies it and
// downloads the submission file; the editor imports that file through the paste dialog
// and adds the item to the issue.

import { readFile } from 'node:fs/promises';
import { expect, test } from './fixtures';
import { openEditor, preview, SAMPLE_ITEMS } from './editor-helpers';

const TITLE = '某区科协举办科普讲座';

test('a contribution is written, downloaded and added to the issue through the paste dialog', async ({ page }) => {
  await page.goto('./#/contribute');
  await expect(page.getByRole('heading', { name: '投稿', exact: true })).toBeVisible();
  await page.getByLabel('标题').fill(TITLE);
  await page
    .getByLabel('正文', { exact: true })
    .fill('3月10日，某区科协在区科技馆举办“健康生活”科普讲座，邀请市\n医院专家进行讲解，两百余名居民参加。');
  await page.getByLabel('来源单位').fill('某区科协，某学会');
  await page.getByLabel('投稿人').fill('张三');
  await page.getByLabel('日期').fill('2024-03-15');

  // The preview follows the form as typed.
  const itemPreview = page.getByTestId('contribute-preview');
  await expect(itemPreview.locator('h3.item-title')).toHaveText(TITLE);

  // 整理格式 joins the broken line and splits the sources.
  await page.getByRole('button', { name: '整理格式' }).click();
  await expect(page.getByLabel('正文', { exact: true })).toHaveValue(
    '3月10日，某区科协在区科技馆举办“健康生活”科普讲座，邀请市医院专家进行讲解，两百余名居民参加。',
  );
  await expect(page.getByLabel('来源单位')).toHaveValue('某区科协、某学会');
  await expect(itemPreview).toContainText('两百余名居民参加。（某区科协、某学会）');

  // The form is kept in the browser under its own key, as the submission file.
  const kept = await page.evaluate(() => localStorage.getItem('jianbao:contribution'));
  expect(kept).toContain(`title: ${TITLE}\n`);
  await page.reload();
  await expect(page.getByLabel('投稿人')).toHaveValue('张三');
  await expect(page.getByTestId('contribute-not-saved')).toHaveCount(0);

  const downloading = page.waitForEvent('download');
  await page.getByTestId('contribute-download').click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(`投稿-${TITLE}.md`);
  const file = await readFile(await download.path(), 'utf8');
  expect(file).toBe(
    [
      '---',
      `title: ${TITLE}`,
      'sources: 某区科协、某学会',
      'contributor: 张三',
      'date: 2024-03-15',
      '---',
      '',
      '3月10日，某区科协在区科技馆举办“健康生活”科普讲座，邀请市医院专家进行讲解，两百余名居民参加。',
    ].join('\n'),
  );

  // The editor opens the file in the paste dialog, prefilled, and adds the item.
  await openEditor(page);
  await page.getByTestId('import-file').setInputFiles({
    name: download.suggestedFilename(),
    mimeType: 'text/markdown',
    buffer: Buffer.from(file, 'utf8'),
  });
  await expect(page.getByRole('dialog', { name: '粘贴来稿' })).toBeVisible();
  await expect(page.getByTestId('paste-input')).toHaveValue(file);
  await expect(page.getByTestId('paste-preview').locator('h3.item-title')).toHaveText(TITLE);
  await expect(page.getByTestId('paste-sources')).toHaveText('某区科协、某学会');
  await page.getByTestId('paste-section').selectOption({ label: '【学会动态】' });
  await page.getByTestId('paste-confirm').click();
  await expect(page.getByRole('dialog', { name: '粘贴来稿' })).toHaveCount(0);
  await expect(page.getByTestId('outline-item')).toHaveCount(SAMPLE_ITEMS.length + 1);
  const section = preview(page).locator('section', { hasText: '【学会动态】' });
  await expect(section.locator('article.item h3.item-title').last()).toHaveText(TITLE);
  await expect(section.locator('article.item').last()).toContainText('两百余名居民参加。（某区科协、某学会）');
});

test('the copy button puts the submission file on the clipboard as text', async ({ page }) => {
  await page.goto('./#/contribute');
  await page.getByLabel('标题').fill(TITLE);
  await page.getByLabel('正文', { exact: true }).fill('正文。');
  // Records what the page's copy event wrote, as the clipboard receives it: a listener on
  // the window runs after the page's own listener on the document.
  await page.evaluate(() => {
    window.addEventListener('copy', (event) => {
      (window as unknown as { copied: string }).copied = event.clipboardData?.getData('text/plain') ?? '';
    });
  });
  await page.getByTestId('contribute-copy').click();
  await expect(page.getByTestId('contribute-message')).toHaveText('已复制。');
  const copied = await page.evaluate(() => (window as unknown as { copied?: string }).copied);
  expect(copied).toContain(`---\ntitle: ${TITLE}\n`);
  expect(copied).toContain('\n---\n\n正文。');
});

test('a contribution the browser refuses to keep is flagged, and can still be downloaded', async ({ page }) => {
  await page.addInitScript(() => {
    Storage.prototype.setItem = () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
  });
  await page.goto('./#/contribute');
  await page.getByLabel('标题').fill(TITLE);
  await expect(page.getByTestId('contribute-not-saved')).toHaveText('无法保存到浏览器存储：关闭页面前请先下载或复制。');
  const downloading = page.waitForEvent('download');
  await page.getByTestId('contribute-download').click();
  expect((await downloading).suggestedFilename()).toBe(`投稿-${TITLE}.md`);
});
