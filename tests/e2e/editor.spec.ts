// End-to-end tests of the editor: "assemble an issue with a live preview that is exactly
// the output". Each test starts from a fresh browser context (empty localStorage), so the
// app opens the sample issue (src/core/sample.md).
//
// More editor tests live beside this file: editor-history.spec.ts (undo and redo),
// editor-a11y.spec.ts (axe-core). Shared helpers: editor-helpers.ts.

import { test, expect } from './fixtures';
import {
  SAMPLE_COLUMN,
  SAMPLE_DATE,
  SAMPLE_ISSUE_LINE,
  SAMPLE_ITEMS,
  SAMPLE_SECTIONS,
  SAMPLE_TITLE,
  charCount,
  editorChars,
  expectOrder,
  exportedAndPreviewed,
  openEditor,
  outlineItem,
  preview,
  previewItem,
  previewTitles,
  selectFooter,
  selectItem,
  selectMasthead,
  snapshot,
  tocTitles,
} from './editor-helpers';
import type { Page } from '@playwright/test';

const [LEAD, PLANT, NUTRITION, NANHU, SALON] = SAMPLE_ITEMS;

test.beforeEach(async ({ page }) => {
  await openEditor(page);
});

test.describe('editing a field updates the preview', () => {
  test('item title: the item and the 目录提要', async ({ page }) => {
    await selectItem(page, PLANT);
    const id = await previewItem(page, PLANT).getAttribute('data-item-id');
    const title = '植保学会春耕技术服务纪实';
    await page.getByTestId('item-title').fill(title);

    const item = preview(page).locator(`article.item[data-item-id="${id}"]`);
    await expect(item.locator('h3.item-title')).toHaveText(title);
    await expect(preview(page).locator('nav.toc')).toContainText(title);
    await expect(preview(page).locator('nav.toc')).not.toContainText(PLANT);
    await expect(outlineItem(page, title)).toHaveCount(1);
    expect(await tocTitles(page)).toEqual([LEAD, title, NUTRITION, NANHU, SALON]);
    await expect(preview(page).locator(`nav.toc a[href="#item-${id}"]`)).toHaveText(title);
  });

  test('item body: typed ASCII and filled CJK Markdown', async ({ page }) => {
    await selectItem(page, LEAD);
    const body = page.getByTestId('item-body');
    const item = previewItem(page, LEAD);

    await body.click();
    await body.press('ControlOrMeta+End');
    await body.pressSequentially(' Typed ASCII 42');
    await expect(item).toContainText('Typed ASCII 42');

    await body.fill('第一段中文正文。\n\n第二段**重点**内容，~~删去~~保留。');
    await expect(item.locator('p')).toHaveText(['第一段中文正文。', '第二段重点内容，删去保留。']);
    await expect(item.locator('strong')).toHaveText('重点');
    await expect(item.locator('del, s')).toHaveText('删去');
    await expect(item).not.toContainText('二十余家市级学会');
    await expect(item).not.toContainText('Typed ASCII 42');
  });

  test('sources: shown as （甲、乙） at the end of the item', async ({ page }) => {
    await selectItem(page, NUTRITION);
    const sources = page.getByTestId('item-sources');
    await expect(sources).toHaveValue('市营养学会');
    const item = previewItem(page, NUTRITION);
    await expect(item.locator('.sources')).toHaveText('（市营养学会）');

    await sources.fill('甲单位、乙单位');
    await expect(item.locator('.sources')).toHaveText('（甲单位、乙单位）');
    await expect(item).not.toContainText('（市营养学会）');
    // The sources close the item: its text ends with them, and nothing follows their span.
    const tail = await item.evaluate((article) => {
      const last = article.lastElementChild;
      return {
        text: (article.textContent ?? '').trim(),
        lastIsSources: !!last && (last.matches('.sources') || last.lastElementChild?.matches('.sources') === true),
      };
    });
    expect(tail.text.endsWith('（甲单位、乙单位）')).toBe(true);
    expect(tail.lastIsSources).toBe(true);

    // A trailing 、 stays in the field while the preview already shows the one source.
    await sources.fill('丙单位、');
    await expect(item.locator('.sources')).toHaveText('（丙单位）');
    await expect(sources).toHaveValue('丙单位、');
  });

  test('status: the outline shows it', async ({ page }) => {
    await selectItem(page, PLANT);
    const status = page.getByTestId('item-status');
    const row = outlineItem(page, PLANT);
    await expect(row.locator('.status')).toHaveText('已审');
    await expect(status).toHaveValue('Reviewed');

    await status.selectOption({ label: '编辑中' });
    await expect(row.locator('.status')).toHaveText('编辑中');
    await status.selectOption({ label: '收稿' });
    await expect(row.locator('.status')).toHaveText('收稿');
    await expect(status).toHaveValue('Received');
    // The status is editorial: it is not printed.
    await expect(preview(page)).not.toContainText('收稿');
  });

  test('masthead: name, year, number, total, office and date', async ({ page }) => {
    const masthead = preview(page).locator('header.masthead');
    await expect(masthead.locator('h1.masthead-title')).toHaveText(SAMPLE_TITLE);
    await expect(masthead.locator('.masthead-issue')).toHaveText(SAMPLE_ISSUE_LINE);
    await expect(masthead.locator('time.masthead-date')).toHaveText(SAMPLE_DATE);

    await selectMasthead(page);
    await expect(page.getByTestId('masthead-year')).toHaveValue('2024');
    await expect(page.getByTestId('masthead-number')).toHaveValue('3');
    await expect(page.getByTestId('masthead-total')).toHaveValue('41');
    await expect(page.getByTestId('masthead-date')).toHaveValue('2024-03-15');

    await page.getByTestId('masthead-title').fill('学会工作通讯');
    await expect(masthead.locator('h1.masthead-title')).toHaveText('学会工作通讯');
    await page.getByTestId('masthead-year').fill('2025');
    await expect(masthead.locator('.masthead-issue')).toHaveText('2025年第3期（总第41期）');
    await page.getByTestId('masthead-number').fill('12');
    await expect(masthead.locator('.masthead-issue')).toHaveText('2025年第12期（总第41期）');
    await page.getByTestId('masthead-total').fill('100');
    await expect(masthead.locator('.masthead-issue')).toHaveText('2025年第12期（总第100期）');
    await page.getByTestId('masthead-publisher').fill('示例市科学技术协会办公室');
    await expect(masthead.locator('.masthead-publisher')).toHaveText('示例市科学技术协会办公室');
    await page.getByTestId('masthead-date').fill('2025-06-30');
    await expect(masthead.locator('time.masthead-date')).toHaveText('2025年6月30日');
    await expect(masthead.locator('time.masthead-date')).toHaveAttribute('datetime', '2025-06-30');
    await expect(masthead).not.toContainText(SAMPLE_TITLE);
  });

  test('footer: editor, reviewer and distribution', async ({ page }) => {
    const colophon = preview(page).locator('footer.colophon');
    await expect(colophon.locator('.colophon-editor')).toHaveText('编辑：王晓明');
    await expect(colophon.locator('.colophon-reviewer')).toHaveText('审核：陈立华');

    await selectFooter(page);
    await page.getByTestId('footer-editor').fill('李晓东');
    await expect(colophon.locator('.colophon-editor')).toHaveText('编辑：李晓东');
    await page.getByTestId('footer-reviewer').fill('周建国');
    await expect(colophon.locator('.colophon-reviewer')).toHaveText('审核：周建国');

    await page.getByTestId('footer-distribution').fill('报：市委办公室\n送：市政府办公室\n市人大办公室\n分送：各区科协');
    await expect(colophon.locator('dl.distribution dt')).toHaveText(['报：', '送：', '分送：']);
    await expect(colophon.locator('dl.distribution dd')).toHaveText([
      '市委办公室',
      '市政府办公室',
      '市人大办公室',
      '各区科协',
    ]);
    await expect(colophon).not.toContainText('王晓明');
  });
});

