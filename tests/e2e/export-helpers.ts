// Helpers for the export tests (tests/e2e/export*.spec.ts): importing a file through the
// toolbar's file input, capturing a download, reading the exported HTML file, and the
// outside tools these tests use (pdftotext and pdftoppm from Debian's poppler-utils, and
// the W3C Nu HTML Checker from npm's vnu-jar, which runs on Java).
//
// The seed bulletin and the XSS payloads come from the shared data folder beside the
// repository (see `SHARED_DIR` in fixtures.ts). They are read at test time and never
// copied into the repository; when one is absent the test fails with a plain message that
// names the path it looked for.

import type { BrowserContext, Page, TestInfo } from '@playwright/test';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { clickThroughReview, expect, SHARED_DIR } from './fixtures';

const run = promisify(execFile);

/** The repository root (this file lives in tests/e2e). */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The reference issue, relative to the shared data folder. */
export const SEED = 'seed/000_fc348747b8243834.txt';

/** The 223 DOMPurify payloads ({title, payload}), relative to the shared data folder. */
export const XSS_PAYLOADS = 'xss/dompurify-payloads.json';

/** What the seed bulletin is called, and the names its exports get. */
export const SEED_MASTHEAD = '科协每周动态';
export const SEED_STEM = '科协每周动态-2023年第7期';
export const SEED_TITLE = '科协每周动态 2023年第7期';
/** The seed's number of items (the lead item, five in sections, one in a sub-column). */
export const SEED_ITEMS = 6;

/**
 * The text of a file in the shared data folder. Fails (never skips) with a message that
 * names the path when the file is absent.
 */
export function requireShared(relativePath: string): string {
  const path = join(SHARED_DIR, relativePath);
  if (!existsSync(path)) {
    throw new Error(
      `${path} is absent: this test needs the project's shared data ` +
        `(put it in ../shared beside the repository, or name another folder with JIANBAO_SHARED).`,
    );
  }
  return readFileSync(path, 'utf8');
}

/** Opens the editor (a fresh context: it shows the sample issue) and waits for the preview. */
export async function openApp(page: Page): Promise<void> {
  await page.goto('./');
  await expect(page.getByTestId('preview').locator('article.bulletin header.masthead')).toBeVisible();
  await expect(page.getByTestId('outline-item').first()).toBeVisible();
}

/** Puts a file into the toolbar's import input (`import-file`), as a user picking it would. */
export async function importText(page: Page, name: string, text: string): Promise<void> {
  await page.getByTestId('import-file').setInputFiles({
    name,
    mimeType: name.endsWith('.md') ? 'text/markdown' : 'text/plain',
    buffer: Buffer.from(text, 'utf8'),
  });
}

/** Imports the seed bulletin and waits until the preview shows all of it. */
export async function importSeed(page: Page): Promise<void> {
  await importText(page, '000_fc348747b8243834.txt', requireShared(SEED));
  const preview = page.getByTestId('preview');
  await expect(preview.locator('header.masthead .masthead-title')).toHaveText(SEED_MASTHEAD);
  await expect(preview.locator('article.item')).toHaveCount(SEED_ITEMS);
  await expect(preview.locator('footer.colophon')).toContainText('张红波');
  await expect(page.getByTestId('outline-item')).toHaveCount(SEED_ITEMS);
}

/** The preview's markup: the innerHTML of `[data-testid=preview]`. */
export async function previewHtml(page: Page): Promise<string> {
  return page.getByTestId('preview').evaluate((element) => element.innerHTML);
}

export type Download = { name: string; path: string; bytes: Buffer; text: string };

/**
 * Clicks the toolbar button `testId` and captures the download it starts: its suggested
 * name, and its bytes saved under the test's output folder.
 */
export async function captureDownload(
  page: Page,
  testId: string,
  testInfo: TestInfo,
  label = testId,
): Promise<Download> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    clickThroughReview(page, testId),
  ]);
  const failure = await download.failure();
  expect(failure, `the download from ${testId} failed`).toBeNull();
  const name = download.suggestedFilename();
  const path = testInfo.outputPath(`${label}-${name}`);
  await download.saveAs(path);
  const bytes = await readFile(path);
  return { name, path, bytes, text: bytes.toString('utf8') };
}

/**
 * The bulletin's markup inside an exported HTML file: what lies between
 * `<body class="bulletin-page">` and `</body>` (render.rs writes one line feed each side).
 */
