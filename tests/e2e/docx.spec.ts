// Word files in (issue 16): .docx files picked through "导入文件", dropped on the editor
// or opened in the paste dialog are read by the reader's web worker, loaded on first use.
// Submissions wait in the Word submissions dialog (cleanup rules, warnings,
// near-duplicates of the batch, the issue and the archive), then go to the section the
// editor chose with their titles, bodies and sources; a whole bulletin opens as a new
// draft; files that cannot be read say why and change nothing.

import { test, expect } from './fixtures';
import { openEditor, preview, SAMPLE_ITEMS } from './editor-helpers';
import { describe, seriousViolations } from './a11y-helpers';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The committed .docx fixtures (tests/fixtures/docx). */
const FIXTURES = join('tests', 'fixtures', 'docx');

/** A fixture as a file for `setInputFiles`. */
function docx(name: string) {
  return {
    name: name.split('/').pop() ?? name,
    mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    buffer: readFileSync(join(FIXTURES, name)),
  };
}

/** Drops files on the element `selector` finds, as a browser's drag and drop hands them over. */
async function dropFiles(
  page: import('@playwright/test').Page,
  selector: string,
  files: { name: string; mimeType: string; buffer: Buffer }[],
) {
  const data = files.map((file) => ({ name: file.name, type: file.mimeType, bytes: Array.from(file.buffer) }));
  await page.locator(selector).first().evaluate((target, files) => {
    const transfer = new DataTransfer();
    for (const file of files) transfer.items.add(new File([new Uint8Array(file.bytes)], file.name, { type: file.type }));
    for (const type of ['dragover', 'drop']) {
      target.dispatchEvent(new DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true }));
    }
  }, data);
}

/** The notice banner (role status) that reports the import. */
function notice(page: import('@playwright/test').Page) {
  return page.locator('.banner[role="status"]');
}

test('several Word submissions wait in a dialog, then become items of the chosen section, with sources and warnings', async ({ page, consoleErrors }) => {
  await openEditor(page);
  const wasmRequests: string[] = [];
  page.on('request', (request) => {
    if (request.url().includes('reader_worker')) wasmRequests.push(request.url());
  });
  await page
    .getByTestId('import-file')
    .setInputFiles([docx('plain.docx'), docx('revisions.docx'), docx('fields_notes.docx'), docx('submission.docx')]);

  const added = [
    '街道科协举办老年人智能手机培训班',
    '区科协开展科技志愿服务活动',
    '市青少年科技创新大赛落幕',
    '区科协召开2024年科普工作推进会',
  ];
  // The Word submissions dialog lists them in the order picked; nothing is added yet.
  const dialog = page.getByRole('dialog', { name: /Word 来稿/ });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('inbox-title')).toHaveText(added);
  await expect(dialog.getByTestId('inbox-file')).toHaveText(['plain.docx', 'revisions.docx', 'fields_notes.docx', 'submission.docx']);
  await expect(dialog.getByTestId('inbox-sources').first()).toHaveText('安定门街道科协');
  await expect(page.getByTestId('outline-item')).toHaveCount(SAMPLE_ITEMS.length);
  // The reader's warnings and the cleanup rules are shown per file, as for a paste.
  const revisedRow = dialog.getByTestId('inbox-row').nth(1);
  await expect(revisedRow.getByTestId('inbox-warnings')).toContainText('1 条批注');
  const spacedRow = dialog.getByTestId('inbox-row').nth(3);
  await expect(spacedRow.locator('[data-rule="cjk-digit-spaces"]')).toBeChecked();
  await expect(dialog.getByTestId('inbox-duplicate')).toHaveCount(0);
  // 放入栏目 defaults to the selected item's section (the sample opens on its lead item),
  // as the paste dialog's does; the editor chooses the last section.
  await expect(dialog.getByTestId('inbox-section').locator('option:checked')).toHaveText('头条（无栏目）');
  await dialog.getByTestId('inbox-section').selectOption({ label: '【基层组织动态】' });
  await dialog.getByTestId('inbox-confirm').click();
  await expect(dialog).toHaveCount(0);

  await expect(page.getByTestId('outline-item')).toHaveCount(SAMPLE_ITEMS.length + added.length);
  const titles = preview(page).locator('article.item h3.item-title');
  for (const title of added) {
    await expect(titles.filter({ hasText: title })).toHaveCount(1);
  }
  // They go to the end of the chosen section, in the order picked.
  const lastSection = preview(page).locator('section.section').last();
  await expect(lastSection.locator(':scope > article.item h3.item-title')).toContainText(added);
  // Sources are detected, not left in the body.
  const plain = preview(page).locator('article.item', { hasText: added[0] });
  await expect(plain.locator('.sources')).toContainText('安定门街道科协');
  await expect(plain).toContainText('跨越“数字鸿沟”');
  const revised = preview(page).locator('article.item', { hasText: added[1] });
  await expect(revised.locator('.sources')).toContainText('区科协科普部');
  await expect(revised).not.toContainText('内部备注');
  const notes = preview(page).locator('article.item', { hasText: added[2] });
  await expect(notes).toContainText('[注1] 含团体作品41件。');
  await expect(notes.locator('.sources')).toContainText('市科协青少年部');
  // The banner says where they went and passes on the reader's warnings.
  await expect(notice(page)).toContainText('已从 Word 文件添加到【基层组织动态】：4 篇');
  await expect(notice(page)).toContainText('revisions.docx');
  await expect(notice(page)).toContainText('1 条批注');
  // Word's lists and tables reach the preview as lists and a table.
  const formatted = preview(page).locator('article.item', { hasText: added[3] });
  await expect(formatted.locator('table td')).toContainText(['东华门街道', '12', '景山街道', '9']);
  await expect(formatted.locator('ul li')).toHaveText(['建设社区科普小站', '举办科技周系列活动']);
  await expect(formatted.locator('.sources')).toContainText('东城区科协');
  // The reader came from its own files, fetched only now.
  expect(wasmRequests.some((url) => url.endsWith('.wasm'))).toBe(true);
  expect(consoleErrors).toEqual([]);
});