/** Where an item sits in the preview: its section's heading ('' for the lead) and column. */
async function placeOf(page: Page, title: string): Promise<{ section: string; column: string }> {
  return previewItem(page, title).evaluate((article) => ({
    section: article.closest('section.section')?.querySelector(':scope > h2.section-heading')?.textContent ?? '',
    column: article.closest('section.column')?.querySelector(':scope > h3.column-heading')?.textContent ?? '',
  }));
}

test.describe('reordering items', () => {
  test('drag and drop in the outline moves items in the preview and the 目录提要', async ({ page }) => {
    await expectOrder(page, SAMPLE_ITEMS);

    // Within a section, upwards: the dragged item takes the target's place.
    await outlineItem(page, NUTRITION).dragTo(outlineItem(page, PLANT));
    await expectOrder(page, [LEAD, NUTRITION, PLANT, NANHU, SALON]);

    // Across sections: the lead item goes into 【区科协动态】, before 南湖区.
    await outlineItem(page, LEAD).dragTo(outlineItem(page, NANHU));
    await expectOrder(page, [NUTRITION, PLANT, LEAD, NANHU, SALON]);
    expect(await placeOf(page, LEAD)).toEqual({ section: '【区科协动态】', column: '' });

    // Into a sub-column.
    await outlineItem(page, PLANT).dragTo(outlineItem(page, SALON));
    await expectOrder(page, [NUTRITION, LEAD, NANHU, PLANT, SALON]);
    expect(await placeOf(page, PLANT)).toEqual({ section: '【基层组织动态】', column: SAMPLE_COLUMN });

    // The moved item is the one selected.
    await expect(page.getByTestId('item-title')).toHaveValue(PLANT);
  });

  test('Alt+ArrowDown / Alt+ArrowUp on an outline item moves it, and the focus follows', async ({ page }) => {
    const initial = await previewPlaces(page);
    const button = () => outlineItem(page, PLANT).getByRole('button');
    await button().focus();
    await expect(button()).toBeFocused();

    await page.keyboard.press('Alt+ArrowDown');
    await expectOrder(page, [LEAD, NUTRITION, PLANT, NANHU, SALON]);
    await expect(button()).toBeFocused();

    // At the end of its section, it crosses into the next one: same print order, new section.
    await page.keyboard.press('Alt+ArrowDown');
    await expect.poll(() => placeOf(page, PLANT)).toEqual({ section: '【区科协动态】', column: '' });
    await expectOrder(page, [LEAD, NUTRITION, PLANT, NANHU, SALON]);
    await expect(button()).toBeFocused();

    await page.keyboard.press('Alt+ArrowDown');
    await expectOrder(page, [LEAD, NUTRITION, NANHU, PLANT, SALON]);
    await expect(button()).toBeFocused();

    // And back up, to exactly where it started.
    for (let i = 0; i < 3; i++) {
      await expect(button()).toBeFocused();
      await page.keyboard.press('Alt+ArrowUp');
    }
    await expectOrder(page, SAMPLE_ITEMS);
    expect(await placeOf(page, PLANT)).toEqual({ section: '【学会动态】', column: '' });
    expect(await previewPlaces(page)).toEqual(initial);
    await expect(page.getByTestId('item-title')).toHaveValue(PLANT);

    // Without Alt, the arrows only move the selection.
    await expect(button()).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(page.getByTestId('item-title')).toHaveValue(NUTRITION);
    await expect(outlineItem(page, NUTRITION).getByRole('button')).toBeFocused();
    await expectOrder(page, SAMPLE_ITEMS);
  });
});

