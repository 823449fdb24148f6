// End-to-end tests of the safety nets of issue 22 (points 4, 8 and 9), at 1366×768:
// - the status bar counts the items 已审, and exporting or printing an issue that is not
//   all reviewed asks first, in the app's own dialog;
// - an export says what it wrote;
// - every removal says what it removed and offers 撤销 in its message, and deleting a
//   section that holds items asks first.

import { clickThroughReview, expect, test } from './fixtures';
import { SAMPLE_ITEMS, exportMarkdown, openEditor, outlineItem, preview, previewItem, selectItem } from './editor-helpers';

test.use({ viewport: { width: 1366, height: 768 } });

/** The sample's statuses: one 已审, one 编辑中, three 收稿 (src/core/sample.md). */
const NUTRITION = '市营养学会举办“健康饮食进家庭”科普讲座';
const NANHU = '南湖区科协组织青少年走进科技馆';

test.beforeEach(async ({ page }) => {
  await openEditor(page);
});

test('exporting an issue not all 已审 asks first; cancelling exports nothing', async ({ page }) => {
  await expect(page.getByTestId('review-count')).toHaveText('1/5 篇已审');
  const downloads: string[] = [];
  page.on('download', (d) => downloads.push(d.suggestedFilename()));

  await page.getByTestId('export-html').click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await expect(page.getByTestId('confirm-question')).toHaveText(
    '本期 5 篇稿件中还有 4 篇未审（收稿 3 篇，编辑中 1 篇）。仍要导出吗？',
  );
  // Its actions fit the 768 px screen and have names.
  await expect(dialog.getByRole('button', { name: '仍然导出' })).toBeInViewport();
  await dialog.getByRole('button', { name: '取消' }).click();
  await expect(dialog).toBeHidden();

  // The next download is the Markdown one: the cancelled export wrote nothing.
  await exportMarkdown(page);
  expect(downloads).toEqual([expect.stringMatching(/\.md$/)]);

  // Printing asks the same question.
  await page.getByTestId('print').click();
  await expect(page.getByTestId('confirm-question')).toContainText('4 篇未审');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toBeHidden();
});

test('an issue all 已审 exports at once, and the export says what it wrote', async ({ page }) => {
  for (const title of SAMPLE_ITEMS) {
    await selectItem(page, title);
    await page.getByTestId('item-status').selectOption({ label: '已审' });
  }
  await expect(page.getByTestId('review-count')).toHaveText('5/5 篇已审');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-html').click()]);
  await expect(page.getByRole('dialog')).toBeHidden();
  await expect(page.getByTestId('toast')).toContainText(`已导出 ${download.suggestedFilename()}`);
});

test('the answer 仍然导出 exports', async ({ page }) => {
  const [download] = await Promise.all([page.waitForEvent('download'), clickThroughReview(page, 'export-html')]);
  expect(download.suggestedFilename()).toMatch(/\.html$/);
  await expect(page.getByTestId('toast')).toContainText('已导出');
});

test('deleting an item says so and its 撤销 brings it back', async ({ page }) => {
  await selectItem(page, NUTRITION);
  await page.getByRole('button', { name: '删除稿件' }).click();
  const toast = page.getByTestId('toast');
  await expect(toast).toContainText(`已删除稿件“${NUTRITION}”`);
  await expect(previewItem(page, NUTRITION)).toHaveCount(0);
  await toast.getByRole('button', { name: '撤销' }).click();
  await expect(previewItem(page, NUTRITION)).toHaveCount(1);
  await expect(outlineItem(page, NUTRITION)).toHaveCount(1);
  await expect(toast).toBeHidden();
});

test('the message’s 撤销 never undoes a later edit', async ({ page }) => {
  await selectItem(page, NUTRITION);
  await page.getByRole('button', { name: '删除稿件' }).click();
  await selectItem(page, NANHU);
  await page.getByTestId('item-title').fill('之后改过的标题');
  await page.getByTestId('toast').getByRole('button', { name: '撤销' }).click();
  // The later edit stays, the deleted item stays deleted, and the message says why.
  await expect(outlineItem(page, '之后改过的标题')).toHaveCount(1);
  await expect(previewItem(page, NUTRITION)).toHaveCount(0);
  await expect(page.getByTestId('toast')).toContainText('之后又有修改');
});

test('deleting a section with items asks first, then says what went, with 撤销', async ({ page }) => {
  const outline = page.getByTestId('outline');
  await outline.getByRole('button', { name: '【学会动态】', exact: true }).click();
  await page.getByRole('button', { name: '删除栏目' }).click();
  await expect(page.getByTestId('confirm-question')).toHaveText('删除栏目【学会动态】及其中的 2 篇稿件吗？删除后可以撤销。');
  await page.getByRole('dialog').getByRole('button', { name: '取消' }).click();
  await expect(preview(page).locator('h2.section-heading', { hasText: '学会动态' })).toHaveCount(1);

  await page.getByRole('button', { name: '删除栏目' }).click();
  await page.getByRole('dialog').getByRole('button', { name: '删除栏目' }).click();
  await expect(preview(page)).not.toContainText('学会动态');
  await expect(previewItem(page, NUTRITION)).toHaveCount(0);
  const toast = page.getByTestId('toast');
  await expect(toast).toContainText('已删除栏目“学会动态”及其中的 2 篇稿件');
  await toast.getByRole('button', { name: '撤销' }).click();
  await expect(previewItem(page, NUTRITION)).toHaveCount(1);
  await expect(preview(page).locator('h2.section-heading', { hasText: '学会动态' })).toHaveCount(1);
});

test('deleting an empty section asks nothing and still offers 撤销', async ({ page }) => {
  await page.getByRole('button', { name: '新建栏目' }).click();
  await page.getByRole('button', { name: '删除栏目' }).click();
  await expect(page.getByRole('dialog')).toBeHidden();
  await expect(page.getByTestId('toast')).toContainText('已删除栏目“新栏目”');
  await expect(page.getByTestId('outline').getByRole('button', { name: '【新栏目】' })).toHaveCount(0);
});
