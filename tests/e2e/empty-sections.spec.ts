// End-to-end tests of the empty-section rule (issue 22): editors keep their weekly sections
// as a template, and a section or sub-column without items is left out of every output:
// the preview, the 目录提要, the exported HTML file and the print. The editor's outline
// keeps it, greyed, with a note that says why; the Markdown keeps it, so the template
// survives a round trip. At 1366×768, the laptop screen the issue was tried on.

import { writeFile } from 'node:fs/promises';
import { test, expect } from './fixtures';
import { SAMPLE_COLUMN, exportHtml, exportMarkdown, openEditor, preview, selectItem } from './editor-helpers';
import { pdfPageSizes, pdfPageText } from './export-helpers';

test.use({ viewport: { width: 1366, height: 768 } });

/** The sample's one item in 【区科协动态】: deleting it leaves that section empty. */
const NANHU = '南湖区科协组织青少年走进科技馆';
const DISTRICT = '区科协动态';
/** The sample's one item in the sub-column 青年科技工作者沙龙 of 【基层组织动态】. */
const SALON = '“数字化转型中的青年力量”沙龙举办';

/** The outline's row of a section heading: its button and the note beside it. */
function outlineRow(page: import('@playwright/test').Page, heading: string) {
  return page.getByTestId('outline').locator('li', { has: page.getByRole('button', { name: heading, exact: true }) });
}

test.beforeEach(async ({ page }) => {
  await openEditor(page);
});

test('a section whose last item is deleted leaves the preview, the 目录提要, the file and the print', async ({
  page,
}, testInfo) => {
  // Before: the section prints, and its outline row carries no note.
  await expect(preview(page).locator('h2.section-heading', { hasText: DISTRICT })).toHaveCount(1);
  await expect(outlineRow(page, `【${DISTRICT}】`).getByTestId('unprinted-note')).toHaveCount(0);

  await selectItem(page, NANHU);
  await page.getByRole('button', { name: '删除稿件' }).click();

  // The preview and its 目录提要 no longer name the section …
  await expect(preview(page).locator('article.item', { hasText: NANHU })).toHaveCount(0);
  await expect(preview(page)).not.toContainText(DISTRICT);
  await expect(preview(page).locator('nav.toc')).toContainText('【学会动态】');
  // … while the outline keeps it, greyed, saying why.
  const row = outlineRow(page, `【${DISTRICT}】`);
  await expect(row).toHaveClass(/unprinted/);
  await expect(row.getByTestId('unprinted-note')).toHaveText('无稿件，不印出');
  await expect(row.getByTestId('unprinted-note')).toHaveAttribute('title', /不出现/);
  await expect(row.getByRole('button')).toHaveCSS('color', 'rgb(87, 96, 106)');

  // The exported HTML file leaves it out too; the Markdown keeps the template whole.
  const html = await exportHtml(page);
  expect(html).toContain('学会动态');
  expect(html).not.toContain(DISTRICT);
  const markdown = await exportMarkdown(page);
  expect(markdown).toContain(`## 【${DISTRICT}】`);

  // The print: the editor printed as a PDF with print media holds the other sections only.
  await page.emulateMedia({ media: 'print' });
  const pdfPath = testInfo.outputPath('empty-section.pdf');
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  await page.emulateMedia({ media: null });
  await writeFile(pdfPath, pdf);
  let printed = '';
  for (let n = 1; n <= pdfPageSizes(pdf).length; n++) printed += await pdfPageText(pdfPath, n);
  expect(printed.replace(/\s+/g, '')).toContain('学会动态');
  expect(printed.replace(/\s+/g, '')).not.toContain(DISTRICT);

  // Undo brings the item back, and with it the section, in every place.
  await page.getByTestId('undo').click();
  await expect(preview(page).locator('h2.section-heading', { hasText: DISTRICT })).toHaveCount(1);
  await expect(preview(page).locator('nav.toc')).toContainText(`【${DISTRICT}】`);
  await expect(outlineRow(page, `【${DISTRICT}】`).getByTestId('unprinted-note')).toHaveCount(0);
});

test('an empty sub-column and an emptied section come back when an item is moved in', async ({ page }) => {
  // Deleting the sub-column's one item empties the column and so its section.
  await selectItem(page, SALON);
  await page.getByRole('button', { name: '删除稿件' }).click();
  await expect(preview(page)).not.toContainText(SAMPLE_COLUMN);
  await expect(preview(page)).not.toContainText('基层组织动态');
  await expect(outlineRow(page, '【基层组织动态】').getByTestId('unprinted-note')).toBeVisible();
  await expect(
    page.getByTestId('outline').locator('li.outline-column.unprinted', { hasText: SAMPLE_COLUMN }),
  ).toBeVisible();

  // Moving an item into the empty section (Alt+↓ from the last item before it) prints it again.
  await selectItem(page, NANHU);
  await page.getByTestId('outline').getByRole('button', { name: new RegExp(NANHU) }).press('Alt+ArrowDown');
  await expect(preview(page).locator('h2.section-heading', { hasText: '基层组织动态' })).toHaveCount(1);
  await expect(preview(page)).not.toContainText(DISTRICT);
  await expect(outlineRow(page, '【基层组织动态】').getByTestId('unprinted-note')).toHaveCount(0);
  await expect(outlineRow(page, `【${DISTRICT}】`).getByTestId('unprinted-note')).toBeVisible();
});
