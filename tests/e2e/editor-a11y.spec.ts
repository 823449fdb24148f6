// Accessibility of the editor, checked by axe-core (npm `axe-core`, injected into the page):
// no serious or critical violation with an item's form, the masthead form or the footer
// form open, in Chinese and in English.

import { test, expect } from './fixtures';
import { describe, seriousViolations } from './a11y-helpers';
import { openEditor, selectFooter, selectMasthead, selectItem, SAMPLE_ITEMS } from './editor-helpers';

// axe-core is injected as an inline script, which the app's policy forbids (see
// a11y-helpers.ts): the exemption is for this test tool only.
test.use({ bypassCSP: true });

for (const lang of ['zh', 'en'] as const) {
  test.describe(`axe-core (${lang})`, () => {
    test.beforeEach(async ({ page }) => {
      await openEditor(page);
      if (lang === 'en') {
        await page.getByTestId('language').click();
        await expect(page.getByTestId('new-item')).toHaveText('New item');
      }
    });

    // The chosen outline row has its own background: check it under each status colour.
    for (const [status, title] of [
      ['已审', SAMPLE_ITEMS[1]],
      ['编辑中', SAMPLE_ITEMS[2]],
      ['收稿', SAMPLE_ITEMS[3]],
    ] as const) {
      test(`with an item selected (${status})`, async ({ page }) => {
        await selectItem(page, title);
        const violations = await seriousViolations(page);
        expect(violations, describe(violations)).toEqual([]);
      });
    }

    test('with the masthead form', async ({ page }) => {
      await selectMasthead(page);
      const violations = await seriousViolations(page);
      expect(violations, describe(violations)).toEqual([]);
    });

    test('with the footer form', async ({ page }) => {
      await selectFooter(page);
      const violations = await seriousViolations(page);
      expect(violations, describe(violations)).toEqual([]);
    });
  });
}

test('axe-core finds a planted violation (the check can fail)', async ({ page }) => {
  await openEditor(page);
  await page.evaluate(() => {
    const button = document.createElement('button');
    button.setAttribute('data-planted', '');
    document.querySelector('[data-testid=outline]')?.append(button);
  });
  const violations = await seriousViolations(page);
  expect(violations.map((v) => v.id)).toContain('button-name');
});
