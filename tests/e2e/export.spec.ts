// What leaves the editor: the exported HTML file (a safe, valid, printable copy of the
// preview), the exported Markdown (an exact round trip), the rich-text copy and printing.
//
// Most tests import the reference issue ../shared/seed/000_fc348747b8243834.txt through
// the toolbar's file input; the hostile-input test builds its issue at test time from
// ../shared/xss/dompurify-payloads.json. Both are read, never copied into the repository;
// a missing one fails the test with a message naming the path.
//
// Outside tools: pdftotext and pdftoppm (Debian's poppler-utils) for the print test, and
// Java for the W3C Nu HTML Checker (npm vnu-jar).

import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { clickThroughReview, test, expect } from './fixtures';
import { withoutStyle } from './editor-helpers';
import {
  articleOf,
  captureDownload,
  firstDifference,
  hookScript,
  hostileCalls,
  hostileIssue,
  importSeed,
  importText,
  openApp,
  pagesEndingWithHeadings,
  pagingIssue,
  pdfPageSizes,
  pdfPageText,
  pdfPageToPng,
  previewHtml,
  requireShared,
  ROOT,
  SEED_MASTHEAD,
  SEED_STEM,
  SEED_TITLE,
  settle,
  tagsWithHandlers,
  unsafeParts,
  vnuErrors,
  XSS_PAYLOADS,
} from './export-helpers';

/** A4 in PostScript points, and how far a page may be off. */
const A4 = { width: 595.28, height: 841.89 };
const A4_TOLERANCE = 1;

/** Text with all whitespace removed: pdftotext spaces and breaks lines as it likes. */
const squeeze = (text: string) => text.replace(/\s+/g, '');

test('the exported HTML file is the preview, standalone and inert', async ({ page }, testInfo) => {
  await openApp(page);
  await importSeed(page);
  const preview = await previewHtml(page);

  const file = await captureDownload(page, 'export-html', testInfo);
  expect(file.name).toBe(`${SEED_STEM}.html`);
  const html = file.text;

  expect(html.startsWith('<!DOCTYPE html>'), 'the file starts with <!DOCTYPE html>').toBe(true);
  expect(html).toMatch(/^<!DOCTYPE html>\s*<html lang="zh-CN">/);
  // The charset declaration is the head's first child and inside the first 1024 bytes.
  expect(html).toMatch(/<head>\s*<meta charset="utf-8">/);
  expect(Buffer.byteLength(html.slice(0, html.indexOf('<meta charset="utf-8">')))).toBeLessThan(1024);
  expect(html).toContain('<meta name="referrer" content="no-referrer">');
  expect(html).toContain(`<title>${SEED_TITLE}</title>`);

  // A Content-Security-Policy meta that forbids every script.
  const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html);
  expect(csp, 'the file has a Content-Security-Policy meta').not.toBeNull();
  const directives = new Map(
    csp![1]
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0] !== '')
      .map(([name, ...values]) => [name.toLowerCase(), values.join(' ')] as const),
  );
  for (const directive of ['script-src', 'script-src-elem', 'script-src-attr']) {
    const effective = directives.get(directive) ?? directives.get('script-src') ?? directives.get('default-src');
    expect(effective, `CSP ${directive}`).toBe("'none'");
  }
  expect(directives.get('object-src') ?? directives.get('default-src')).toBe("'none'");
  expect(directives.get('base-uri')).toBe("'none'");

  // The bulletin's markup is exactly the preview's.
  expect(articleOf(html).startsWith('<article class="bulletin" lang="zh-CN">')).toBe(true);
  expect(articleOf(html) === preview, firstDifference(articleOf(html), preview)).toBe(true);

  // Nothing that runs.
  expect(html).not.toMatch(/<script/i);
  expect(tagsWithHandlers(html)).toEqual([]);
  expect(html).not.toMatch(/javascript:/i);
  expect(await unsafeParts(page, html)).toEqual([]);
});

test('the exported seed HTML passes the Nu HTML Checker', async ({ page }, testInfo) => {
  test.setTimeout(90_000); // the checker starts a JVM: several seconds
  await openApp(page);
  await importSeed(page);
  const file = await captureDownload(page, 'export-html', testInfo);

  const errors = await vnuErrors(file.path);
  const listing = errors
    .map((m) => `line ${m.lastLine ?? '?'}:${m.firstColumn ?? '?'} ${m.message}\n    ${m.extract ?? ''}`)
    .join('\n');
  expect(errors, `Nu HTML Checker errors in ${file.path}:\n${listing}`).toEqual([]);
  testInfo.annotations.push({ type: 'vnu', description: `0 errors (${file.path})` });
});

