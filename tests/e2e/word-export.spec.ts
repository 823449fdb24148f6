// Word out (issue 17): the 导出 Word button makes the open issue's .docx in a web worker
// (src/bin/word_worker.rs, loaded on the first export through ui/worker.rs) and downloads
// it under the HTML export's name with .docx. The test reads the package back: the
// titles and sources of the issue in word/document.xml, and the page numbers' PAGE field
// in the footers that document.xml's section properties name.

import type { Page, TestInfo } from '@playwright/test';
import { test, expect } from './fixtures';
import { openEditor, preview, SAMPLE_ITEMS } from './editor-helpers';
import { captureDownload } from './export-helpers';
import { unzip, wordText } from './zip';

/** The 导出 Word button, found as a user finds it. */
function wordButton(page: Page) {
  return page.getByRole('button', { name: '导出 Word' });
}

/** The status banner. */
function notice(page: Page) {
  return page.locator('.banner[role="status"]');
}

/** Clicks 导出 Word and returns the download's name and its parts. */
async function exportWord(page: Page, testInfo: TestInfo) {
  const [download] = await Promise.all([page.waitForEvent('download'), wordButton(page).click()]);
  expect(await download.failure()).toBeNull();
  const path = testInfo.outputPath(download.suggestedFilename());
  await download.saveAs(path);
  const { readFile } = await import('node:fs/promises');
  return { name: download.suggestedFilename(), parts: unzip(await readFile(path)) };
}

test('导出 Word downloads the issue as a .docx with its titles, sources and page numbers', async ({ page, consoleErrors }, testInfo) => {
  await openEditor(page);
  const requested: string[] = [];
  page.on('request', (request) => {
    if (request.url().includes('word_worker')) requested.push(request.url());
  });
  // Nothing of the Word writer is loaded until it is asked for.
  expect(requested).toEqual([]);

  const { name, parts } = await exportWord(page, testInfo);
  const html = await captureDownload(page, 'export-html', testInfo);
  expect(name).toBe(html.name.replace(/\.html$/, '.docx'));
  await expect(notice(page)).toContainText(`已导出 Word 文件：${name}`);
  expect(requested.some((url) => url.endsWith('word_worker_bg.wasm'))).toBe(true);

  for (const part of ['[Content_Types].xml', 'word/document.xml', 'word/styles.xml']) {
    expect(parts.has(part), `the package has ${part}`).toBe(true);
  }
  const documentXml = parts.get('word/document.xml')?.toString('utf8') ?? '';
  const text = wordText(documentXml);
  // Every title, in print order.
  let from = 0;
  for (const title of SAMPLE_ITEMS) {
    const at = text.indexOf(title, from);
    expect(at, `“${title}” is in word/document.xml after the previous title`).toBeGreaterThanOrEqual(from);
    from = at + title.length;
  }
  // Every item's sources, as the preview shows them.
  const sources = await preview(page).locator('article.item .sources').allTextContents();
  expect(sources.length).toBeGreaterThan(0);
  for (const line of sources) {
    for (const unit of line.replace(/^[（(]|[)）]$/g, '').split(/[、，,]/).map((s) => s.trim()).filter(Boolean)) {
      expect(text, `the source ${unit}`).toContain(unit);
    }
  }
  // The page numbers: footers named by the section properties, each with a PAGE field.
  const footerIds = [...documentXml.matchAll(/<w:footerReference[^>]*r:id="([^"]+)"/g)].map((m) => m[1]);
  expect(footerIds.length).toBeGreaterThanOrEqual(2);
  expect(parts.get('word/settings.xml')?.toString('utf8')).toContain('<w:evenAndOddHeaders');
  const footers = [...parts.keys()].filter((part) => /^word\/footer\d*\.xml$/.test(part));
  expect(footers.length).toBeGreaterThanOrEqual(2);
  for (const footer of footers) {
    expect(parts.get(footer)?.toString('utf8'), footer).toMatch(/<w:instrText[^>]*>\s*PAGE\b/);
  }

  // A second export reuses the running worker and gives the same text.
  requested.length = 0;
  const again = await exportWord(page, testInfo);
  expect(wordText(again.parts.get('word/document.xml')?.toString('utf8') ?? '')).toBe(text);
  expect(requested).toEqual([]);
  expect(consoleErrors).toEqual([]);
});

test('an edit made just before the export is in the Word file', async ({ page }, testInfo) => {
  await openEditor(page);
  const title = page.getByTestId('item-title');
  if (!(await title.isVisible())) await page.getByTestId('outline-item').first().getByRole('button').first().click();
  await title.fill('导出前刚改的标题 WordEdit42');
  await expect(preview(page)).toContainText('WordEdit42');
  const { parts } = await exportWord(page, testInfo);
  expect(wordText(parts.get('word/document.xml')?.toString('utf8') ?? '')).toContain('导出前刚改的标题 WordEdit42');
});

test.describe('without the writer', () => {
  // The service worker would answer from its cache, around the blocked route.
  test.use({ serviceWorkers: 'block' });

  test('a writer that cannot be loaded gives a clear message, and the page keeps working', async ({ page, context }) => {
    await context.route('**/word_worker*', (route) => route.abort());
    await openEditor(page);
    await wordButton(page).click();
    await expect(notice(page)).toContainText('无法加载 Word 导出程序');
    await expect(notice(page)).toContainText('导出 HTML');
    await expect(wordButton(page)).toBeEnabled();
    await page.getByTestId('new-item').click();
    await expect(page.getByTestId('outline-item')).toHaveCount(SAMPLE_ITEMS.length + 1);
  });

  test('a writer slow to load shows that it is loading, then what was done', async ({ page, context }) => {
    await context.route('**/word_worker_bg.wasm', async (route) => {
      await new Promise((done) => setTimeout(done, 1500));
      await route.continue();
    });
    await openEditor(page);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      (async () => {
        await wordButton(page).click();
        await expect(notice(page)).toHaveText(/正在加载 Word 导出程序…/);
        await expect(wordButton(page)).toBeDisabled();
      })(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.docx$/);
    await expect(notice(page)).toContainText('已导出 Word 文件');
    await expect(wordButton(page)).toBeEnabled();
  });
});