test.describe('reordering items: sub-columns, stale drags and moves that change nothing', () => {
  test('the focus follows the item when its outline row is rebuilt', async ({ page }) => {
    const button = () => outlineItem(page, NANHU).getByRole('button');
    await button().focus();

    // 【区科协动态】 → 【基层组织动态】's own items (empty) → its sub-column, before the salon.
    await page.keyboard.press('Alt+ArrowDown');
    await expect.poll(() => placeOf(page, NANHU)).toEqual({ section: '【基层组织动态】', column: '' });
    await expect(button()).toBeFocused();
    await page.keyboard.press('Alt+ArrowDown');
    await expect.poll(() => placeOf(page, NANHU)).toEqual({ section: '【基层组织动态】', column: SAMPLE_COLUMN });
    await expect(outlineItem(page, NANHU)).toHaveClass(/nested/);
    await expect(button()).toBeFocused();
    await expect(preview(page).locator('nav.toc li.toc-item a').nth(3)).toHaveText(`${SAMPLE_COLUMN}：${NANHU}`);
    await page.keyboard.press('Alt+ArrowDown');
    await expectOrder(page, [LEAD, PLANT, NUTRITION, SALON, NANHU]);
    await expect(button()).toBeFocused();

    for (let i = 0; i < 3; i++) {
      await expect(button()).toBeFocused();
      await page.keyboard.press('Alt+ArrowUp');
    }
    await expect.poll(() => placeOf(page, NANHU)).toEqual({ section: '【区科协动态】', column: '' });
    await expectOrder(page, SAMPLE_ITEMS);
    await expect(button()).toBeFocused();
  });

  test('moving the first item up or the last item down changes nothing and adds no undo step', async ({
    page,
  }) => {
    const before = await snapshot(page);
    await outlineItem(page, LEAD).getByRole('button').focus();
    await page.keyboard.press('Alt+ArrowUp');
    await outlineItem(page, SALON).getByRole('button').focus();
    await page.keyboard.press('Alt+ArrowDown');
    // Both key presses were handled once the last item's form shows.
    await expect(page.getByTestId('item-title')).toHaveValue(SALON);
    expect(await snapshot(page)).toBe(before);
    await expect(page.getByTestId('undo')).toBeDisabled();
  });

  test('dropping an item where it already is changes nothing and adds no undo step', async ({ page }) => {
    const before = await snapshot(page);
    // 营养 is already the last of 【学会动态】's items: dropping it on that heading keeps it there.
    const heading = page.getByTestId('outline').locator('li.outline-section', { hasText: '【学会动态】' });
    await outlineItem(page, NUTRITION).dragTo(heading);
    await expect(page.getByTestId('item-title')).toHaveValue(NUTRITION);
    expect(await snapshot(page)).toBe(before);
    await expect(page.getByTestId('undo')).toBeDisabled();
    // The same drop on another heading does move it (so the drop itself works).
    await outlineItem(page, NUTRITION).dragTo(
      page.getByTestId('outline').locator('li.outline-section', { hasText: '【区科协动态】' }),
    );
    await expectOrder(page, [LEAD, PLANT, NANHU, NUTRITION, SALON]);
    await expect(page.getByTestId('undo')).toBeEnabled();
  });

  test('a drag that ends outside the outline is forgotten: a later drop moves nothing', async ({ page }) => {
    // Drag an item out of the outline and let go over the preview, which takes no drop.
    await outlineItem(page, PLANT).dragTo(preview(page));
    await expectOrder(page, SAMPLE_ITEMS);
    // Something else (a file, text from another window) is then dropped on the outline.
    await outlineItem(page, NANHU).dispatchEvent('drop');
    await outlineItem(page, NANHU).getByRole('button').click();
    await expect(page.getByTestId('item-title')).toHaveValue(NANHU);
    await expectOrder(page, SAMPLE_ITEMS);
    await expect(page.getByTestId('undo')).toBeDisabled();
  });
});

