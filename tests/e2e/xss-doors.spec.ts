// Hostile input through every door of the editor: DOMPurify's 223 payloads pasted as
// text/plain and as text/html, typed into the masthead, footer and item fields, then the
// preview and the copied rich text are checked. Nothing may run (alert, confirm, prompt,
// print, open, beacons and XHR are hooked), and the preview may hold no script, no event
// handler and no dangerous URL. Each door takes all payloads at once, joined, so the suite
// stays fast; the per-payload checks of every field run natively (tests/render.rs) and
// through the exported file (export.spec.ts).

import type { Page } from '@playwright/test';
import { clickThroughReview, expect, test, requireShared } from './fixtures';
import { hookScript, hostileCalls, openApp, settle, tagsWithHandlers, unsafeParts, XSS_PAYLOADS } from './export-helpers';
import { preview } from './editor-helpers';

type Payload = { title: string; payload: string };
const PAYLOADS: Payload[] = JSON.parse(requireShared(XSS_PAYLOADS));
const JOINED = PAYLOADS.map((p) => p.payload).join('\n\n');
const ONE_LINE = PAYLOADS.map((p) => p.payload.replace(/[\r\n]+/g, ' ')).join(' ');

test.beforeEach(async ({ page }) => {
  await page.addInitScript(hookScript);
  await openApp(page);
});

/** Fails when anything ran or the preview holds anything unsafe. */
async function expectNothingRan(page: Page, door: string): Promise<void> {
  await settle(page);
  expect(await hostileCalls(page), `${door}: calls`).toEqual([]);
  const html = await preview(page).innerHTML();
  expect(await unsafeParts(page, `<!DOCTYPE html><html><body>${html}</body></html>`), `${door}: preview`).toEqual([]);
  expect(tagsWithHandlers(html), `${door}: handlers`).toEqual([]);
}

async function pasteIntoDialog(page: Page, data: Record<string, string>): Promise<void> {
  await page.getByTestId('paste-submission').click();
  await page.getByTestId('paste-input').evaluate((area, types) => {
    const transfer = new DataTransfer();
    for (const [type, value] of Object.entries(types)) transfer.setData(type, value);
    area.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }));
  }, data);
  await page.getByTestId('paste-confirm').click();
}

test('pasted text/plain and text/html run nothing', async ({ page }) => {
  const before = await page.getByTestId('outline-item').count();
  await pasteIntoDialog(page, { 'text/plain': `来稿标题\n\n${JOINED}` });
  await pasteIntoDialog(page, { 'text/html': `<p>来稿标题</p>${PAYLOADS.map((p) => p.payload).join('')}` });
  await expect(page.getByTestId('outline-item')).toHaveCount(before + 2);
  await expectNothingRan(page, 'paste');
});

test('masthead, footer and item fields run nothing', async ({ page }) => {
  await page.getByTestId('item-title').fill(ONE_LINE);
  await page.getByTestId('item-sources').fill(ONE_LINE);
  await page.getByTestId('item-body').fill(JOINED);
  await expectNothingRan(page, 'item');
  await page.getByTestId('outline').getByRole('button', { name: '报头' }).click();
  await page.getByTestId('masthead-title').fill(ONE_LINE);
  await page.getByTestId('masthead-publisher').fill(ONE_LINE);
  await expectNothingRan(page, 'masthead');
  await page.getByTestId('outline').getByRole('button', { name: '报尾' }).click();
  await page.getByTestId('footer-editor').fill(ONE_LINE);
  await page.getByTestId('footer-distribution').fill(`分送：${JOINED}`);
  await expectNothingRan(page, 'footer');
});

test('the copied rich text carries nothing that runs', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.getByTestId('item-body').fill(JOINED);
  await page.getByTestId('item-title').fill(ONE_LINE);
  await clickThroughReview(page, 'copy-rich');
  const copied = await page.evaluate(async () => {
    const items = await navigator.clipboard.read();
    const blob = await items[0].getType('text/html');
    return blob.text();
  });
  // Chromium's clipboard resolves the 目录提要's `#item-N` links against about:blank.
  const html = copied.replaceAll('href="about:blank#', 'href="#');
  expect(html).toContain('style=');
  // The copy styles every element inline on purpose; any other finding is a failure.
  const problems = await unsafeParts(page, `<!DOCTYPE html><html><body>${html}</body></html>`);
  expect(problems.filter((problem) => !/^unexpected attribute <\w+ style=/.test(problem))).toEqual([]);
  expect(tagsWithHandlers(html)).toEqual([]);
  expect(await hostileCalls(page)).toEqual([]);
});
