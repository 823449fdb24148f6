// Undo and redo through a long sequence of mixed edits: every undo step returns exactly
// the state before the matching edit, all the way back to the starting issue, and redo
// walks forward again to the exact final state. "Exact" is checked twice: the preview's
// HTML plus the outline's text after every step, and the exported Markdown at the ends.
//
// History joins consecutive edits with the same group key within a second (typing in one
// field is one step, src/core/history.rs). All masthead fields share one key, as do all
// footer fields, so the sequence alternates between the masthead and the footer to keep
// each edit its own step.

import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import {
  SAMPLE_ITEMS,
  exportMarkdown,
  openEditor,
  outlineItem,
  preview,
  previewItem,
  previewTitles,
  selectFooter,
  selectItem,
  selectMasthead,
  snapshot,
} from './editor-helpers';

const [LEAD, PLANT, NUTRITION, NANHU] = SAMPLE_ITEMS;

type Step = { name: string; run: (page: Page) => Promise<void> };

/** The position of a title among the preview's items (-1 when absent). */
async function indexOf(page: Page, title: string): Promise<number> {
  return (await previewTitles(page)).indexOf(title);
}

const STEPS: Step[] = [
  {
    name: 'retitle the lead item',
    run: async (page) => {
      await selectItem(page, LEAD);
      await page.getByTestId('item-title').fill('撤销测试的头条');
      await expect(previewItem(page, '撤销测试的头条')).toHaveCount(1);
    },
  },
  {
    name: 'type ASCII at the end of its body',
    run: async (page) => {
      const body = page.getByTestId('item-body');
      await body.click();
      await body.press('ControlOrMeta+End');
      await body.pressSequentially(' undo1');
      await expect(previewItem(page, '撤销测试的头条')).toContainText('undo1');
    },
  },
  {
    name: 'set its sources',
    run: async (page) => {
      await page.getByTestId('item-sources').fill('甲、乙');
      await expect(previewItem(page, '撤销测试的头条').locator('.sources')).toHaveText('（甲、乙）');
    },
  },
  {
    name: 'change its status',
    run: async (page) => {
      await page.getByTestId('item-status').selectOption({ label: '已审' });
      await expect(outlineItem(page, '撤销测试的头条').locator('.status')).toHaveText('已审');
    },
  },
  {
    name: 'rename the bulletin',
    run: async (page) => {
      await selectMasthead(page);
      await page.getByTestId('masthead-title').fill('撤销测试简报');
      await expect(preview(page).locator('h1.masthead-title')).toHaveText('撤销测试简报');
    },
  },
  {
    name: 'change the footer editor',
    run: async (page) => {
      await selectFooter(page);
      await page.getByTestId('footer-editor').fill('赵六');
      await expect(preview(page).locator('.colophon-editor')).toHaveText('编辑：赵六');
    },
  },
  {
    name: 'change the issue number',
    run: async (page) => {
      await selectMasthead(page);
      await page.getByTestId('masthead-number').fill('9');
      await expect(preview(page).locator('.masthead-issue')).toHaveText('2024年第9期（总第41期）');
    },
  },
  {
    name: 'change the distribution',
    run: async (page) => {
      await selectFooter(page);
      await page.getByTestId('footer-distribution').fill('报：市委办公室\n送：市政府办公室');
      await expect(preview(page).locator('dl.distribution dt')).toHaveText(['报：', '送：']);
    },
  },
  {
    name: 'change the date',
    run: async (page) => {
      await selectMasthead(page);
      await page.getByTestId('masthead-date').fill('2024-05-06');
      await expect(preview(page).locator('time.masthead-date')).toHaveText('2024年5月6日');
    },
  },
  {
    name: 'add an item',
    run: async (page) => {
      await page.getByTestId('new-item').click();
      await expect(page.getByTestId('outline-item')).toHaveCount(6);
      await expect(page.getByTestId('item-title')).toHaveValue('');
    },
  },
  {
    name: 'title the new item',
    run: async (page) => {
      await page.getByTestId('item-title').fill('新增稿件');
      await expect(previewItem(page, '新增稿件')).toHaveCount(1);
    },
  },
  {
    name: 'fill the new item body with CJK',
    run: async (page) => {
      await page.getByTestId('item-body').fill('新增稿件的正文，共**两句**。第二句。');
      await expect(previewItem(page, '新增稿件').locator('strong')).toHaveText('两句');
    },
  },
  {
    name: 'add a section',
    run: async (page) => {
      await page.getByTestId('new-section').click();
      // A section without items is not printed: the outline shows it, greyed.
      const last = page.getByTestId('outline').locator('li.outline-section').last();
      await expect(last.getByRole('button')).toHaveText('【新栏目】');
      await expect(last).toHaveClass(/unprinted/);
      await expect(preview(page)).not.toContainText('新栏目');
    },
  },
  {
    name: 'rename the section',
    run: async (page) => {
      await page.getByTestId('section-heading').fill('新栏目甲');
      const last = page.getByTestId('outline').locator('li.outline-section').last();
      await expect(last.getByRole('button')).toHaveText('【新栏目甲】');
    },
  },
  {
    name: 'add an item to the new section',
    run: async (page) => {
      await page.getByTestId('new-item').click();
      await expect(page.getByTestId('outline-item')).toHaveCount(7);
      await expect(preview(page).locator('section.section').last().locator('article.item')).toHaveCount(1);
      // With its first item, the section prints.
      await expect(preview(page).locator('h2.section-heading').last()).toHaveText('【新栏目甲】');
    },
  },
  {
    name: 'delete an item',
    run: async (page) => {
      await selectItem(page, NANHU);
      await page.getByRole('button', { name: '删除稿件' }).click();
      await expect(previewItem(page, NANHU)).toHaveCount(0);
    },
  },
  {
    name: 'move an item up with Alt+ArrowUp',
    run: async (page) => {
      const before = await indexOf(page, NUTRITION);
      await outlineItem(page, NUTRITION).getByRole('button').focus();
      await page.keyboard.press('Alt+ArrowUp');
      await expect.poll(() => indexOf(page, NUTRITION)).toBe(before - 1);
    },
  },
  {
    name: 'drag an item onto another',
    run: async (page) => {
      const target = await indexOf(page, '新增稿件');
      await outlineItem(page, PLANT).dragTo(outlineItem(page, '新增稿件'));
      await expect.poll(() => indexOf(page, PLANT)).toBe(target - 1);
    },
  },
  {
    name: 'duplicate an item',
    run: async (page) => {
      await selectItem(page, '新增稿件');
      await page.getByRole('button', { name: '复制稿件' }).click();
      await expect(previewItem(page, '新增稿件')).toHaveCount(2);
    },
  },
  {
    name: 'change the copy’s status',
    run: async (page) => {
      await page.getByTestId('item-status').selectOption({ label: '编辑中' });
      await expect(outlineItem(page, '新增稿件').locator('.status')).toHaveText(['收稿', '编辑中']);
    },
  },
  {
    name: 'add a sub-column to the new section',
    run: async (page) => {
      await page.getByTestId('outline').getByRole('button', { name: '【新栏目甲】' }).click();
      await page.getByRole('button', { name: '新建子栏目' }).click();
      // Empty, the sub-column is in the outline only.
      const column = page.getByTestId('outline').locator('li.outline-column').last();
      await expect(column.getByRole('button')).toHaveText('新子栏目');
      await expect(column).toHaveClass(/unprinted/);
    },
  },
];