test('the exported file prints on A4, masthead first and footer last', async ({ page }, testInfo) => {
  test.setTimeout(60_000);
  await openApp(page);
  await importSeed(page);
  const headings = await page
    .getByTestId('preview')
    .locator('.body .item-title, .body .section-heading, .body .column-heading')
    .allTextContents();
  expect(headings.length).toBeGreaterThan(6);
  const file = await captureDownload(page, 'export-html', testInfo);

  await page.goto(pathToFileURL(file.path).href);
  await expect(page.locator('article.bulletin header.masthead')).toContainText(SEED_MASTHEAD);
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  const pdfPath = testInfo.outputPath(`${SEED_STEM}.pdf`);
  await writeFile(pdfPath, pdf);

  const sizes = pdfPageSizes(pdf);
  const pages = sizes.length;
  testInfo.annotations.push({
    type: 'pdf',
    description: `${pages} pages: ${[...new Set(sizes.map((s) => `${s.width} × ${s.height} pt`))].join(', ')}`,
  });
  expect(pages, 'the seed fills at least two pages').toBeGreaterThanOrEqual(2);
  sizes.forEach((size, index) => {
    expect(Math.abs(size.width - A4.width), `page ${index + 1} width ${size.width}`).toBeLessThanOrEqual(A4_TOLERANCE);
    expect(Math.abs(size.height - A4.height), `page ${index + 1} height ${size.height}`).toBeLessThanOrEqual(
      A4_TOLERANCE,
    );
  });

  const texts: string[] = [];
  for (let n = 1; n <= pages; n++) texts.push(await pdfPageText(pdfPath, n));
  const first = squeeze(texts[0]);
  const last = squeeze(texts[pages - 1]);

  // The masthead on page 1, in full.
  expect(first.startsWith(SEED_MASTHEAD), `page 1 starts with the masthead:\n${texts[0]}`).toBe(true);
  for (const part of ['2023年第7期（总第60期）', '北京市科协办公室', '2023年3月10日', '目录提要']) {
    expect(first, `page 1 shows ${part}`).toContain(part);
  }
  // The footer on the last page, and only there.
  for (const part of ['编辑：张红波', '审核：李金涛', '分送：市科协第十届委员会主席']) {
    expect(last, `the last page shows ${part}`).toContain(part);
    texts.slice(0, -1).forEach((text, index) => {
      expect(squeeze(text), `page ${index + 1} does not show ${part}`).not.toContain(part);
    });
  }
  // Every page has its number, `— N —`, at its foot.
  texts.forEach((text, index) => {
    const lines = text.split('\n').map(squeeze).filter((line) => line !== '');
    expect(lines.at(-1), `page ${index + 1}'s last line is its number`).toBe(`—${index + 1}—`);
  });
  // No page ends with a heading: a title or a 【栏目】 always has text after it on its page.
  expect(pagesEndingWithHeadings(texts, headings)).toEqual([]);

  // Page 1 as a picture, for the report (and for docs/ when asked to refresh it).
  const png = testInfo.outputPath('print-page1.png');
  await pdfPageToPng(pdfPath, 1, 80, png);
  await testInfo.attach('print-page1.png', { path: png, contentType: 'image/png' });
  if (process.env.JIANBAO_UPDATE_DOCS) {
    await copyFile(png, join(ROOT, 'docs', 'print-page1.png'));
    await pdfPageToPng(pdfPath, 2, 80, join(ROOT, 'docs', 'print-page2.png'));
  }
});

test('no heading is left at the foot of a page, and a long 目录提要 starts on page 1', async ({
  page,
}, testInfo) => {
  test.setTimeout(60_000);
  // Built here, not read from ../shared: 31 items of varied length in 4 sections and a
  // sub-column, a 36-line 目录提要. Without the keep-with-next rules of bulletin.css,
  // three pages of it end with an item title.
  await openApp(page);
  await importText(page, 'paging.md', pagingIssue());
  const preview = page.getByTestId('preview');
  await expect(preview.locator('header.masthead .masthead-title')).toHaveText('分页测试简报');
  await expect(preview.locator('article.item')).toHaveCount(31);
  const headings = await preview
    .locator('.body .item-title, .body .section-heading, .body .column-heading')
    .allTextContents();
  expect(headings).toHaveLength(36);
  const file = await captureDownload(page, 'export-html', testInfo);

  await page.goto(pathToFileURL(file.path).href);
  await expect(page.locator('article.item')).toHaveCount(31);
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  const pdfPath = testInfo.outputPath('paging.pdf');
  await writeFile(pdfPath, await page.pdf({ preferCSSPageSize: true, printBackground: true }));
  const pages = pdfPageSizes(await readFile(pdfPath)).length;
  expect(pages).toBeGreaterThanOrEqual(3);
  const texts: string[] = [];
  for (let n = 1; n <= pages; n++) texts.push(await pdfPageText(pdfPath, n));

  expect(pagesEndingWithHeadings(texts, headings)).toEqual([]);
  // The 目录提要 begins under the masthead, not on a page of its own.
  expect(squeeze(texts[0])).toContain('目录提要');
  expect(squeeze(texts[0])).toContain('◆第1篇稿件的标题');
  // The footer stays in one piece, on the last page.
  const last = squeeze(texts[pages - 1]);
  for (const part of ['编辑：王测试', '审核：李测试', '分送：各有关单位', '某某单位']) {
    expect(last, `the last page shows ${part}`).toContain(part);
  }
});

