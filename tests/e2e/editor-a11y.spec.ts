// Accessibility of the editor, checked by axe-core (npm `axe-core`, injected into the page):
// no serious or critical violation with an item's form, the masthead form or the footer
// form open, in Chinese and in English.

import type { Page } from '@playwright/test';
import { createRequire } from 'node:module';
import { test, expect } from './fixtures';
import { openEditor, selectFooter, selectMasthead, selectItem, SAMPLE_ITEMS } from './editor-helpers';

const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

// The release build's Content-Security-Policy forbids inline scripts, and addScriptTag
// injects axe-core as one. The exemption is for this test tool only: the app's own
// behaviour under the policy is checked, without it, in csp.spec.ts.
test.use({ bypassCSP: true });

type Violation = { id: string; impact: string | null; help: string; nodes: { target: string[]; failureSummary?: string }[] };

/** Runs axe-core on the whole page and returns its serious and critical violations. */
async function seriousViolations(page: Page): Promise<Violation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) {
    await page.addScriptTag({ path: AXE_PATH });
  }
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: Violation[] }> } })
      .axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
    }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** A readable summary of violations, for the failure message. */
function describe(violations: Violation[]): string {
  return violations
    .map((v) => `${v.impact} ${v.id}: ${v.help}\n${v.nodes.map((n) => `  ${n.target.join(' ')}`).join('\n')}`)
    .join('\n');
}

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
