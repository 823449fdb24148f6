// Every DOMPurify payload ALONE through every door of the editor, in Chromium: the item's
// title, body and sources, the masthead's name and office, the footer's editor and
// distribution list, and the paste dialog as text/plain and as text/html. After each one
// the preview is parsed and checked (no script, no frame, no event handler, no
// `javascript:`/`vbscript:`/`data:text` URL) and the hooks (alert, confirm, prompt, print,
// open, beacons, XHR) must not have been called. xss-doors.spec.ts puts all payloads in at
// once per door and checks the copied rich text; export.spec.ts checks the exported file.
// The count of payload × door cases is printed and attached to the report.

import type { Page } from '@playwright/test';
import { expect, test, requireShared } from './fixtures';
import { hookScript, openApp, unsafeParts, XSS_PAYLOADS } from './export-helpers';

type Payload = { title: string; payload: string };
const PAYLOADS: Payload[] = JSON.parse(requireShared(XSS_PAYLOADS));

test.beforeEach(async ({ page }) => {
  await page.addInitScript(hookScript);
  await openApp(page);
});

/** The preview's markup and the hooked calls so far, once the app has handled the input. */
async function afterInput(page: Page): Promise<{ html: string; calls: string[] }> {
  return page.evaluate(async () => {
    await new Promise((done) => setTimeout(done, 0));
    return {
      html: document.querySelector('[data-testid=preview]')?.innerHTML ?? '',
      calls: (window as unknown as { __hostileCalls: string[] }).__hostileCalls,
    };
  });
}

/** Checks the preview after one payload went in through one door; returns the findings. */
async function findings(page: Page, door: string, payload: Payload, index = PAYLOADS.indexOf(payload)): Promise<string[]> {
  const { html, calls } = await afterInput(page);
  expect(html.length, `${door}: the preview is empty`).toBeGreaterThan(0);
  const problems = await unsafeParts(page, `<!DOCTYPE html><html><body>${html}</body></html>`);
  return [...calls, ...problems].map((p) => `${door} × payload ${index} (${payload.title ?? 'untitled'}): ${p}`);
}

/** Sets a field's value as typing would (an input event) and checks the result. */
async function throughField(page: Page, testid: string, payload: Payload): Promise<string[]> {
  await page.getByTestId(testid).evaluate((field, value) => {
    (field as HTMLInputElement | HTMLTextAreaElement).value = value;
    field.dispatchEvent(new Event('input', { bubbles: true }));
  }, payload.payload);
  return findings(page, testid, payload);
}

/** The form doors: the outline button that opens each form, then its fields. */
const FORMS: { button: string | null; fields: string[] }[] = [
  { button: null, fields: ['item-title', 'item-body', 'item-sources'] },
  { button: '报头', fields: ['masthead-title', 'masthead-publisher'] },
  { button: '报尾', fields: ['footer-editor', 'footer-distribution'] },
];

test('every payload alone through every form field runs nothing and leaves nothing unsafe', async ({ page }, testInfo) => {
  test.setTimeout(300_000);
  const found: string[] = [];
  let cases = 0;
  for (const form of FORMS) {
    if (form.button) await page.getByTestId('outline').getByRole('button', { name: form.button }).click();
    for (const field of form.fields) {
      await expect(page.getByTestId(field)).toBeVisible();
      for (const payload of PAYLOADS) {
        found.push(...(await throughField(page, field, payload)));
        cases += 1;
      }
    }
  }
  const note = `form fields: ${PAYLOADS.length} payloads × 7 fields = ${cases} cases, ${found.length} findings`;
  console.log(note);
  testInfo.annotations.push({ type: 'xss cases', description: note });
  expect(cases).toBe(PAYLOADS.length * 7);
  expect(found).toEqual([]);
});

test('every payload alone pasted as text/plain and as text/html runs nothing', async ({ page }, testInfo) => {
  test.setTimeout(300_000);
  const found: string[] = [];
  let cases = 0;
  const items = page.getByTestId('outline-item');
  const count = await items.count();
  for (const payload of PAYLOADS) {
    for (const [type, data] of [
      ['text/plain', `来稿\n\n${payload.payload}`],
      ['text/html', `<p>来稿</p>${payload.payload}`],
    ]) {
      await page.getByTestId('paste-submission').click();
      await page.getByTestId('paste-input').evaluate(
        (area, [kind, value]) => {
          const transfer = new DataTransfer();
          transfer.setData(kind, value);
          area.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }));
        },
        [type, data],
      );
      await page.getByTestId('paste-confirm').click();
      await expect(items).toHaveCount(count + 1);
      found.push(...(await findings(page, `paste ${type}`, payload)));
      cases += 1;
      // Undo the paste, so that the issue (and each re-render) stays small.
      await page.getByTestId('undo').click();
      await expect(items).toHaveCount(count);
    }
  }
  const note = `paste: ${PAYLOADS.length} payloads × 2 types = ${cases} cases, ${found.length} findings`;
  console.log(note);
  testInfo.annotations.push({ type: 'xss cases', description: note });
  expect(cases).toBe(PAYLOADS.length * 2);
  expect(found).toEqual([]);
});