/** Every item's place in the preview, in order. */
async function previewPlaces(page: Page): Promise<string[]> {
  const titles = await previewTitles(page);
  const places: string[] = [];
  for (const title of titles) {
    const { section, column } = await placeOf(page, title);
    places.push(`${section}/${column}/${title}`);
  }
  return places;
}

test('deleting an item, then undo, restores it', async ({ page }) => {
  const before = await snapshot(page);
  await selectItem(page, NUTRITION);
  await page.getByRole('button', { name: '删除稿件' }).click();

  await expect(page.getByTestId('outline-item')).toHaveCount(SAMPLE_ITEMS.length - 1);
  await expect(outlineItem(page, NUTRITION)).toHaveCount(0);
  await expect(previewItem(page, NUTRITION)).toHaveCount(0);
  await expect(preview(page).locator('nav.toc')).not.toContainText(NUTRITION);

  await page.getByTestId('undo').click();
  await expect(outlineItem(page, NUTRITION)).toHaveCount(1);
  await expect(previewItem(page, NUTRITION)).toHaveCount(1);
  await expect(previewItem(page, NUTRITION).locator('.sources')).toHaveText('（市营养学会）');
  await expectOrder(page, SAMPLE_ITEMS);
  expect(await snapshot(page)).toBe(before);
  await expect(page.getByTestId('redo')).toBeEnabled();
});