test('Markdown export → import → export is exact', async ({ page }, testInfo) => {
  await openApp(page);
  await importSeed(page);
  const before = await previewHtml(page);

  const first = await captureDownload(page, 'export-md', testInfo, 'first');
  expect(first.name).toBe(`${SEED_STEM}.md`);
  expect(first.text.startsWith(`# ${SEED_MASTHEAD}\n`)).toBe(true);

  // Change the issue, so that the import of the same text visibly replaces it.
  const title = page.getByTestId('masthead-title');
  await title.fill('临时刊名');
  const shownTitle = page.getByTestId('preview').locator('header.masthead .masthead-title');
  await expect(shownTitle).toHaveText('临时刊名');

  await importText(page, first.name, first.text);
  await expect(shownTitle).toHaveText(SEED_MASTHEAD);
  await expect.poll(() => previewHtml(page), { message: 'the preview after the round trip' }).toBe(before);

  const second = await captureDownload(page, 'export-md', testInfo, 'second');
  expect(second.name).toBe(`${SEED_STEM}.md`);
  expect(second.text, 'the second export, as text').toBe(first.text);
  expect(second.bytes.equals(first.bytes), 'the two exports are byte-identical').toBe(true);
});

test('hostile input never reaches the exported file', async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  const payloads = JSON.parse(requireShared(XSS_PAYLOADS)) as { title: string; payload: string }[];
  expect(payloads.length).toBe(223);
  const issue = hostileIssue(payloads);
  testInfo.annotations.push({
    type: 'hostile input',
    description:
      `${issue.payloadItems} payloads × 3 fields (title, body, sources) = ${issue.payloadPlacements}; ` +
      `${issue.linkPlacements} hostile link destinations × forms`,
  });

  // The app's own page is hooked too: the preview shows the same input.
  await page.addInitScript(hookScript);
  await openApp(page);
  await importText(page, 'hostile.md', issue.markdown);
  const preview = page.getByTestId('preview');
  await expect(preview.locator('header.masthead .masthead-title')).toHaveText('安全测试简报');
  await expect(preview.locator('article.item')).toHaveCount(issue.titles.length);
  // The payloads arrived whole: each item's title is the payload's text, shown as text.
  expect(await preview.locator('.item-title').allTextContents()).toEqual(issue.titles);

  const file = await captureDownload(page, 'export-html', testInfo);
  expect(file.name).toBe('安全测试简报-2024年第1期.html');
  const html = file.text;
  await settle(page);
  expect(await hostileCalls(page), 'calls from the editor page').toEqual([]);

  // The file's text: no script, no handler attribute, no live dangerous URL.
  expect(html).not.toMatch(/<script/i);
  expect(tagsWithHandlers(html)).toEqual([]);
  expect(await unsafeParts(page, html)).toEqual([]);
  expect(html, 'the safe link survives, so links were rendered at all').toContain(
    `<a href="${issue.safeHref}" rel="noopener noreferrer">`,
  );
  // The same DOM as the preview (compared as the browser serializes it: text such as `"`
  // comes back unescaped, which is the same DOM).
  const shown = await previewHtml(page);
  const parsed = await page.evaluate(
    (source) => new DOMParser().parseFromString(source, 'text/html').querySelector('article.bulletin')?.outerHTML ?? '',
    withoutStyle(html),
  );
  expect(parsed === shown, firstDifference(parsed, shown)).toBe(true);

  // The file as a page, with and without its Content-Security-Policy: nothing runs.
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  const url = pathToFileURL(file.path).href;
  await page.goto(url);
  await expect(page.locator('article.item')).toHaveCount(issue.titles.length);
  await settle(page);
  expect(await hostileCalls(page), 'calls from the exported file').toEqual([]);
  expect(page.url()).toBe(url);

  const withoutCsp = html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, '');
  expect(withoutCsp).not.toBe(html);
  // A fresh document: document.write into the file's page would keep its policy.
  await page.goto('about:blank');
  await page.setContent(withoutCsp, { waitUntil: 'load' });
  await expect(page.locator('article.item')).toHaveCount(issue.titles.length);
  await settle(page);
  expect(await hostileCalls(page), 'calls from the file without its CSP').toEqual([]);
  expect(dialogs).toEqual([]);
});