test('the editor chooses the section, switches a rule off, and sees near-duplicates of the batch, the issue and the archive', async ({ page }) => {
  await openEditor(page);
  const title = '街道科协举办老年人智能手机培训班';
  // The same submission twice in one batch: the second is flagged and left out.
  await page.getByTestId('import-file').setInputFiles([docx('plain.docx'), { ...docx('plain.docx'), name: '重发.docx' }, docx('submission.docx')]);
  const dialog = page.getByTestId('inbox-dialog');
  const rows = dialog.getByTestId('inbox-row');
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(0).getByTestId('inbox-batch-duplicate')).toHaveCount(0);
  await expect(rows.nth(1).getByTestId('inbox-batch-duplicate')).toContainText(title);
  await rows.nth(1).getByTestId('inbox-keep').uncheck();
  await expect(dialog.getByTestId('inbox-confirm')).toContainText('(2)');
  // A rule switched off for one submission changes that one only.
  await rows.nth(2).locator('[data-rule="cjk-digit-spaces"]').uncheck();
  await expect(rows.nth(2).getByTestId('inbox-title')).toHaveText('区科协召开 2024 年科普工作推进会');
  await dialog.getByTestId('inbox-section').selectOption({ label: '【学会动态】' });
  await dialog.getByTestId('inbox-confirm').click();
  await expect(page.getByTestId('outline-item')).toHaveCount(SAMPLE_ITEMS.length + 2);
  const first = preview(page).locator('section.section', { has: page.locator('h2', { hasText: '【学会动态】' }) });
  await expect(first.locator(':scope > article.item h3.item-title').filter({ hasText: title })).toHaveCount(1);
  await expect(first.locator(':scope > article.item h3.item-title').filter({ hasText: '区科协召开 2024 年科普工作推进会' })).toHaveCount(1);
  await expect(notice(page)).toContainText('已从 Word 文件添加到【学会动态】：2 篇');

  // Published, then sent again: flagged against the issue and the archive.
  page.once('dialog', (confirm) => confirm.accept());
  await page.getByTestId('publish').click();
  await expect(page.locator('.banner', { hasText: '已发布并存入归档' })).toBeVisible();
  await page.getByTestId('import-file').setInputFiles([docx('plain.docx')]);
  await expect(rows).toHaveCount(1);
  await expect(rows.first().getByTestId('inbox-duplicate')).toContainText(title);
  await expect(rows.first().getByTestId('inbox-published')).toContainText(title);
  // Closing adds nothing, and says so.
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(notice(page)).toContainText('Word 来稿未添加');
  await expect(page.getByTestId('outline-item')).toHaveCount(SAMPLE_ITEMS.length + 2);
});