/** How each undo (and redo) is given: mostly the toolbar, sometimes the keyboard. */
function undoWay(step: number): 'button' | 'Control+z' {
  return step % 4 === 1 ? 'Control+z' : 'button';
}
function redoWay(step: number): 'button' | 'Control+Shift+z' | 'Control+y' {
  return step % 5 === 2 ? 'Control+Shift+z' : step % 5 === 4 ? 'Control+y' : 'button';
}

test('undo and redo walk exactly back to the starting issue and forward again', async ({ page }) => {
  test.setTimeout(120_000);
  await openEditor(page);
  const undo = page.getByTestId('undo');
  const redo = page.getByTestId('redo');
  await expect(undo).toBeDisabled();
  await expect(redo).toBeDisabled();

  const startMarkdown = await exportMarkdown(page);
  expect(startMarkdown).toContain('# 科协工作简报');
  const states = [await snapshot(page)];
  for (const step of STEPS) {
    await test.step(step.name, async () => {
      await step.run(page);
      const state = await snapshot(page);
      expect(state, `"${step.name}" changed the issue`).not.toBe(states[states.length - 1]);
      states.push(state);
    });
  }
  expect(STEPS.length).toBeGreaterThanOrEqual(20);
  await expect(undo).toBeEnabled();
  await expect(redo).toBeDisabled();
  const endMarkdown = await exportMarkdown(page);
  expect(endMarkdown).not.toBe(startMarkdown);
  expect(endMarkdown).toContain('新栏目甲');

  // Back, one step at a time: each undo returns exactly the state before its edit.
  for (let k = STEPS.length; k >= 1; k--) {
    await test.step(`undo "${STEPS[k - 1].name}"`, async () => {
      const way = undoWay(k);
      if (way === 'button') {
        await undo.click();
      } else {
        await page.keyboard.press(way);
      }
      await expect.poll(() => snapshot(page), { message: `undo #${k} by ${way}` }).toBe(states[k - 1]);
    });
  }
  await expect(undo).toBeDisabled();
  await expect(redo).toBeEnabled();
  expect(await exportMarkdown(page)).toBe(startMarkdown);
  expect(await previewTitles(page)).toEqual([...SAMPLE_ITEMS]);

  // Forward again, to exactly the final state.
  for (let k = 1; k <= STEPS.length; k++) {
    await test.step(`redo "${STEPS[k - 1].name}"`, async () => {
      const way = redoWay(k);
      if (way === 'button') {
        await redo.click();
      } else {
        await page.keyboard.press(way);
      }
      await expect.poll(() => snapshot(page), { message: `redo #${k} by ${way}` }).toBe(states[k]);
    });
  }
  await expect(redo).toBeDisabled();
  await expect(undo).toBeEnabled();
  expect(await exportMarkdown(page)).toBe(endMarkdown);
});

