// The paste dialog (粘贴来稿): plain text damaged by a PDF, Word's HTML, a near-duplicate
// and a whole bulletin. Pastes are synthetic `paste` events carrying a DataTransfer, as a
// browser's clipboard would hand them over; the dialog inserts them itself.

import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { openEditor, preview, SAMPLE_ITEMS } from './editor-helpers';

/** Dispatches a paste of the given clipboard types on the dialog's text area. */
async function pasteInto(page: Page, data: Record<string, string>): Promise<void> {
  await page.getByTestId('paste-input').evaluate((area, types) => {
    const transfer = new DataTransfer();
    for (const [type, value] of Object.entries(types)) transfer.setData(type, value);
    area.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }));
  }, data);
}

/** Opens the editor on the sample issue and the paste dialog. */
async function openDialog(page: Page): Promise<void> {
  await openEditor(page);
  await page.getByTestId('paste-submission').click();
  await expect(page.getByRole('dialog', { name: '粘贴来稿' })).toBeVisible();
}

/** Text as a PDF viewer copies it: lines broken mid-sentence, a page number, blank lines. */
const PDF_TEXT = [
  '某区科协举办科普讲座',
  '',
  '3月10日，某区科协在区科技馆举办“健康生活”科普讲座，邀请市',
  '医院专家围绕慢性病预防、合理膳食等内容进行讲解，两百余名居',
  '民参加。',
  '',
  '- 2 -',
  '',
  '（某区科协、某学会）',
].join('\n');

test('plain text from a PDF becomes a clean item in the chosen section', async ({ page }) => {
  await openDialog(page);
  await pasteInto(page, { 'text/plain': PDF_TEXT });
  await expect(page.getByTestId('paste-input')).toHaveValue(PDF_TEXT);

  const itemPreview = page.getByTestId('paste-preview');
  await expect(itemPreview.locator('h3.item-title')).toHaveText('某区科协举办科普讲座');
  await expect(itemPreview.locator('p')).toHaveCount(1);
  await expect(itemPreview.locator('p')).toContainText(
    '3月10日，某区科协在区科技馆举办“健康生活”科普讲座，邀请市医院专家围绕慢性病预防、合理膳食等内容进行讲解，两百余名居民参加。',
  );
  await expect(page.getByTestId('paste-sources')).toHaveText('某区科协、某学会');
  await expect(page.getByTestId('paste-rule').first()).toBeVisible();
  await expect(page.getByTestId('paste-duplicate')).toHaveCount(0);
  await expect(page.getByTestId('paste-import-issue')).toHaveCount(0);

  await page.getByTestId('paste-section').selectOption({ label: '【区科协动态】' });
  await page.getByTestId('paste-confirm').click();
  await expect(page.getByRole('dialog', { name: '粘贴来稿' })).toHaveCount(0);

  // The item is last in 【区科协动态】, after 南湖区科协's item, and it is selected.
  const section = preview(page).locator('section', { hasText: '【区科协动态】' });
  const titles = section.locator('article.item h3.item-title');
  await expect(titles).toHaveText([SAMPLE_ITEMS[3], '某区科协举办科普讲座']);
  await expect(section.locator('article.item').last()).toContainText('两百余名居民参加。（某区科协、某学会）');
  await expect(page.getByTestId('outline-item')).toHaveCount(SAMPLE_ITEMS.length + 1);
  await expect(page.getByLabel('标题', { exact: true })).toHaveValue('某区科协举办科普讲座');
});

test('switching a rule off re-runs the cleanup without it', async ({ page }) => {
  await openDialog(page);
  await pasteInto(page, { 'text/plain': PDF_TEXT });
  const itemPreview = page.getByTestId('paste-preview');
  await expect(itemPreview.locator('p')).toHaveCount(1);
  const rules = page.getByTestId('paste-rule');
  const count = await rules.count();
  expect(count).toBeGreaterThan(0);
  for (let i = 0; i < count; i++) await rules.nth(i).uncheck();
  // With every rule off, the page number stays (Markdown reads `- 2 -` as a list) and
  // the broken lines are no longer one paragraph.
  await expect(itemPreview.locator('li')).toHaveCount(1);
  await expect(itemPreview.locator('li')).toHaveText('2 -');
  for (let i = 0; i < count; i++) await rules.nth(i).check();
  await expect(itemPreview.locator('li')).toHaveCount(0);
  await expect(itemPreview.locator('p')).toHaveCount(1);
});

