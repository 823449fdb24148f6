// The body's formatting commands (issue 22, point 6), at 1366×768: an editor who knows Word
// makes text bold with Ctrl+B or the 粗体 button, makes a list and a link, and sees the
// result in the preview, without typing Markdown.

import { test, expect } from './fixtures';
import { openEditor, previewItem, selectItem, SAMPLE_ITEMS } from './editor-helpers';

test.use({ viewport: { width: 1366, height: 768 } });

const TITLE = SAMPLE_ITEMS[1];

test.beforeEach(async ({ page }) => {
  await openEditor(page);
  await selectItem(page, TITLE);
});

/** Selects `needle` in the body's text box. */
async function selectText(page: import('@playwright/test').Page, needle: string) {
  await page.getByTestId('item-body').evaluate((area: HTMLTextAreaElement, needle) => {
    const at = area.value.indexOf(needle);
    area.focus();
    area.setSelectionRange(at, at + needle.length);
  }, needle);
}

test('the body field is named 正文 and has a labelled formatting toolbar', async ({ page }) => {
  await expect(page.getByRole('textbox', { name: '正文', exact: true })).toBeVisible();
  const bar = page.getByRole('toolbar', { name: '格式' });
  for (const name of ['粗体', '斜体', '列表', '编号', '链接']) {
    await expect(bar.getByRole('button', { name })).toBeVisible();
  }
  await expect(bar.getByRole('button', { name: '粗体' })).toHaveAttribute('aria-keyshortcuts', 'Control+B');
});

test('Ctrl+B makes the selection bold, and again takes it back', async ({ page }) => {
  const body = page.getByTestId('item-body');
  await body.fill('会议强调要做好科普工作。');
  await selectText(page, '科普');
  await page.keyboard.press('Control+b');
  await expect(previewItem(page, TITLE).locator('strong')).toHaveText('科普');
  await expect(body).toHaveValue('会议强调要做好**科普**工作。');
  await page.keyboard.press('Control+b');
  await expect(previewItem(page, TITLE).locator('strong')).toHaveCount(0);
  await expect(body).toHaveValue('会议强调要做好科普工作。');
});

test('the buttons make italic text, a numbered list and a link', async ({ page }) => {
  const body = page.getByTestId('item-body');
  await body.fill('第一项工作\n第二项工作\n\n详见市科协网站。');
  await selectText(page, '第一项工作\n第二项工作');
  await page.getByRole('button', { name: '编号' }).click();
  await expect(previewItem(page, TITLE).locator('ol > li')).toHaveText(['第一项工作', '第二项工作']);

  await selectText(page, '市科协网站');
  await page.getByRole('button', { name: '链接' }).click();
  // The address is selected: typing replaces it.
  await page.keyboard.type('https://www.example.org/');
  await expect(previewItem(page, TITLE).locator('a')).toHaveAttribute('href', 'https://www.example.org/');
  await expect(previewItem(page, TITLE).locator('a')).toHaveText('市科协网站');

  await selectText(page, '详见');
  await page.getByRole('button', { name: '斜体' }).click();
  await expect(previewItem(page, TITLE).locator('em')).toHaveText('详见');
  // One undo takes back one command.
  await page.getByTestId('undo').click();
  await expect(previewItem(page, TITLE).locator('em')).toHaveCount(0);
});