export function articleOf(html: string): string {
  const open = '<body class="bulletin-page">\n';
  const start = html.indexOf(open);
  const end = html.lastIndexOf('\n</body>');
  expect(start, 'the exported file has <body class="bulletin-page">').toBeGreaterThan(0);
  expect(end, 'the exported file has </body>').toBeGreaterThan(start);
  return html.slice(start + open.length, end);
}

// ---------------------------------------------------------------------------------------
// Outside tools
// ---------------------------------------------------------------------------------------

/** Runs a command; fails with a plain message when it is not installed. */
async function tool(
  command: string,
  args: string[],
  install: string,
): Promise<{ stdout: string; stderr: string; code: number }> {
  try {
    const { stdout, stderr } = await run(command, args, {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    return { stdout, stderr, code: 0 };
  } catch (error) {
    const e = error as NodeJS.ErrnoException & { stdout?: string; stderr?: string; code?: unknown };
    if (e.code === 'ENOENT') {
      throw new Error(`${command} is not installed: ${install}`);
    }
    if (typeof e.code === 'number') {
      return { stdout: e.stdout ?? '', stderr: e.stderr ?? '', code: e.code };
    }
    throw error;
  }
}

const POPPLER = 'apt-get install -y poppler-utils';

/** The text of page `n` (1-based) of a PDF, by poppler's pdftotext. */
export async function pdfPageText(pdfPath: string, n: number): Promise<string> {
  const args = ['-enc', 'UTF-8', '-f', String(n), '-l', String(n), pdfPath, '-'];
  const { stdout, stderr, code } = await tool('pdftotext', args, POPPLER);
  expect(code, `pdftotext failed on page ${n}: ${stderr}`).toBe(0);
  return stdout;
}

/** Renders page `n` of a PDF to a PNG file at `dpi`, by poppler's pdftoppm. */
export async function pdfPageToPng(pdfPath: string, n: number, dpi: number, pngPath: string): Promise<void> {
  const stem = pngPath.replace(/\.png$/, '');
  const args = ['-png', '-r', String(dpi), '-f', String(n), '-l', String(n), '-singlefile', pdfPath, stem];
  const { stderr, code } = await tool('pdftoppm', args, POPPLER);
  expect(code, `pdftoppm failed on page ${n}: ${stderr}`).toBe(0);
}

/**
 * The page boxes of a PDF: every `/MediaBox [x0 y0 x1 y1]` as width × height in points.
 * Chromium writes each page object uncompressed, one MediaBox per page; the count is
 * checked against the number of `/Type /Page` objects.
 */
export function pdfPageSizes(pdf: Buffer): { width: number; height: number }[] {
  const text = pdf.toString('latin1');
  const boxes = [...text.matchAll(/\/MediaBox\s*\[\s*([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s*\]/g)];
  const pages = [...text.matchAll(/\/Type\s*\/Page(?![a-zA-Z])/g)].length;
  expect(boxes.length, 'one /MediaBox per /Type /Page object').toBe(pages);
  return boxes.map((m) => ({
    width: Number(m[3]) - Number(m[1]),
    height: Number(m[4]) - Number(m[2]),
  }));
}

/** A Nu HTML Checker message. */
export type VnuMessage = {
  type: string;
  subType?: string;
  message: string;
  extract?: string;
  lastLine?: number;
  firstColumn?: number;
};

/** The W3C Nu HTML Checker's errors for one file (vnu-jar from npm, run with Java). */
export async function vnuErrors(file: string): Promise<VnuMessage[]> {
  const jar = join(ROOT, 'node_modules', 'vnu-jar', 'build', 'dist', 'vnu.jar');
  if (!existsSync(jar)) {
    throw new Error(`${jar} is absent: run \`npm ci --ignore-scripts\` (package.json pins vnu-jar).`);
  }
  const { stdout, stderr } = await tool(
    'java',
    ['-jar', jar, '--errors-only', '--format', 'json', file],
    'the Nu checker needs Java 11 or later (apt-get install -y default-jre-headless)',
  );
  // vnu writes its JSON report to stderr; take whichever stream holds it.
  const report = [stderr, stdout].map((s) => s.trim()).find((s) => s.startsWith('{'));
  if (report === undefined) {
    throw new Error(`the Nu checker wrote no JSON report:\n${stdout}\n${stderr}`);
  }
  const messages = (JSON.parse(report) as { messages: VnuMessage[] }).messages;
  return messages.filter((m) => m.type === 'error' || m.subType === 'fatal');
}

// ---------------------------------------------------------------------------------------
// Hostile input
// ---------------------------------------------------------------------------------------

/** Backslash-escapes ASCII punctuation that could start Markdown inline markup. */
function escapeInline(text: string): string {
  return text.replace(/[\\*_`[\]<>&#~|]/g, (c) => `\\${c}`);
}

/**
 * Text as the renderer shows it: without the characters HTML forbids in a document
 * (controls other than whitespace, C1 controls, noncharacters), which render.rs drops.
 */
function shown(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b\u000e-\u001f\u007f-\u009f\ufdd0-\ufdef\ufffe\uffff]/g, '');
}

/** A single-line field: line breaks and runs of whitespace become one space. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * Link destinations that must never become live: script schemes in their disguises
 * (mixed case, character references for the colon, tab and newline inside the scheme,
 * leading spaces and controls, percent-escapes), other schemes that run or read things
 * (`vbscript:`, `data:text/html`, `file:`), and an SVG data image.
 */
export const HOSTILE_DESTINATIONS: string[] = [
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  'JAVASCRIPT:alert(1)',
  'javascript&#58;alert(1)',
  'javascript&#x3A;alert(1)',
  'javascript&#X3a;alert(1)',
  'javascript&colon;alert(1)',
  'java\tscript:alert(1)',
  'java&#9;script:alert(1)',
  'java&Tab;script:alert(1)',
  'java\nscript:alert(1)',
  'java&#10;script:alert(1)',
  'java&NewLine;script:alert(1)',
  'java&#13;script:alert(1)',
  '   javascript:alert(1)',
  '&#32;javascript:alert(1)',
  '\u0001javascript:alert(1)',
  '&#1;javascript:alert(1)',
  '&#x6A;avascript:alert(1)',
  'java&#115;cript:alert(1)',
  'java%73cript:alert(1)',
  '%6A%61%76%61%73%63%72%69%70%74:alert(1)',
  'javascript://%0Aalert(1)',
  'vbscript:msgbox(1)',
  'VbScRiPt:msgbox(1)',
  'data:text/html,<script>alert(1)</script>',
  'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
  'DATA:TEXT/HTML;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
  'data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+PC9zdmc+',
  'file:///etc/passwd',
  'FILE:///C:/Windows/win.ini',
];

/** The forms each hostile destination is written in. */
export const LINK_FORMS = [
  'inline link',
  'inline link, <angle> destination',
  'reference link',
  'autolink',
  'image',
  'reference image',
] as const;

/** A destination inside `<…>`, with what CommonMark forbids there escaped. */
function angled(destination: string): string {
  return `<${destination.replace(/[<>\\]/g, (c) => `\\${c}`)}>`;
}

/** A destination as a bare inline destination: spaces and parentheses escaped. */
function bare(destination: string): string {
  return destination.replace(/[()\\]/g, (c) => `\\${c}`).replace(/ /g, '%20');
}

export type HostileIssue = {
  markdown: string;
  /** Items carrying a DOMPurify payload (each in title, body and sources). */
  payloadItems: number;
  /** Payloads × fields placed: payloads × 3. */
  payloadPlacements: number;
  /** Hostile destinations × link forms placed. */
  linkPlacements: number;
  /** Every item's title as the preview shows it, in order. */
  titles: string[];
  /** The one safe link each link item also carries, to prove links do render. */
  safeHref: string;
};

/**
 * A Markdown issue (the canonical format, docs/FORMAT.md) whose items carry every
 * DOMPurify payload in their title, body and sources, then one item per hostile link
 * destination written in every link form.
 */
export function hostileIssue(payloads: { title: string; payload: string }[]): HostileIssue {
  const safeHref = 'https://example.org/safe';
  const titles: string[] = [];
  const parts: string[] = ['# 安全测试简报', '2024年第1期', '测试办公室', '2024年3月1日', '## 【载荷】'];
  payloads.forEach(({ payload }, index) => {
    const title = oneLine(payload) || `载荷 ${index + 1}`;
    titles.push(shown(title));
    parts.push(`### ${escapeInline(title)}`);
    // The body is raw Markdown, as a user would paste it.
    parts.push(payload.trim() === '' ? '（空）' : payload);
    parts.push(`（${escapeInline(oneLine(payload).replace(/[（）、]/g, ' '))}）`);
  });
  parts.push('## 【链接】');
  HOSTILE_DESTINATIONS.forEach((destination, index) => {
    const title = `链接 ${index + 1}`;
    titles.push(title);
    const ref = `r${index + 1}`;
    parts.push(`### ${title}`);
    parts.push(
      [
        `内联[点我](${bare(destination)})，`,
        `尖括号[点我](${angled(destination)})，`,
        `引用[点我][${ref}]，`,
        `自动<${destination}>，`,
        `图片![图](${angled(destination)})，`,
        `引用图片![图][${ref}]，`,
        `安全[链接](${safeHref})。`,
      ].join('\n'),
    );
    parts.push(`[${ref}]: ${angled(destination)}`);
    parts.push('（测试）');
  });
  parts.push('---', '编辑：测试', '---');
  return {
    markdown: parts.join('\n\n') + '\n',
    payloadItems: payloads.length,
    payloadPlacements: payloads.length * 3,
    linkPlacements: HOSTILE_DESTINATIONS.length * LINK_FORMS.length,
    titles,
    safeHref,
  };
}

/**
 * An init script for a page: replaces every way a payload could announce itself
 * (dialogs, print, fetch, XHR, window.open, beacons) by a function that
 * records the call in `window.__hostileCalls`.
 */
export function hookScript(): void {
  const w = window as unknown as Record<string, unknown> & { __hostileCalls: string[] };
  w.__hostileCalls = [];
  const record = (name: string) =>
    function (...args: unknown[]) {
      w.__hostileCalls.push(`${name}(${args.map(String).join(', ')})`);
      return undefined;
    };
  // The editor itself loads its wasm with fetch: fetch is hooked only in the exported
  // file (a file: URL, or about:blank for its copy without a CSP).
  const hooked = ['alert', 'confirm', 'prompt', 'print', 'open'];
  if (location.protocol === 'file:' || location.href === 'about:blank') hooked.push('fetch');
  for (const name of hooked) {
    w[name] = record(name);
  }
  navigator.sendBeacon = record('sendBeacon') as unknown as typeof navigator.sendBeacon;
  XMLHttpRequest.prototype.open = record('XMLHttpRequest.open') as typeof XMLHttpRequest.prototype.open;
}

/** The calls `hookScript` recorded so far. */
export async function hostileCalls(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __hostileCalls?: string[] }).__hostileCalls ?? ['hooks missing']);
}

/** Waits for two animation frames, so that load-time handlers and animations have run. */
export async function settle(page: Page): Promise<void> {
  await page.evaluate(
    () => new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => done()))),
  );
}