/** Word's clipboard HTML, trimmed from a real copy: namespaces, mso styles, `<o:p>`,
 * conditional comments, its own list paragraphs, a local image, bold and a link. */
const WORD_HTML = `<html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office"
xmlns:w="urn:schemas-microsoft-com:office:word" xmlns="http://www.w3.org/TR/REC-html40">
<head><meta http-equiv=Content-Type content="text/html; charset=utf-8">
<meta name=ProgId content=Word.Document><meta name=Generator content="Microsoft Word 15">
<!--[if gte mso 9]><xml><w:WordDocument><w:View>Normal</w:View></w:WordDocument></xml><![endif]-->
<style><!-- p.MsoNormal {mso-style-parent:""; margin:0cm; font-family:宋体;} --></style>
</head>
<body lang=ZH-CN style='tab-interval:21.0pt'>
<!--StartFragment-->
<p class=MsoNormal align=center style='text-align:center'><b><span style='font-size:16.0pt;font-family:黑体;mso-ascii-font-family:"Times New Roman"'>某学会开展科技志愿服务<o:p></o:p></span></b></p>
<p class=MsoNormal style='text-indent:28.0pt;mso-char-indent-count:2.0'><span style='font-family:仿宋_GB2312'>3月16日，某学会组织<b>科技志愿者</b>走进社区，开展义诊和科普宣传。详见<a href="https://example.org/news/1">学会网站</a>，<a href="javascript:alert(1)">点此</a>。<o:p>&nbsp;</o:p></span></p>
<!--[if gte vml 1]><v:shape id="图片_1" style='width:200pt;height:100pt'><v:imagedata src="file:///C:/Users/a/AppData/Local/Temp/msohtmlclip1/01/clip_image001.png" o:title=""/></v:shape><![endif]--><![if !vml]><img width=267 height=133 src="file:///C:/Users/a/AppData/Local/Temp/msohtmlclip1/01/clip_image002.jpg" alt="活动照片" v:shapes="图片_1"><![endif]>
<p class=MsoListParagraphCxSpFirst style='margin-left:18.0pt;text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span style='mso-list:Ignore'>·<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp; </span></span><![endif]><span>义诊咨询<o:p></o:p></span></p>
<p class=MsoListParagraphCxSpLast style='margin-left:18.0pt;text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span style='mso-list:Ignore'>·<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp; </span></span><![endif]><span>科普展板<o:p></o:p></span></p>
<p class=MsoNormal><span>（某学会）<o:p></o:p></span></p>
<!--EndFragment-->
</body></html>`;

test('Word HTML becomes clean Markdown: bold and list kept, no mso and no file: URL', async ({ page }) => {
  await openDialog(page);
  await pasteInto(page, { 'text/html': WORD_HTML, 'text/plain': '某学会开展科技志愿服务' });
  const area = page.getByTestId('paste-input');
  await expect(area).toHaveValue(/科技志愿者/);
  const markdown = await area.inputValue();
  expect(markdown).toContain('**某学会开展科技志愿服务**');
  expect(markdown).toContain('**科技志愿者**');
  expect(markdown).toContain('[学会网站](https://example.org/news/1)');
  expect(markdown).toMatch(/^- 义诊咨询$/m);
  expect(markdown).toMatch(/^- 科普展板$/m);
  expect(markdown).toContain('（某学会）');
  expect(markdown).not.toMatch(/mso/i);
  expect(markdown).not.toContain('file:');
  expect(markdown).not.toContain('javascript');
  expect(markdown).not.toContain('·');
  expect(markdown).not.toContain('<');

  const itemPreview = page.getByTestId('paste-preview');
  await expect(itemPreview.locator('h3.item-title')).toHaveText('某学会开展科技志愿服务');
  await expect(itemPreview.locator('strong')).toHaveText('科技志愿者');
  await expect(itemPreview.locator('li')).toHaveText(['义诊咨询', '科普展板']);
  await expect(itemPreview.locator('img')).toHaveCount(0);
  await expect(page.getByTestId('paste-sources')).toHaveText('某学会');
});