test('the paste dialog reads a Word file chosen or dropped in it, as a paste', async ({ page }) => {
  await openEditor(page);
  await page.getByTestId('paste-submission').click();
  const dialog = page.getByTestId('paste-dialog');
  await dialog.getByTestId('paste-file').setInputFiles([docx('submission.docx')]);
  await expect(page.getByTestId('paste-input')).toHaveValue(/召开 2024 年科普工作推进会/);
  await expect(page.getByTestId('paste-preview').locator('h3.item-title')).toHaveText('区科协召开2024年科普工作推进会');
  await expect(page.getByTestId('paste-sources')).toHaveText('东城区科协');
  await expect(page.getByTestId('paste-preview').locator('table td')).toContainText(['东华门街道', '12']);
  const rule = dialog.locator('[data-testid="paste-rule"][data-rule="cjk-digit-spaces"]');
  await expect(rule).toBeChecked();
  await rule.uncheck();
  await expect(page.getByTestId('paste-preview').locator('h3.item-title')).toHaveText('区科协召开 2024 年科普工作推进会');
  await rule.check();
  await dialog.getByTestId('paste-confirm').click();
  await expect(page.getByTestId('outline-item')).toHaveCount(SAMPLE_ITEMS.length + 1);

  // Dropped on the dialog: read there, not imported into the issue; the reader's warnings show.
  await page.getByTestId('paste-submission').click();
  await dropFiles(page, '[data-testid="paste-dialog"]', [docx('revisions.docx')]);
  await expect(page.getByTestId('paste-preview').locator('h3.item-title')).toHaveText('区科协开展科技志愿服务活动');
  await expect(page.getByTestId('paste-sources')).toHaveText('区科协科普部');
  await expect(page.getByTestId('paste-file-notes')).toContainText('revisions.docx：');
  await expect(page.getByTestId('paste-file-notes')).toContainText('批注');
  await expect(page.getByTestId('inbox-dialog')).toHaveCount(0);
  // A second file is added after the text already there, never over it.
  await dropFiles(page, '[data-testid="paste-input"]', [docx('plain.docx')]);
  await expect(page.getByTestId('paste-input')).toHaveValue(/区科协开展科技志愿服务活动[\s\S]*街道科协举办老年人智能手机培训班/);
  // Several files at once are for the toolbar; nothing changes here.
  const before = await page.getByTestId('paste-input').inputValue();
  await dropFiles(page, '[data-testid="paste-dialog"]', [docx('plain.docx'), docx('fields_notes.docx')]);
  await expect(page.getByTestId('paste-file-notes')).toContainText('一次读取一个文件');
  await expect(page.getByTestId('paste-input')).toHaveValue(before);
  await expect(page.getByTestId('outline-item')).toHaveCount(SAMPLE_ITEMS.length + 1);
});

test('Word files and a plain-text bulletin dropped on the editor together', async ({ page }) => {
  await openEditor(page);
  // The plain-text bulletin opens as a new draft, as any bulletin file does; the Word
  // submissions then wait in their dialog, which offers the sections of the open issue:
  // the bulletin's.
  await dropFiles(page, 'main.panes', [
    docx('plain.docx'),
    { name: 'bulletin_plain.txt', mimeType: 'text/plain', buffer: readFileSync(join(FIXTURES, 'bulletin_plain.txt')) },
    docx('fields_notes.docx'),
  ]);
  const dialog = page.getByTestId('inbox-dialog');
  await expect(dialog.getByTestId('inbox-title')).toHaveText(['街道科协举办老年人智能手机培训班', '市青少年科技创新大赛落幕']);
  await expect(preview(page).locator('header.masthead')).toContainText('科协信息');
  await expect(preview(page).locator('header.masthead')).toContainText('增刊第7期');
  await expect(dialog.getByTestId('inbox-section').locator('option')).toHaveText(['【一、学会活动】', '【二、基层动态】']);
  await expect(dialog.getByTestId('inbox-section').locator('option:checked')).toHaveText('【二、基层动态】');
  await dialog.getByTestId('inbox-confirm').click();
  await expect(dialog).toHaveCount(0);

  await expect(preview(page).locator('h2.section-heading')).toHaveText(['【一、学会活动】', '【二、基层动态】']);
  await expect(preview(page).locator('article.item h3.item-title')).toHaveText([
    '市天文学会举办夏至观测活动',
    '河西区科协开展2025年防溺水安全宣传',
    '东湖社区科普大学春季班结业',
    '街道科协举办老年人智能手机培训班',
    '市青少年科技创新大赛落幕',
  ]);
  await expect(preview(page).locator('article.item .sources')).toHaveText([
    /市天文学会/,
    /河西区科协/,
    /刘洋/,
    /安定门街道科协/,
    /市科协青少年部/,
  ]);
  await expect(preview(page).locator('article.item', { hasText: '市青少年科技创新大赛落幕' })).toContainText('[注2] 公告发布于2024年6月1日。');
  await expect(preview(page).locator('footer.colophon')).toContainText('陈晨');
  await expect(preview(page).locator('footer.colophon')).toContainText('80');
  // The table of contents was dropped and made again from the items.
  await expect(preview(page).locator('nav.toc li.toc-item')).toHaveCount(5);
  await expect(page.getByTestId('outline-item')).toHaveCount(5);
});