test.describe('next issue', () => {
  test('increments the number and the running total, empties items, keeps sections and footer', async ({
    page,
  }) => {
    const year = await page.evaluate(() => new Date().getFullYear());
    const today = await page.evaluate(() => {
      const d = new Date();
      return `${d.getFullYear()}年${d.getMonth() + 1}月${d.getDate()}日`;
    });
    // A new year restarts the number at 1 (Issue::next_issue), so start from this year.
    await selectMasthead(page);
    await page.getByTestId('masthead-year').fill(String(year));
    const masthead = preview(page).locator('header.masthead');
    await expect(masthead.locator('.masthead-issue')).toHaveText(`${year}年第3期（总第41期）`);

    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.type());
      void dialog.accept();
    });
    await page.getByTestId('next-issue').click();

    await expect(masthead.locator('.masthead-issue')).toHaveText(`${year}年第4期（总第42期）`);
    await expect(masthead.locator('time.masthead-date')).toHaveText(today);
    await expect(masthead.locator('h1.masthead-title')).toHaveText(SAMPLE_TITLE);
    expect(dialogs).toEqual(['confirm']);
    await expect(page.getByTestId('masthead-number')).toHaveValue('4');
    await expect(page.getByTestId('masthead-total')).toHaveValue('42');

    // Items are gone; sections, the sub-column and the footer stay. Without items, the
    // sections are the outline's template only: none is printed until it holds an item.
    await expect(page.getByTestId('outline-item')).toHaveCount(0);
    await expect(preview(page).locator('article.item')).toHaveCount(0);
    await expect(preview(page).locator('h2.section-heading, h3.column-heading')).toHaveCount(0);
    const outline = page.getByTestId('outline');
    await expect(outline.locator('li.outline-section.unprinted').getByRole('button')).toHaveText([
      '头条（无栏目）',
      ...SAMPLE_SECTIONS,
    ]);
    await expect(outline.locator('li.outline-column.unprinted')).toHaveText(new RegExp(SAMPLE_COLUMN));
    const colophon = preview(page).locator('footer.colophon');
    await expect(colophon.locator('.colophon-editor')).toHaveText('编辑：王晓明');
    await expect(colophon.locator('.colophon-reviewer')).toHaveText('审核：陈立华');
    await expect(colophon.locator('dl.distribution dd').first()).toHaveText('市科协主席、副主席、常委、委员');
    await expect(page.getByTestId('char-count')).toHaveText('0');
  });

  test('dismissing the confirmation changes nothing', async ({ page }) => {
    const before = await snapshot(page);
    page.on('dialog', (dialog) => void dialog.dismiss());
    await page.getByTestId('next-issue').click();
    // The confirm is synchronous: once the click returns, a change would already show.
    await expect(page.getByTestId('undo')).toBeDisabled();
    expect(await snapshot(page)).toBe(before);
  });
});

test('switching to English relabels the controls and is remembered after a reload', async ({ page }) => {
  const newItem = page.getByTestId('new-item');
  await expect(newItem).toHaveText('新建稿件');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');

  await page.getByTestId('language').click();
  await expect(newItem).toHaveText('New item');
  await expect(page.getByTestId('new-section')).toHaveText('New section');
  await expect(page.getByTestId('undo')).toHaveText('Undo');
  await expect(page.getByTestId('next-issue')).toHaveText('Next issue');
  await expect(page.getByTestId('language')).toHaveText('中文');
  await expect(page.getByTestId('outline').getByRole('button', { name: 'Masthead', exact: true })).toBeVisible();
  await expect(page.getByText('Title', { exact: true })).toBeVisible();
  await expect(outlineItem(page, PLANT).locator('.status')).toHaveText('Reviewed');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  // The bulletin itself stays Chinese.
  await expect(preview(page).locator('article.bulletin')).toHaveAttribute('lang', 'zh-CN');
  await expect(preview(page).locator('nav.toc h2')).toHaveText('目录提要');

  await page.reload();
  await expect(preview(page).locator('header.masthead')).toContainText(SAMPLE_TITLE);
  await expect(newItem).toHaveText('New item');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');

  await page.getByTestId('language').click();
  await expect(newItem).toHaveText('新建稿件');
  await page.reload();
  await expect(preview(page).locator('header.masthead')).toContainText(SAMPLE_TITLE);
  await expect(newItem).toHaveText('新建稿件');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
});

