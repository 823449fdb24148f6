// The Content-Security-Policy of the release build: `cargo xtask dist` writes it into
// dist/index.html (script-src allows Trunk's inline bootstrap by its hash, plus
// 'wasm-unsafe-eval' for the wasm; no 'unsafe-eval', no 'unsafe-inline'). These tests
// check that the policy is there and that using the app breaks none of its rules.

import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { exportHtml, exportMarkdown, openEditor, SAMPLE_ITEMS, selectItem, selectMasthead } from './editor-helpers';

/** One `securitypolicyviolation` event, as the page saw it. */
type Violation = { directive: string; blocked: string; sample: string };

/** Records every CSP violation of the page's documents in `window.__cspViolations`. */
async function recordViolations(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const seen: unknown[] = [];
    (window as unknown as { __cspViolations: unknown[] }).__cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) => {
      seen.push({ directive: event.effectiveDirective, blocked: event.blockedURI, sample: event.sample });
    });
  });
}

/** The violations recorded so far. */
async function violations(page: Page): Promise<Violation[]> {
  return page.evaluate(() => (window as unknown as { __cspViolations: Violation[] }).__cspViolations);
}

test('the build carries the policy, with no unsafe-eval or unsafe-inline', async ({ page }) => {
  await openEditor(page);
  const policy = await page
    .locator('meta[http-equiv="Content-Security-Policy"]')
    .getAttribute('content');
  expect(policy).not.toBeNull();
  expect(policy).toContain("default-src 'self'");
  expect(policy).toMatch(/script-src 'self' 'wasm-unsafe-eval' 'sha256-[A-Za-z0-9+/]{43}='/);
  expect(policy).toContain("style-src 'self'");
  expect(policy).toContain("object-src 'none'");
  expect(policy).toContain("base-uri 'none'");
  expect(policy).toContain("form-action 'none'");
  expect(policy).toContain("connect-src 'self'");
  expect(policy).not.toContain("'unsafe-eval'");
  expect(policy).not.toContain("'unsafe-inline'");
});

test('typing, switching items and exporting break no rule of the policy', async ({ page, consoleErrors }) => {
  await recordViolations(page);
  await openEditor(page);

  // Type into the first item, then switch to another item and the masthead.
  await selectItem(page, SAMPLE_ITEMS[0]);
  const body = page.getByTestId('item-body').first();
  await body.click();
  await body.press('ControlOrMeta+End');
  await body.pressSequentially(' CspCheck');
  await expect(page.getByTestId('preview')).toContainText('CspCheck');
  await selectItem(page, SAMPLE_ITEMS[1]);
  await selectMasthead(page);

  // Both exports build their file in the page and download it.
  expect(await exportMarkdown(page)).toContain('CspCheck');
  expect(await exportHtml(page)).toContain('CspCheck');

  // The drafts panel (its storage meter, its backup download) and the language switch.
  await page.getByTestId('drafts').click();
  await expect(page.getByTestId('drafts-panel')).toBeVisible();
  await expect(page.getByTestId('storage-meter')).toBeVisible();
  const [backup] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-backup').click()]);
  expect(await backup.failure(), 'the backup download failed').toBeNull();
  await page.getByTestId('drafts-close').click();
  await expect(page.getByTestId('drafts-panel')).toBeHidden();
  await page.getByTestId('language').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.getByTestId('language').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');

  // A reload runs the bootstrap again, from the saved draft.
  expect(await violations(page)).toEqual([]);
  await expect(page.getByTestId('save-status')).toHaveText('已保存');
  await page.reload();
  await expect(page.getByTestId('preview')).toContainText('CspCheck');

  expect(await violations(page)).toEqual([]);
  expect(consoleErrors.filter((text) => /Content.Security.Policy/i.test(text))).toEqual([]);
});