test('a Word bulletin opens as a new draft with its sections, items and sources', async ({ page }) => {
  await openEditor(page);
  await page.getByTestId('import-file').setInputFiles([docx('bulletin.docx')]);
  await expect(preview(page).locator('article.item h3.item-title')).toHaveText([
    '区营养学会开展健康饮食进社区活动',
    '和平街道科协组织青少年参观科技馆',
  ]);
  await expect(preview(page).locator('header.masthead')).toContainText('2024年第3期（总第58期）');
  await expect(preview(page).locator('article.item .sources')).toContainText(['区营养学会', '和平街道科协']);
  await expect(preview(page).locator('footer.colophon')).toContainText('王明');
  await expect(notice(page)).toContainText('整期简报已作为新草稿打开');
});

test('files that are not .docx say what to do and change nothing', async ({ page }) => {
  await openEditor(page);
  const oldWord = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]);
  await page.getByTestId('import-file').setInputFiles([
    { name: '旧稿件.doc', mimeType: 'application/msword', buffer: oldWord },
    { name: '扫描件.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%\xe2\xe3\n1 0 obj\n', 'latin1') },
    docx('bad/truncated.docx'),
  ]);
  await expect(notice(page)).toContainText('旧稿件.doc：这是旧版 Word 或 WPS 文件');
  await expect(notice(page)).toContainText('另存为');
  await expect(notice(page)).toContainText('扫描件.pdf：这是 PDF 文件');
  await expect(notice(page)).toContainText('truncated.docx：');
  await expect(page.getByTestId('outline-item')).toHaveCount(SAMPLE_ITEMS.length);
});

test.describe('without the reader', () => {
  // The service worker would answer from its cache, around the blocked route.
  test.use({ serviceWorkers: 'block' });

  test('a reader that cannot be loaded gives a clear message, and the page keeps working', async ({ page, context }) => {
    await context.route('**/reader_worker*', (route) => route.abort());
    await openEditor(page);
    await page.getByTestId('import-file').setInputFiles([docx('plain.docx')]);
    await expect(notice(page)).toContainText('无法加载 Word 读取程序');
    await expect(page.getByTestId('outline-item')).toHaveCount(SAMPLE_ITEMS.length);
    await page.getByTestId('new-item').click();
    await expect(page.getByTestId('outline-item')).toHaveCount(SAMPLE_ITEMS.length + 1);
  });
});

test.describe('without the paste worker', () => {
  // The service worker would answer from its cache, around the blocked route.
  test.use({ serviceWorkers: 'block' });

  test('submissions the cleanup cannot reach are added as read, with a message, never dropped', async ({ page, context }) => {
    await context.route('**/paste_worker*', (route) => route.abort());
    await openEditor(page);
    await page.getByTestId('import-file').setInputFiles([docx('plain.docx')]);
    const dialog = page.getByTestId('inbox-dialog');
    const row = dialog.getByTestId('inbox-row');
    await expect(row.getByTestId('inbox-failure')).toContainText('未能整理，将按读出的原文添加');
    await expect(row.getByTestId('inbox-failure')).toContainText('来稿整理程序');
    await expect(row.getByTestId('inbox-body')).toContainText('街道科协举办老年人智能手机培训班');
    await dialog.getByTestId('inbox-confirm').click();
    await expect(dialog).toHaveCount(0);
    await expect(page.getByTestId('outline-item')).toHaveCount(SAMPLE_ITEMS.length + 1);
    await expect(preview(page).locator('article.item', { hasText: '老年人智能手机' })).toHaveCount(1);
    await expect(notice(page)).toContainText('plain.docx：未整理，已按读出的原文添加');
  });
});

test.describe('accessibility', () => {
  // axe-core is injected as an inline script, which the app's policy forbids (see
  // a11y-helpers.ts): the exemption is for this test tool only.
  test.use({ bypassCSP: true });

  test('the Word submissions dialog has no serious violation, with rules, warnings and a duplicate showing', async ({ page }) => {
    await openEditor(page);
    await page
      .getByTestId('import-file')
      .setInputFiles([docx('revisions.docx'), docx('submission.docx'), { ...docx('submission.docx'), name: '重发.docx' }]);
    const dialog = page.getByRole('dialog', { name: /Word 来稿/ });
    await expect(dialog.getByTestId('inbox-warnings')).toContainText('批注');
    await expect(dialog.getByTestId('inbox-rule').first()).toBeVisible();
    await expect(dialog.getByTestId('inbox-batch-duplicate')).toHaveCount(1);
    await expect(dialog.getByTestId('inbox-confirm')).toBeFocused();
    const violations = await seriousViolations(page);
    expect(violations, describe(violations)).toEqual([]);
  });
});