/**
 * Reasons an HTML document (the exported file's text) is unsafe, found by parsing it with
 * DOMParser (which runs nothing): elements the renderer never writes, event-handler or
 * unexpected attributes, and href/src/srcset values whose scheme is not http, https or
 * mailto (or data:image/png|jpeg|gif|webp for images), after the decoding and whitespace
 * stripping a browser does. Returns [] for a safe document.
 *
 * It parses in a blank page of the same browser, not in `page`: Chromium checks the
 * parsing page's Content-Security-Policy even for an inert document, so the file's
 * `<style>` and a rich-text copy's `style` attributes would be reported as violations of
 * the app's policy, which the fixtures fail on.
 */
export async function unsafeParts(page: Page, html: string): Promise<string[]> {
  return findUnsafeParts(await blankPage(page), html);
}

/** One blank page per browser context, opened on first use, kept until the context closes. */
const blankPages = new WeakMap<BrowserContext, Page>();

/** A page without any Content-Security-Policy (about:blank) in `page`'s context. */
async function blankPage(page: Page): Promise<Page> {
  const context = page.context();
  let blank = blankPages.get(context);
  if (blank === undefined || blank.isClosed()) {
    blank = await context.newPage();
    blankPages.set(context, blank);
  }
  return blank;
}

async function findUnsafeParts(page: Page, html: string): Promise<string[]> {
  return page.evaluate((source) => {
    const problems: string[] = [];
    const doc = new DOMParser().parseFromString(source, 'text/html');
    // What render.rs writes inside <body>, and nothing else.
    const tags = new Set(
      ('article header h1 p span time nav h2 h3 h4 h5 h6 ol ul li a div section strong em del s ' +
        'code pre blockquote hr br wbr img table thead tbody tr th td footer dl dt dd sub sup')
        .split(' '),
    );
    const attributes = new Set(
      'class id lang href src alt title rel datetime aria-label aria-hidden data-item-id data-section-id data-column-id start'.split(
        ' ',
      ),
    );
    const schemeOf = (value: string) => {
      const stripped = value.replace(/[\u0000-\u0020\u007f-\u009f]/g, '');
      const match = /^([a-z][a-z0-9+.-]*):/i.exec(stripped);
      return match ? { scheme: match[1].toLowerCase(), rest: stripped.slice(match[0].length) } : null;
    };
    for (const script of doc.querySelectorAll('script, iframe, object, embed, base, form, svg, math, link')) {
      problems.push(`<${script.tagName.toLowerCase()}> in the document`);
    }
    for (const meta of doc.querySelectorAll('meta[http-equiv]')) {
      if (meta.getAttribute('http-equiv')?.toLowerCase() !== 'content-security-policy') {
        problems.push(`<meta http-equiv="${meta.getAttribute('http-equiv')}">`);
      }
    }
    for (const element of doc.body.querySelectorAll('*')) {
      const tag = element.tagName.toLowerCase();
      if (!tags.has(tag)) problems.push(`unexpected <${tag}> in the body`);
      for (const { name, value } of element.attributes) {
        if (/^on/i.test(name)) problems.push(`<${tag} ${name}="${value}">`);
        else if (!attributes.has(name.toLowerCase())) problems.push(`unexpected attribute <${tag} ${name}="${value}">`);
        if (!['href', 'src', 'srcset', 'action', 'formaction', 'xlink:href', 'poster', 'background'].includes(name.toLowerCase())) {
          continue;
        }
        const url = schemeOf(value);
        if (url === null) continue; // relative
        const image = tag === 'img' && url.scheme === 'data' && /^image\/(png|jpeg|gif|webp)[;,]/i.test(url.rest);
        if (!['http', 'https', 'mailto'].includes(url.scheme) && !image) {
          problems.push(`<${tag} ${name}="${value}">`);
        }
      }
    }
    return problems;
  }, html);
}

