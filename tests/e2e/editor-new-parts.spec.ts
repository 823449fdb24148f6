// End-to-end tests of the smaller points of issue 22 about new parts, at 1366×768: 新建稿件
// and 新建栏目 put the keyboard in the new field, a heading typed with its own 【】 prints
// one pair, and an outline title cut with "…" shows whole in its tooltip.

import { test, expect } from './fixtures';
import { SAMPLE_ITEMS, openEditor, outlineItem, preview } from './editor-helpers';

test.use({ viewport: { width: 1366, height: 768 } });

test.beforeEach(async ({ page }) => {
  await openEditor(page);
});

test('新建稿件 puts the caret in the new item’s title', async ({ page }) => {
  await page.getByRole('button', { name: '新建稿件' }).click();
  await expect(page.getByTestId('item-title')).toBeFocused();
  await page.keyboard.type('键盘直接输入的标题');
  await expect(outlineItem(page, '键盘直接输入的标题')).toHaveCount(1);
});

test('新建栏目 selects the new heading, and a heading typed in 【】 prints one pair', async ({ page }) => {
  await page.getByRole('button', { name: '新建栏目' }).click();
  const heading = page.getByTestId('section-heading');
  await expect(heading).toBeFocused();
  // The placeholder name is selected: typing replaces it.
  await page.keyboard.type('【区县动态】');
  await expect(heading).toHaveValue('【区县动态】');
  const outline = page.getByTestId('outline');
  await expect(outline.getByRole('button', { name: '【区县动态】', exact: true })).toHaveCount(1);
  await expect(outline).not.toContainText('【【');

  // With an item in it, the section prints, with one pair of brackets there too.
  await page.getByRole('button', { name: '新建稿件' }).click();
  await page.keyboard.type('区县稿件');
  await expect(preview(page).locator('h2.section-heading').last()).toHaveText('【区县动态】');
  await expect(preview(page).locator('nav.toc')).toContainText('【区县动态】');
  await expect(preview(page)).not.toContainText('【【');
});

test('an outline title cut with … shows whole in its tooltip', async ({ page }) => {
  const long = '市科协与市教育局联合举办2024年全市青少年科技创新大赛暨科学素质提升行动启动仪式';
  await outlineItem(page, SAMPLE_ITEMS[1]).getByRole('button').click();
  await page.getByTestId('item-title').fill(long);
  const title = outlineItem(page, long).locator('.outline-title');
  await expect(title).toHaveAttribute('title', long);
  // It is cut on screen: its box is narrower than its text.
  expect(await title.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
});
