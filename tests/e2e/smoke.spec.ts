// Smoke test: the release build loads, shows the sample issue in the preview, and an edit
// to an item's body shows up in the preview.

import { test, expect } from './fixtures';

/** The masthead (bulletin name) of the sample issue the app opens with. */
const SAMPLE_MASTHEAD = '科协工作简报';

/** Text typed into an item's body; ASCII, so that every key sends a real keydown. */
const TYPED = 'SmokeTest42';

test('the sample issue loads and an edit shows in the preview', async ({ page }) => {
  await page.goto('./');
  const preview = page.getByTestId('preview');
  await expect(preview).toBeVisible();
  await expect(preview).toContainText(SAMPLE_MASTHEAD);
  await expect(preview).not.toContainText(TYPED);

  // The body editor may show only once an item is chosen in the outline.
  const body = page.getByTestId('item-body').first();
  if (!(await body.isVisible())) {
    await page.getByTestId('outline-item').first().click();
  }
  await body.click();
  await body.press('ControlOrMeta+End');
  await body.pressSequentially(` ${TYPED}`);

  await expect(preview).toContainText(TYPED);
});

test('the build works from a sub-path', async ({ page }) => {
  // The static server serves dist/ again under /sub/: relative asset paths must resolve.
  await page.goto('./sub/');
  await expect(page.getByTestId('preview')).toContainText(SAMPLE_MASTHEAD);
});