test.describe('the preview is patched, not rebuilt', () => {
  /** Marks every part of the preview with a JS property, to tell later which nodes are new. */
  async function markNodes(page: Page): Promise<void> {
    await preview(page).evaluate((root) => {
      const parts = root.querySelectorAll('article.bulletin, header.masthead, nav.toc, footer.colophon, article.item');
      parts.forEach((el, i) => ((el as unknown as { __mark: string }).__mark = `${el.tagName}-${i}`));
    });
  }

  /** For each item in the preview: its title and whether it is still the marked node. */
  async function itemMarks(page: Page): Promise<{ title: string; kept: boolean }[]> {
    return preview(page)
      .locator('article.item')
      .evaluateAll((items) =>
        items.map((el) => ({
          title: el.querySelector('h3.item-title')?.textContent ?? '',
          kept: (el as unknown as { __mark?: string }).__mark !== undefined,
        })),
      );
  }

  /** Whether the bulletin, masthead, 目录提要 and footer containers are still the marked nodes. */
  async function frameKept(page: Page): Promise<Record<string, boolean>> {
    return preview(page).evaluate((root) => {
      const kept = (selector: string) =>
        (root.querySelector(selector) as unknown as { __mark?: string } | null)?.__mark !== undefined;
      return {
        bulletin: kept('article.bulletin'),
        masthead: kept('header.masthead'),
        toc: kept('nav.toc'),
        footer: kept('footer.colophon'),
      };
    });
  }

  const allKept = { bulletin: true, masthead: true, toc: true, footer: true };

  test('typing in an item body re-renders only that item', async ({ page }) => {
    await selectItem(page, NUTRITION);
    await markNodes(page);
    const body = page.getByTestId('item-body');
    await body.click();
    await body.press('ControlOrMeta+End');
    await body.pressSequentially(' patched');
    await expect(previewItem(page, NUTRITION)).toContainText('patched');

    expect(await itemMarks(page)).toEqual(SAMPLE_ITEMS.map((title) => ({ title, kept: title !== NUTRITION })));
    expect(await frameKept(page)).toEqual(allKept);
    // One article per item, no leftovers.
    await expect(preview(page).locator('article.item')).toHaveCount(SAMPLE_ITEMS.length);
  });

  test('typing in an item title re-renders its heading and its line of the 目录提要 only', async ({ page }) => {
    await selectItem(page, NANHU);
    await markNodes(page);
    // Also the parts of each item and each line of the 目录提要: only the title's heading
    // and the item's line may be new, not its body (which may be megabytes).
    await preview(page).evaluate((root) => {
      root.querySelectorAll('article.item > *, nav.toc li').forEach((el, i) => {
        (el as unknown as { __mark: string }).__mark = `part-${i}`;
      });
    });
    await page.getByTestId('item-title').press('End');
    await page.getByTestId('item-title').pressSequentially('X');
    const title = `${NANHU}X`;
    await expect(preview(page).locator('nav.toc')).toContainText(title);
    await expect(previewItem(page, title)).toHaveCount(1);
    expect(await itemMarks(page)).toEqual([LEAD, PLANT, NUTRITION, title, SALON].map((t) => ({ title: t, kept: true })));
    expect(await frameKept(page)).toEqual(allKept);
    const replaced = await preview(page).evaluate((root) =>
      [...root.querySelectorAll('article.item > *, nav.toc li')]
        .filter((el) => (el as unknown as { __mark?: string }).__mark === undefined)
        .map((el) => `${el.tagName.toLowerCase()} ${el.textContent}`),
    );
    expect(replaced).toEqual([`li ◆${title}`, `h3 ${title}`]);
  });

  test('editing the masthead leaves every item in place', async ({ page }) => {
    await selectMasthead(page);
    await markNodes(page);
    await page.getByTestId('masthead-total').fill('42');
    await expect(preview(page).locator('.masthead-issue')).toHaveText('2024年第3期（总第42期）');
    expect(await itemMarks(page)).toEqual(SAMPLE_ITEMS.map((title) => ({ title, kept: true })));
    expect(await frameKept(page)).toEqual(allKept);
  });
});