/** Every opening tag of a document's text that carries an event-handler attribute. */
export function tagsWithHandlers(html: string): string[] {
  // Text and attribute values are escaped (no raw < or >), so each < opens a real tag
  // (the stylesheet's comments mention `<body>`, which is harmless).
  return [...html.matchAll(/<[a-zA-Z][^>]*>/g)].map((m) => m[0]).filter((tag) => /\son[a-z]+\s*=/i.test(tag));
}

/** Where two texts first differ, with some context each side (for failure messages). */
export function firstDifference(a: string, b: string): string {
  if (a === b) return 'identical';
  let at = 0;
  while (at < a.length && at < b.length && a[at] === b[at]) at++;
  const show = (s: string) => JSON.stringify(s.slice(Math.max(0, at - 80), at + 80));
  return `first difference at character ${at} (lengths ${a.length} and ${b.length}):\n  ${show(a)}\n  ${show(b)}`;
}

// ---------------------------------------------------------------------------------------
// Page breaks
// ---------------------------------------------------------------------------------------

/**
 * A long issue of many short items of varied length, in several sections and a
 * sub-column, so that without keep-with-next rules some heading falls at the foot of a
 * page. Deterministic: the same text every run.
 */
export function pagingIssue(): string {
  const sentence = '这是一段用于检验分页效果的正文，内容本身没有意义。';
  const parts = ['# 分页测试简报', '2024年第2期', '测试办公室', '2024年5月6日'];
  let item = 0;
  for (let section = 1; section <= 4; section++) {
    parts.push(`## 【第${section}栏目】`);
    for (let k = 0; k < 7; k++) {
      item++;
      parts.push(`### 第${item}篇稿件的标题`);
      const paragraphs = 1 + ((item * 7) % 4);
      for (let p = 0; p < paragraphs; p++) parts.push(sentence.repeat(1 + ((item + p * 3) % 5)));
      parts.push('（测试单位）');
    }
  }
  parts.push('### 测试子栏目 <!-- 子栏目 -->');
  for (let k = 0; k < 3; k++) {
    item++;
    parts.push(`#### 第${item}篇稿件的标题`);
    parts.push(sentence.repeat(2 + k));
  }
  parts.push('---', '编辑：王测试', '审核：李测试', '---', '分送：各有关单位', '某某单位', '---');
  return parts.join('\n\n') + '\n';
}

/**
 * For each page but the last of a PDF's page texts: the heading (from `headings`) its
 * last line of text belongs to, if it ends with one. Page numbers (`— N —`) are not text.
 */
export function pagesEndingWithHeadings(pageTexts: string[], headings: string[]): string[] {
  const squeeze = (text: string) => text.replace(/\s+/g, '');
  const squeezed = headings.map(squeeze);
  const found: string[] = [];
  pageTexts.slice(0, -1).forEach((text, index) => {
    const lines = text
      .split('\n')
      .map(squeeze)
      .filter((line) => line !== '' && !/^—\d+—$/.test(line));
    const bottom = lines.at(-1) ?? '';
    const heading = squeezed.find((h) => bottom !== '' && h.includes(bottom));
    if (heading !== undefined) found.push(`page ${index + 1} ends with "${heading}"`);
  });
  return found;
}
