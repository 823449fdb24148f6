// The Content-Security-Policy of the release build: `cargo xtask dist` writes into
// dist/index.html a first script that gives the page its policy (script-src allows our
// inline loader by its hash, plus 'wasm-unsafe-eval' for the wasm; no 'unsafe-eval', no
// 'unsafe-inline'). Only a browser that cannot compile wasm under it (Chromium 83 to 96)
// gets 'unsafe-eval' instead; the reach level checks that in real Chromium 83 and 86
// (docs/BROWSERS.md). Chromium here is current, so it must get the strict one. These tests
// check that the policy is there, that it is enforced and seen by the recorder every test
// has (`cspViolations` in fixtures.ts), and that using the app breaks none of its rules.

import { test, expect } from './fixtures';
import { exportHtml, exportMarkdown, openEditor, SAMPLE_ITEMS, selectItem, selectMasthead } from './editor-helpers';

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

test('typing, switching items and exporting break no rule of the policy', async ({
  page,
  consoleErrors,
  cspViolations,
}) => {
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

  // A reload runs the bootstrap again, from the saved draft. (The fixture fails any test
  // that ends with a violation; the checks here also name the step.)
  expect(cspViolations, 'violations before the reload').toEqual([]);
  await expect(page.getByTestId('save-status')).toHaveText('已保存');
  await page.reload();
  await expect(page.getByTestId('preview')).toContainText('CspCheck');

  expect(cspViolations, 'violations after the reload').toEqual([]);
  expect(consoleErrors.filter((text) => /Content.Security.Policy/i.test(text))).toEqual([]);
});

test.describe('the policy is enforced, and the recorder sees what it blocks', () => {
  // This test breaks the policy on purpose (from the test, not through the app) to prove
  // that the rules hold and that the fixture's recorder, which fails every other test on
  // a violation, does see them. It checks the violations itself.
  test.use({ allowCspViolations: true });

  test('an inline script, an inline style and another host are blocked and recorded', async ({
    page,
    cspViolations,
  }) => {
    await openEditor(page);
    expect(cspViolations).toEqual([]);
    const ran = await page.evaluate(async () => {
      const w = window as unknown as { __inlineRan?: boolean };
      const script = document.createElement('script');
      script.textContent = 'window.__inlineRan = true;';
      document.body.append(script);
      const styled = document.createElement('div');
      styled.setAttribute('style', 'color: red');
      document.body.append(styled);
      // connect-src 'self': the request never leaves the page.
      await fetch('https://example.org/jianbao-csp-check').catch(() => undefined);
      // Violation events are queued as tasks: let them fire.
      await new Promise((resolve) => setTimeout(resolve, 100));
      return w.__inlineRan === true;
    });
    expect(ran, 'an inline script ran').toBe(false);
    await expect
      .poll(() => cspViolations.map((v) => `${v.directive} ${v.blocked}`).sort())
      .toEqual(['connect-src https://example.org/jianbao-csp-check', 'script-src-elem inline', 'style-src-attr inline']);
    expect(cspViolations.every((v) => v.disposition === 'enforce' && v.url === page.url())).toBe(true);
  });
});
