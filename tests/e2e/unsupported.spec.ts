// A browser that cannot run the app gets a page in Chinese that says so, never a blank one
// (docs/BROWSERS.md). Here the browser's WebAssembly is taken away before the page's own
// scripts run, as in a browser that has none; the policy chooser must then still give the
// strict policy, and the loader must show the start-up notice with the reason at once.
// While the app starts normally the notice is never seen: the other tests open the app and
// would see it (it is removed once the app runs).

import { test, expect } from './fixtures';
import { openEditor } from './editor-helpers';

test('without WebAssembly the page says in Chinese that the browser cannot run the app', async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(window, 'WebAssembly', { value: undefined, configurable: true });
  });
  await page.goto('./');
  const notice = page.locator('#jianbao-boot');
  await expect(notice).toBeVisible();
  await expect(notice).toContainText('简报编辑器无法在这个浏览器中启动');
  await expect(notice).toContainText('这个浏览器不支持 WebAssembly');
  await expect(notice).toContainText('Chromium 83');
  await expect(page.getByTestId('preview')).toHaveCount(0);
  const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(policy).toContain("'wasm-unsafe-eval'");
  expect(policy).not.toContain("'unsafe-eval'");
});

test('a normal start removes the notice, and nothing of it is left on the page', async ({ page }) => {
  await openEditor(page);
  await expect(page.locator('#jianbao-boot')).toHaveCount(0);
});