test('copy as rich text puts styled HTML and plain text on the clipboard', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openApp(page);
  await importSeed(page);

  // Something else on the clipboard first, so that what is read below is this copy's.
  await page.evaluate(() => navigator.clipboard.writeText('之前的内容'));
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('之前的内容');

  await clickThroughReview(page, 'copy-rich');
  await expect(page.getByRole('status').filter({ hasText: '复制' })).toContainText('已复制为富文本');

  const clipboard = await page.evaluate(async () => {
    const items = await navigator.clipboard.read();
    const out: Record<string, string> = {};
    for (const item of items) {
      for (const type of item.types) out[type] = await (await item.getType(type)).text();
    }
    return out;
  });
  expect(Object.keys(clipboard).sort()).toEqual(['text/html', 'text/plain']);
  const html = clipboard['text/html'];
  expect(html).toContain('style="');
  expect(html).toMatch(/<h1 class="masthead-title" style="[^"]*color:#E60012/);
  expect(html).toContain(SEED_MASTHEAD);
  expect(html).not.toMatch(/<script/i);
  expect(clipboard['text/plain'].startsWith(`${SEED_MASTHEAD}\n2023年第7期（总第60期）\n`)).toBe(true);
  expect(clipboard['text/plain']).toContain('编辑：张红波');
});

test('the print button prints, and print media shows only the bulletin', async ({ page }, testInfo) => {
  test.setTimeout(60_000);
  await page.addInitScript(() => {
    const w = window as unknown as { __printed: number; print: () => void };
    w.__printed = 0;
    w.print = () => {
      w.__printed += 1;
    };
  });
  await openApp(page);
  await importSeed(page);

  await clickThroughReview(page, 'print');
  await expect.poll(() => page.evaluate(() => (window as unknown as { __printed: number }).__printed)).toBe(1);

  for (const id of ['print', 'export-html', 'outline', 'masthead-title']) {
    await expect(page.getByTestId(id)).toBeVisible();
  }
  await page.emulateMedia({ media: 'print' });
  for (const id of ['print', 'export-html', 'outline', 'masthead-title', 'char-count']) {
    await expect(page.getByTestId(id), `${id} is hidden in print`).toBeHidden();
  }
  const bulletin = page.getByTestId('preview').locator('article.bulletin');
  await expect(bulletin).toBeVisible();

  // Everything visible is the bulletin, or holds it.
  const stray = await page.evaluate(() => {
    const preview = document.querySelector('[data-testid=preview]')!;
    const out: string[] = [];
    for (const element of document.body.querySelectorAll('*')) {
      const box = element.getBoundingClientRect();
      if (box.width === 0 || box.height === 0 || !element.checkVisibility({ visibilityProperty: true })) continue;
      if (element.contains(preview) || preview.contains(element)) continue;
      out.push(`${element.tagName.toLowerCase()}.${[...element.classList].join('.')}: ${element.textContent?.slice(0, 40)}`);
    }
    return out;
  });
  expect(stray, 'elements shown in print besides the bulletin').toEqual([]);
  // The bulletin prints as paper: no sheet shadow, no screen padding.
  await expect(bulletin).toHaveCSS('box-shadow', 'none');
  await expect(bulletin).toHaveCSS('padding-top', '0px');

  // Printing the editor gives the exported file's pages, text for text: the preview pane
  // does not clip the bulletin to one screen.
  const appPdf = testInfo.outputPath('editor.pdf');
  await writeFile(appPdf, await page.pdf({ preferCSSPageSize: true, printBackground: true }));
  await page.emulateMedia({ media: null }); // back to normal: screen, and print for page.pdf
  const file = await captureDownload(page, 'export-html', testInfo);
  await page.goto(pathToFileURL(file.path).href);
  await expect(page.locator('article.bulletin header.masthead')).toContainText(SEED_MASTHEAD);
  const filePdf = testInfo.outputPath('exported.pdf');
  await writeFile(filePdf, await page.pdf({ preferCSSPageSize: true, printBackground: true }));
  const pagesOf = async (path: string) => {
    const pages = pdfPageSizes(await readFile(path)).length;
    const texts: string[] = [];
    for (let n = 1; n <= pages; n++) texts.push(await pdfPageText(path, n));
    return texts;
  };
  const [fromEditor, fromFile] = [await pagesOf(appPdf), await pagesOf(filePdf)];
  expect(fromEditor.length, 'pages printed from the editor').toBe(fromFile.length);
  expect(fromEditor).toEqual(fromFile);
});
