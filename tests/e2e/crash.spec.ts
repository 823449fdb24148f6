// The crash panel (src/ui/crash.rs): when the wasm panics, the page is not left dead. A
// panel says so, offers the last autosaved draft as a download, and a reload.
//
// Nothing in the app panics on purpose, and there is no test hook in the release build.
// The panic is brought about the way a misbehaving browser or extension would: for one
// call, `document.createElement` throws. Leptos builds its elements with it and unwraps
// the result, so the next element it creates (the outline row of a new item) panics. The
// panel itself then creates its elements with the restored function, as it would after a
// real panic, when the DOM still works.

import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { openEditor, SAMPLE_TITLE } from './editor-helpers';
import { readFile } from 'node:fs/promises';

/** Makes the page's next `document.createElement` call throw, once. */
async function breakNextCreateElement(page: Page): Promise<void> {
  await page.evaluate(() => {
    const original = Document.prototype.createElement;
    Document.prototype.createElement = function (this: Document, ...args: Parameters<Document['createElement']>) {
      Document.prototype.createElement = original;
      throw new DOMException(`createElement(${String(args[0])}) refused by the test`, 'InvalidStateError');
    } as Document['createElement'];
  });
}

test('a panic shows the crash panel, whose download is the last saved draft', async ({ page, pageErrors }) => {
  await openEditor(page);
  // A change, autosaved: the draft the panel must offer.
  const body = page.getByTestId('item-body');
  await body.fill(`${await body.inputValue()}CrashDraft42`);
  await expect(page.getByTestId('save-status')).toHaveText('已保存');
  await expect(page.getByTestId('crash-panel')).toHaveCount(0);

  await breakNextCreateElement(page);
  await page.getByTestId('new-item').click();

  const panel = page.getByTestId('crash-panel');
  await expect(panel).toBeVisible();
  await expect(panel).toHaveAttribute('role', 'alertdialog');
  await expect(panel.getByRole('heading')).toHaveText('简报编辑器出错了 · Jianbao stopped');
  // The panic's message is there for a bug report, escaped.
  await expect(panel.locator('details pre')).toContainText('refused by the test');

  // The download is the draft as autosaved, with the change in it.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('crash-export').click()]);
  expect(await download.failure(), 'the draft download failed').toBeNull();
  expect(download.suggestedFilename()).toBe('简报草稿.md');
  const markdown = await readFile((await download.path())!, 'utf8');
  expect(markdown.startsWith(`# ${SAMPLE_TITLE}\n`), markdown.slice(0, 80)).toBe(true);
  expect(markdown).toContain('CrashDraft42');

  // The release build aborts after the panic hook: the one uncaught error is that abort.
  // It is expected here, so it is checked and taken off the list the fixture fails on.
  expect(pageErrors.map((error) => error.message)).toEqual([expect.stringMatching(/unreachable/i)]);
  pageErrors.length = 0;

  // Reloading brings the editor back, with the saved draft.
  await panel.getByRole('link', { name: /重新载入/ }).click();
  await expect(page.getByTestId('preview')).toContainText('CrashDraft42');
  await expect(page.getByTestId('crash-panel')).toHaveCount(0);
});
