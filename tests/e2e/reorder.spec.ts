// End-to-end tests of reordering made discoverable (issue 22, point 10), at 1366×768: the
// item form's 移动到栏目 and the drop line shown while an outline item is dragged.

import { test, expect } from './fixtures';
import { SAMPLE_COLUMN, openEditor, outlineItem, preview, previewItem, selectItem } from './editor-helpers';

test.use({ viewport: { width: 1366, height: 768 } });

const NUTRITION = '市营养学会举办“健康饮食进家庭”科普讲座';
const PLANT = '市植物保护学会开展春季田间技术指导';

test.beforeEach(async ({ page }) => {
  await openEditor(page);
});

test('移动到栏目 moves the item to the end of the chosen section or sub-column', async ({ page }) => {
  await selectItem(page, NUTRITION);
  const place = page.getByRole('combobox', { name: '移动到栏目' });
  await expect(place.locator('option:checked')).toHaveText('【学会动态】');
  await expect(place.locator('option')).toContainText([
    '头条（无栏目）',
    '【学会动态】',
    '【区科协动态】',
    '【基层组织动态】',
    `【基层组织动态】 › ${SAMPLE_COLUMN}`,
  ]);

  await place.selectOption({ label: `【基层组织动态】 › ${SAMPLE_COLUMN}` });
  const moved = previewItem(page, NUTRITION);
  await expect(moved.locator('xpath=ancestor::section[contains(@class,"column")]/h3')).toHaveText(SAMPLE_COLUMN);
  // The form stays on the item, now showing its new place, and undo puts it back.
  await expect(page.getByTestId('item-title')).toHaveValue(NUTRITION);
  await expect(place.locator('option:checked')).toHaveText(`【基层组织动态】 › ${SAMPLE_COLUMN}`);
  await page.getByTestId('undo').click();
  await expect(
    previewItem(page, NUTRITION).locator('xpath=ancestor::section[contains(@class,"section")][1]/h2'),
  ).toHaveText('【学会动态】');
});

test('dragging an outline item shows a drop line on the row under it', async ({ page }) => {
  const source = outlineItem(page, NUTRITION);
  const target = outlineItem(page, PLANT);
  // The drag's events one by one, as the browser sends them, to look at the line midway.
  const data = await page.evaluateHandle(() => new DataTransfer());
  await source.dispatchEvent('dragstart', { dataTransfer: data });
  await target.locator('button').dispatchEvent('dragover', { dataTransfer: data });
  await expect(target).toHaveAttribute('data-drop-target');
  await expect(page.locator('[data-drop-target]')).toHaveCount(1);
  await target.locator('button').dispatchEvent('drop', { dataTransfer: data });
  await source.dispatchEvent('dragend', { dataTransfer: data });
  await expect(page.locator('[data-drop-target]')).toHaveCount(0);
  // The drop put the item before the row it was dropped on.
  await expect(preview(page).locator('article.item h3.item-title').nth(1)).toHaveText(NUTRITION);
});

test('a file dragged over the outline shows no drop line', async ({ page }) => {
  const data = await page.evaluateHandle(() => new DataTransfer());
  await outlineItem(page, PLANT).locator('button').dispatchEvent('dragover', { dataTransfer: data });
  await expect(page.locator('[data-drop-target]')).toHaveCount(0);
});
