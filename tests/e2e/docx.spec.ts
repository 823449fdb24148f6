// Word files in (issue 16): .docx files picked through "导入文件" are read by the reader's
// web worker, loaded on first use. Submissions are added to the open issue's last
// section with their titles, bodies and sources; a whole bulletin opens as a new draft;
// files that cannot be read say why and change nothing.

import { test, expect } from './fixtures';
import { openEditor, preview, SAMPLE_ITEMS } from './editor-helpers';
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

/** The notice banner (role status) that reports the import. */
function notice(page: import('@playwright/test').Page) {
  return page.locator('.banner[role="status"]');
}

test('several Word submissions become items of the last section, with sources and warnings', async ({ page, consoleErrors }) => {
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
  await expect(page.getByTestId('outline-item')).toHaveCount(SAMPLE_ITEMS.length + added.length);
  const titles = preview(page).locator('article.item h3.item-title');
  for (const title of added) {
    await expect(titles.filter({ hasText: title })).toHaveCount(1);
  }
  // They go to the end of the last section, in the order picked.
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
  // The banner says what was added and passes on the reader's warnings.
  await expect(notice(page)).toContainText('已从 Word 文件添加到最后一个栏目');
  await expect(notice(page)).toContainText('revisions.docx');
  await expect(notice(page)).toContainText('1 条批注');
  // The cleanup rules that changed a file's text are named, as for a paste.
  await expect(notice(page)).toContainText('submission.docx：已整理');
  // Word's lists and tables reach the preview as lists and a table.
  const formatted = preview(page).locator('article.item', { hasText: added[3] });
  await expect(formatted.locator('table td')).toContainText(['东华门街道', '12', '景山街道', '9']);
  await expect(formatted.locator('ul li')).toHaveText(['建设社区科普小站', '举办科技周系列活动']);
  await expect(formatted.locator('.sources')).toContainText('东城区科协');
  // The reader came from its own files, fetched only now.
  expect(wasmRequests.some((url) => url.endsWith('.wasm'))).toBe(true);
  expect(consoleErrors).toEqual([]);
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
