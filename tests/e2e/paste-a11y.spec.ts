// Accessibility of the paste dialog and the contributor page, checked by axe-core: no
// serious or critical violation with the dialog open on a pasted submission (its rules,
// its preview and a near-duplicate warning showing), in Chinese and in English, nor on
// the contributor page with its form filled in.

import { expect, test } from './fixtures';
import { describe, seriousViolations } from './a11y-helpers';
import { openEditor, SAMPLE_ITEMS } from './editor-helpers';

// axe-core is injected as an inline script, which the app's policy forbids (see
// a11y-helpers.ts): the exemption is for this test tool only.
test.use({ bypassCSP: true });

/** 南湖区科协's item again, its lines broken as a PDF breaks them: rules fire and it is a
 * near-duplicate. */
const DUPLICATE = [
  '南湖区科协组织学生参观科技馆',
  '',
  '3月9日，南湖区科协组织辖区六所中学的一百二十名学生走进区科技',
  '馆，参观人工智能、航空航天等主题展区，并参加动手实验课。',
  '',
  '（南湖区科协）',
].join('\n');

for (const [lang, dialogName] of [
  ['zh', '粘贴来稿'],
  ['en', 'Paste a submission'],
] as const) {
  test(`the paste dialog has no serious violation (${lang})`, async ({ page }) => {
    await openEditor(page);
    if (lang === 'en') {
      await page.getByTestId('language').click();
      await expect(page.getByTestId('new-item')).toHaveText('New item');
    }
    await page.getByTestId('paste-submission').click();
    const dialog = page.getByRole('dialog', { name: dialogName });
    await expect(dialog).toBeVisible();
    await page.getByTestId('paste-input').fill(DUPLICATE);
    await expect(page.getByTestId('paste-duplicate')).toContainText(SAMPLE_ITEMS[3]);
    await expect(page.getByTestId('paste-rule').first()).toBeVisible();
    const violations = await seriousViolations(page);
    expect(violations, describe(violations)).toEqual([]);
  });
}

test('the contributor page has no serious violation', async ({ page }) => {
  await page.goto('./#/contribute');
  await page.getByLabel('标题').fill('某区科协举办科普讲座');
  await page.getByLabel('正文', { exact: true }).fill('3月10日，讲座举行，两百余名居民参加。');
  await page.getByLabel('来源单位').fill('某区科协');
  await page.getByRole('button', { name: '整理格式' }).click();
  await expect(page.getByTestId('contribute-message')).toBeVisible();
  const violations = await seriousViolations(page);
  expect(violations, describe(violations)).toEqual([]);
});