test.describe('the character count', () => {
  test('changes by the number of characters typed: CJK one each, spaces not counted', async ({ page }) => {
    const start = await charCount(page);
    expect(start).toBeGreaterThan(0);
    await selectItem(page, PLANT);
    const body = page.getByTestId('item-body');
    const row = outlineItem(page, PLANT).locator('.outline-meta');
    const rowCount = async () => Number(((await row.textContent()) ?? '').match(/(\d+)/)?.[1]);
    const rowStart = await rowCount();

    await body.click();
    await body.press('ControlOrMeta+End');
    await body.pressSequentially(' a b  c ');
    await expect(page.getByTestId('char-count')).toHaveText(String(start + 3));

    // CJK text arrives as an input without key presses (as from an input method).
    await page.keyboard.insertText('春耕\u3000生产。');
    await expect(page.getByTestId('char-count')).toHaveText(String(start + 3 + 5));
    await expect.poll(rowCount).toBe(rowStart + 8);

    // Sources and titles count too.
    const sources = page.getByTestId('item-sources');
    const oldSources = await sources.inputValue();
    const newSources = '市植物保护学会、市农业技术推广站';
    await sources.fill(newSources);
    // The 、 between sources is a separator, not text: it is not counted.
    const sourcesDelta = editorChars(newSources.replace(/、/g, '')) - editorChars(oldSources.replace(/、/g, ''));
    expect(sourcesDelta).not.toBe(0);
    await expect(page.getByTestId('char-count')).toHaveText(String(start + 8 + sourcesDelta));

    // Emptying the body takes away exactly its characters.
    const text = await body.inputValue();
    await body.fill('');
    await expect(page.getByTestId('char-count')).toHaveText(String(start + 8 + sourcesDelta - editorChars(text)));
  });
});

test('in English the status bar has no Chinese left', async ({ page }) => {
  await page.getByTestId('language').click();
  await expect(page.getByTestId('new-item')).toHaveText('New item');
  const bar = page.locator('footer.statusbar');
  await expect(bar).toContainText('Characters in issue');
  await expect(bar).toContainText(`${SAMPLE_ITEMS.length} items`);
  expect(await bar.innerText()).not.toMatch(/[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/);
});

test('after a run of edits, the preview is exactly the exported HTML', async ({ page }) => {
  const start = await exportedAndPreviewed(page);
  expect(start.previewed).toContain(SAMPLE_TITLE);
  expect(start.previewed).toBe(start.exported);

  // Edits that patch the preview in place (item, title, masthead) and ones that rebuild it.
  await selectItem(page, PLANT);
  const body = page.getByTestId('item-body');
  await body.click();
  await body.press('ControlOrMeta+End');
  await body.pressSequentially(' <b>x</b> & "q"');
  await page.keyboard.insertText('\n\n新增一段，含**强调**和[链接](https://example.org/a?b=1&c=2)。');
  await page.getByTestId('item-title').fill(`${PLANT}（续）`);
  await page.getByTestId('item-sources').fill('甲、乙');
  await outlineItem(page, `${PLANT}（续）`).getByRole('button').focus();
  await page.keyboard.press('Alt+ArrowDown');
  await selectMasthead(page);
  await page.getByTestId('masthead-number').fill('5');
  await selectFooter(page);
  await page.getByTestId('footer-editor').fill('李四');
  await page.getByTestId('new-item').click();
  await page.getByTestId('item-title').fill('新稿');
  await page.getByTestId('item-body').fill('新稿正文。');
  await expect(previewItem(page, '新稿')).toContainText('新稿正文。');
  await expect(preview(page).locator('.colophon-editor')).toHaveText('编辑：李四');
  await expect(preview(page)).toContainText('<b>x</b> & "q"');

  const end = await exportedAndPreviewed(page);
  expect(end.previewed).not.toBe(start.previewed);
  expect(end.previewed).toBe(end.exported);
});