test('a near-duplicate of an item in the issue is named before it is added', async ({ page }) => {
  await openDialog(page);
  // 南湖区科协's item, copied again with its lines broken and one word changed.
  const copy = [
    '南湖区科协组织学生参观科技馆',
    '',
    '3月9日，南湖区科协组织辖区六所中学的一百二十名学生走进区科技',
    '馆，参观人工智能、航空航天等主题展区，并参加动手实验课。',
    '',
    '（南湖区科协）',
  ].join('\n');
  await pasteInto(page, { 'text/plain': copy });
  const warning = page.getByTestId('paste-duplicate');
  await expect(warning).toBeVisible();
  await expect(warning).toContainText(SAMPLE_ITEMS[3]);
  const confirm = page.getByTestId('paste-confirm');
  await expect(confirm).toHaveText('仍然添加');
  await confirm.click();
  await expect(page.getByTestId('outline-item')).toHaveCount(SAMPLE_ITEMS.length + 1);
});

test('a whole bulletin pasted is offered as an issue of its own', async ({ page }) => {
  await openDialog(page);
  const bulletin = [
    '# 某区科协简报',
    '',
    '2024年第5期',
    '',
    '某区科协办公室',
    '',
    '2024年5月10日',
    '',
    '## 【学会动态】',
    '',
    '### 某学会举办年会',
    '',
    '5月8日，某学会举办年会。',
    '',
    '## 【区科协动态】',
    '',
    '### 某区科协开展科普日活动',
    '',
    '5月9日，某区科协开展科普日活动。',
    '',
    '---',
    '',
    '编辑：李四',
  ].join('\n');
  await pasteInto(page, { 'text/plain': bulletin });
  const importIssue = page.getByTestId('paste-import-issue');
  await expect(importIssue).toHaveText('作为整期导入');
  await importIssue.click();
  await expect(page.getByRole('dialog', { name: '粘贴来稿' })).toHaveCount(0);
  await expect(preview(page).locator('header.masthead')).toContainText('某区科协简报');
  await expect(preview(page).locator('article.item h3.item-title')).toHaveText(['某学会举办年会', '某区科协开展科普日活动']);
});

test('a single submission is not offered as a whole issue, and Escape closes the dialog', async ({ page }) => {
  await openDialog(page);
  await expect(page.getByTestId('paste-input')).toBeFocused();
  await pasteInto(page, { 'text/plain': PDF_TEXT });
  await expect(page.getByTestId('paste-preview').locator('h3.item-title')).toBeVisible();
  await expect(page.getByTestId('paste-import-issue')).toHaveCount(0);
  await page.getByTestId('paste-input').press('Escape');
  await expect(page.getByRole('dialog', { name: '粘贴来稿' })).toHaveCount(0);
  await expect(page.getByTestId('paste-submission')).toBeFocused();
  await expect(page.getByTestId('outline-item')).toHaveCount(SAMPLE_ITEMS.length);
});

test('a submission file dropped on the page opens in the paste dialog, prefilled', async ({ page }) => {
  await openEditor(page);
  const file = '---\ntitle: 拖入的来稿\nsources: 某学会\ncontributor: 李四\ndate: 2024-03-16\n---\n\n正文一段。\n';
  await page.evaluate((text) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([text], '投稿-拖入的来稿.md', { type: 'text/markdown' }));
    for (const type of ['dragover', 'drop']) {
      document.body.dispatchEvent(new DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true }));
    }
  }, file);
  await expect(page.getByRole('dialog', { name: '粘贴来稿' })).toBeVisible();
  await expect(page.getByTestId('paste-input')).toHaveValue(file);
  await expect(page.getByTestId('paste-preview').locator('h3.item-title')).toHaveText('拖入的来稿');
  await expect(page.getByTestId('paste-sources')).toHaveText('某学会');
  await page.getByTestId('paste-confirm').click();
  await expect(page.getByTestId('outline-item')).toHaveCount(SAMPLE_ITEMS.length + 1);
  await expect(preview(page).locator('article.item h3.item-title', { hasText: '拖入的来稿' })).toHaveCount(1);
});

test('rich text pasted straight into an item body becomes Markdown there', async ({ page }) => {
  await openEditor(page);
  const body = page.getByTestId('item-body');
  await body.fill('');
  await body.evaluate((area, html) => {
    const transfer = new DataTransfer();
    transfer.setData('text/html', html);
    transfer.setData('text/plain', '不应使用的纯文本');
    area.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }));
  }, WORD_HTML);
  // The conversion runs in the paste worker: the Markdown arrives a moment later.
  await expect(body).toHaveValue(/\*\*/);
  const value = await body.inputValue();
  expect(value).toContain('**');
  expect(value).not.toContain('mso');
  expect(value).not.toContain('file:');
  expect(value).not.toContain('不应使用的纯文本');
  await expect(preview(page).locator('article.item').first().locator('strong').first()).toBeVisible();
});