test('a new edit after undo clears redo', async ({ page }) => {
  await openEditor(page);
  await selectItem(page, PLANT);
  await page.getByTestId('item-title').fill('第一次修改');
  await page.getByTestId('undo').click();
  await expect(page.getByTestId('item-title')).toHaveValue(PLANT);
  await expect(page.getByTestId('redo')).toBeEnabled();
  await page.getByTestId('item-sources').fill('另一个单位');
  await expect(page.getByTestId('redo')).toBeDisabled();
  await expect(previewItem(page, PLANT).locator('.sources')).toHaveText('（另一个单位）');
});

test('Ctrl+Z and Ctrl+Y inside the body field undo and redo the typing, field and preview alike', async ({
  page,
}) => {
  await openEditor(page);
  await selectItem(page, PLANT);
  const body = page.getByTestId('item-body');
  const original = await body.inputValue();
  await body.click();
  await body.press('ControlOrMeta+End');
  await body.pressSequentially(' typed');
  await expect(previewItem(page, PLANT)).toContainText('typed');

  await body.press('Control+z');
  await expect(body).toHaveValue(original);
  await expect(previewItem(page, PLANT)).not.toContainText('typed');
  await expect(body).toBeFocused();

  await body.press('Control+y');
  await expect(body).toHaveValue(`${original} typed`);
  await expect(previewItem(page, PLANT)).toContainText('typed');
  await expect(page.getByTestId('redo')).toBeDisabled();
});
