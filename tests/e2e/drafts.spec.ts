// Drafts that are never lost: autosave, the drafts list and its trash, reopening where the
// user left off, snapshots, backups, the migration of the first release's draft, and the
// storage meter. Real Chromium, real localStorage: every test starts from an empty origin
// (a fresh browser context). The failures (quota, no storage, unreadable records, two
// tabs, a tab closed mid-typing) are in drafts-failures.spec.ts.

import { test, expect } from './fixtures';
import type { Browser, Page } from '@playwright/test';
import {
  FOURTH_ITEM,
  LEGACY_KEY,
  SAMPLE_TITLE,
  SAVED,
  SAVING,
  THIRD_ITEM,
  appendToBody,
  body,
  closeDrafts,
  currentId,
  download,
  draftRow,
  expectSaved,
  installProbes,
  issueKey,
  partPrefix,
  issueMarkdown,
  legacyDraft,
  openApp,
  openDrafts,
  probes,
  raw,
  selectItem,
  snapshotsKey,
  storage,
  storedIndex,
  storedIssue,
} from './drafts-helpers';

const DAY_MS = 24 * 60 * 60 * 1000;

test.describe('autosave', () => {
  test('writes the draft within 500 ms of the last keystroke, showing 保存中… then 已保存', async ({
    page,
    context,
  }) => {
    await installProbes(context);
    await openApp(page);
    await body(page).click();
    await body(page).press('ControlOrMeta+End');
    const typed = 'Autosave1234567890';
    await body(page).pressSequentially(typed, { delay: 40 });
    await expectSaved(page);

    const id = await currentId(page);
    expect((await storedIssue(page, id))!.markdown).toContain(typed);

    const { writes, inputs, statuses } = await probes(page);
    expect(inputs.length).toBeGreaterThanOrEqual(typed.length);
    const lastInput = inputs.at(-1)!;
    // The typed text goes into its item's part; the head, written after it, completes the save.
    const issueWrites = writes.filter((w) => w.key === issueKey(id) && w.ok);
    const part = writes.find((w) => w.key.startsWith(partPrefix(id)) && w.ok && w.value?.includes(typed));
    expect(part, 'a write of the item with the whole typed text').toBeDefined();
    const complete = issueWrites.find((w) => w.time >= part!.time);
    expect(complete, 'the head written after it').toBeDefined();
    const latency = complete!.time - lastInput;
    console.log(`autosave: written ${latency.toFixed(0)} ms after the last keystroke`);
    expect(latency).toBeGreaterThanOrEqual(0);
    expect(latency, 'written within 500 ms of the last keystroke').toBeLessThan(500);
    // Debounced: far fewer writes than keystrokes.
    expect(issueWrites.length).toBeLessThan(typed.length / 2);

    const texts = statuses.map((s) => s.text);
    expect(texts, 'the status showed 保存中… while a save was pending').toContain(SAVING);
    expect(texts.lastIndexOf(SAVED)).toBeGreaterThan(texts.indexOf(SAVING));
  });

  test('saves at once, without waiting for the debounce, on pagehide and on visibilitychange to hidden', async ({
    page,
  }) => {
    await openApp(page);
    await appendToBody(page, 'First');
    await expectSaved(page);
    const id = await currentId(page);

    // One input event, then the lifecycle event, in the same task: if the stored issue
    // holds the text right after the event, the write happened in the event's handler.
    const edit = async (text: string, fire: 'pagehide' | 'hidden') =>
      page.evaluate(
        ({ id, text, fire }) => {
          // Whether a part the stored head names holds the text.
          const stored = (): string => {
            const head = JSON.parse(localStorage.getItem(`jianbao:issue:${id}`)!);
            const names: string[] = [head.parts.rest, ...head.parts.items.map(([, name]: [number, string]) => name)];
            return names.map((name) => localStorage.getItem(`jianbao:part:${id}:${name}`) ?? '').join('');
          };
          const field = document.querySelector<HTMLTextAreaElement>('[data-testid=item-body]')!;
          field.value += text;
          field.dispatchEvent(new Event('input', { bubbles: true }));
          const before = stored().includes(text);
          if (fire === 'pagehide') {
            window.dispatchEvent(new PageTransitionEvent('pagehide', { persisted: false }));
          } else {
            Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
            document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));
            delete (document as unknown as { visibilityState?: string }).visibilityState;
          }
          const after = stored().includes(text);
          return { before, after };
        },
        { id, text, fire },
      );

    expect(await edit('OnPageHide', 'pagehide')).toEqual({ before: false, after: true });
    await expectSaved(page);
    expect(await edit('OnHidden', 'hidden')).toEqual({ before: false, after: true });
    await expectSaved(page);
    expect((await storedIssue(page, id))!.markdown).toContain('FirstOnPageHideOnHidden');
  });

  test('navigating away right after typing keeps the text (a real pagehide)', async ({ page }) => {
    await openApp(page);
    await appendToBody(page, 'BeforeLeaving');
    await expectSaved(page);
    await body(page).press('ControlOrMeta+End');
    await body(page).pressSequentially('Leaving');
    await page.keyboard.insertText('离开前最后一句');
    await page.goto('about:blank');
    await openApp(page);
    await expect(body(page)).toHaveValue(/BeforeLeavingLeaving离开前最后一句$/);
  });
});

test.describe('drafts list', () => {
  test('new, rename, duplicate, open, delete to the trash and restore, kept across reloads', async ({ page }) => {
    await openApp(page);
    await appendToBody(page, 'DraftOneText');
    await expectSaved(page);
    const first = await currentId(page);

    let panel = await openDrafts(page);
    await expect(page.getByTestId('draft-row')).toHaveCount(1);
    await expect(draftRow(page, SAMPLE_TITLE)).toContainText('（当前）');

    // New: a blank next issue, opened and saved at once.
    await page.getByTestId('new-draft').click();
    await expect(page.getByTestId('draft-row')).toHaveCount(2);
    const second = await currentId(page);
    expect(second).not.toBe(first);
    expect(await storedIssue(page, second)).not.toBeNull();
    await expect(page.getByTestId('preview')).not.toContainText('DraftOneText');

    // Rename the first through the prompt.
    const firstRow = () => page.getByTestId('draft-row').filter({ hasNot: page.getByText('（当前）') });
    page.once('dialog', (dialog) => dialog.accept('我的第一份草稿'));
    await firstRow().getByRole('button', { name: '重命名' }).click();
    await expect(draftRow(page, '我的第一份草稿')).toHaveCount(1);

    // Open it: the editor shows its text.
    await draftRow(page, '我的第一份草稿').getByRole('button', { name: '打开' }).click();
    await expect(page.getByTestId('preview')).toContainText('DraftOneText');
    await expect(draftRow(page, '我的第一份草稿')).toContainText('（当前）');
    await closeDrafts(page);

    // A rename survives later saves of the draft.
    await appendToBody(page, 'AfterRename');
    await expectSaved(page);
    panel = await openDrafts(page);
    await expect(draftRow(page, '我的第一份草稿')).toHaveCount(1);
    expect((await storedIndex(page)).entries.find((e) => e.id === first)!.name).toBe('我的第一份草稿');

    // Duplicate: a new draft with the same text, opened.
    await draftRow(page, '我的第一份草稿').getByRole('button', { name: '复制' }).click();
    await expect(page.getByTestId('draft-row')).toHaveCount(3);
    const copy = await currentId(page);
    expect(copy).not.toBe(first);
    expect((await storedIssue(page, copy))!.markdown).toBe((await storedIssue(page, first))!.markdown);

    // Delete the open copy: it goes to the trash and another draft opens.
    await page
      .getByTestId('draft-row')
      .filter({ hasText: '（当前）' })
      .getByRole('button', { name: '删除' })
      .click();
    await expect(page.getByTestId('draft-row')).toHaveCount(2);
    await expect(page.getByTestId('trash-row')).toHaveCount(1);
    expect(await currentId(page)).not.toBe(copy);
    expect(await storedIssue(page, copy), 'a draft in the trash keeps its record').not.toBeNull();

    // Delete the renamed one too, then restore it.
    await draftRow(page, '我的第一份草稿').getByRole('button', { name: '删除' }).click();
    await expect(page.getByTestId('trash-row')).toHaveCount(2);
    await expect(page.getByTestId('draft-row')).toHaveCount(1);
    await page
      .getByTestId('trash-row')
      .filter({ hasText: '我的第一份草稿' })
      .getByRole('button', { name: '恢复' })
      .click();
    await expect(page.getByTestId('trash-row')).toHaveCount(1);
    await draftRow(page, '我的第一份草稿').getByRole('button', { name: '打开' }).click();
    await expect(page.getByTestId('preview')).toContainText('DraftOneTextAfterRename');
    await closeDrafts(page);

    // All of it is stored: a reload shows the same lists and the same open draft.
    await openApp(page);
    await expect(page.getByTestId('preview')).toContainText('DraftOneTextAfterRename');
    panel = await openDrafts(page);
    await expect(panel.getByTestId('draft-row')).toHaveCount(2);
    await expect(panel.getByTestId('trash-row')).toHaveCount(1);
    await expect(draftRow(page, '我的第一份草稿')).toContainText('（当前）');
  });

  test('the trash keeps a draft restorable for 30 days, then forgets it', async ({ page }) => {
    await page.clock.install();
    await openApp(page);
    await appendToBody(page, 'KeepMe');
    await expectSaved(page);
    const kept = await currentId(page);
    await openDrafts(page);
    await page.getByTestId('new-draft').click();
    await expect(page.getByTestId('draft-row')).toHaveCount(2);
    await draftRow(page, SAMPLE_TITLE).filter({ hasNot: page.getByText('（当前）') }).getByRole('button', { name: '删除' }).click();
    await expect(page.getByTestId('trash-row')).toHaveCount(1);

    // 29 days later: still there, and restorable.
    await page.clock.fastForward(29 * DAY_MS);
    await openApp(page);
    await openDrafts(page);
    await expect(page.getByTestId('trash-row')).toHaveCount(1);
    expect(await storedIssue(page, kept)).not.toBeNull();
    await page.getByTestId('trash-row').getByRole('button', { name: '恢复' }).click();
    await expect(page.getByTestId('draft-row')).toHaveCount(2);
    await draftRow(page, SAMPLE_TITLE).filter({ hasNot: page.getByText('（当前）') }).getByRole('button', { name: '打开' }).click();
    await expect(page.getByTestId('preview')).toContainText('KeepMe');

    // Deleted again, and 31 days pass: gone, records and snapshots included.
    await page.getByTestId('draft-row').filter({ hasText: '（当前）' }).getByRole('button', { name: '删除' }).click();
    await expect(page.getByTestId('trash-row')).toHaveCount(1);
    await page.clock.fastForward(31 * DAY_MS);
    await openApp(page);
    await openDrafts(page);
    await expect(page.getByTestId('trash-row')).toHaveCount(0);
    await expect(page.getByTestId('draft-row')).toHaveCount(1);
    expect(await raw(page, issueKey(kept))).toBeNull();
    expect(await raw(page, snapshotsKey(kept))).toBeNull();
    expect((await storedIndex(page)).entries.map((e) => e.id)).not.toContain(kept);
  });
});

test.describe('reopening', () => {
  test('restores the issue and the item that were open, edited or only chosen', async ({ page, context }) => {
    await openApp(page);
    await selectItem(page, THIRD_ITEM);
    await appendToBody(page, 'ReopenMe');
    await expectSaved(page);
    await page.close();

    let again = await context.newPage();
    await openApp(again);
    await expect(again.getByTestId('item-title')).toHaveValue(THIRD_ITEM);
    await expect(body(again)).toHaveValue(/ReopenMe$/);

    // Only chosen, not edited: still the item that was open.
    await selectItem(again, FOURTH_ITEM);
    await again.close();
    again = await context.newPage();
    await openApp(again);
    await expect(again.getByTestId('item-title')).toHaveValue(FOURTH_ITEM);

    // Another draft opened from the list: reopening opens that draft.
    await openDrafts(again);
    await again.getByTestId('new-draft').click();
    await expect(again.getByTestId('draft-row')).toHaveCount(2);
    await closeDrafts(again);
    await again.getByTestId('new-item').click();
    await again.getByTestId('item-title').fill('第二份草稿的稿件');
    await appendToBody(again, '第二份草稿的正文');
    await expectSaved(again);
    const second = await currentId(again);
    await again.close();
    again = await context.newPage();
    await openApp(again);
    expect(await currentId(again)).toBe(second);
    await expect(again.getByTestId('item-title')).toHaveValue('第二份草稿的稿件');
    await expect(again.getByTestId('preview')).toContainText('第二份草稿的正文');

    // Opened from the list and not edited: reopening opens that draft, on its item.
    await openDrafts(again);
    await again.getByTestId('draft-row').filter({ hasNotText: '（当前）' }).getByRole('button', { name: '打开' }).click();
    await expect(again.getByTestId('item-title')).toHaveValue(FOURTH_ITEM);
    await again.close();
    again = await context.newPage();
    await openApp(again);
    expect(await currentId(again)).not.toBe(second);
    await expect(again.getByTestId('item-title')).toHaveValue(FOURTH_ITEM);
    await expect(again.getByTestId('preview')).toContainText('ReopenMe');
  });
});

test.describe('snapshots', () => {
  test('are kept every two minutes, viewable, restorable, and a restore is undone with Ctrl+Z', async ({
    page,
  }) => {
    await page.clock.install();
    await openApp(page);
    await appendToBody(page, 'VersionOne');
    await expectSaved(page);
    const id = await currentId(page);
    await page.clock.fastForward('03:00');
    await appendToBody(page, 'VersionTwo');
    await expectSaved(page);

    await openDrafts(page);
    const rows = page.getByTestId('snapshot-row');
    await expect(rows).toHaveCount(2);
    // Newest first: the older one is last.
    await rows.last().getByRole('button', { name: '查看' }).click();
    const view = page.getByTestId('snapshot-view');
    await expect(view).toContainText('VersionOne');
    await expect(view).not.toContainText('VersionTwo');
    await rows.first().getByRole('button', { name: '查看' }).click();
    await expect(view).toContainText('VersionOneVersionTwo');

    await rows.last().getByRole('button', { name: '恢复此版本' }).click();
    await closeDrafts(page);
    await expect(page.getByTestId('preview')).toContainText('VersionOne');
    await expect(page.getByTestId('preview')).not.toContainText('VersionTwo');
    await expectSaved(page);
    expect((await storedIssue(page, id))!.markdown).not.toContain('VersionTwo');

    // Undo brings back the text from before the restore, and it is saved.
    await page.keyboard.press('Control+z');
    await expect(page.getByTestId('preview')).toContainText('VersionOneVersionTwo');
    await expectSaved(page);
    expect((await storedIssue(page, id))!.markdown).toContain('VersionOneVersionTwo');
  });

  test('keep the last 20 only', async ({ page }) => {
    test.setTimeout(90_000);
    await page.clock.install();
    await openApp(page);
    for (let n = 1; n <= 23; n++) {
      await appendToBody(page, ` v${n};`);
      await expectSaved(page);
      await page.clock.fastForward('02:01');
    }
    const id = await currentId(page);
    const stored = JSON.parse((await raw(page, snapshotsKey(id)))!);
    expect(stored.list).toHaveLength(20);
    expect(stored.list.at(-1).markdown).toContain(' v23;');
    expect(stored.list[0].markdown).toContain(' v4;');
    expect(stored.list[0].markdown).not.toContain(' v5;');
    await openDrafts(page);
    await expect(page.getByTestId('snapshot-row')).toHaveCount(20);
  });
});

/** Opens a second, empty browser context (another browser profile, say), with its page. */
async function otherBrowser(browser: Browser, baseURL: string | undefined): Promise<{ page: Page; errors: Error[] }> {
  const context = await browser.newContext({ baseURL, locale: 'zh-CN', viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const errors: Error[] = [];
  page.on('pageerror', (error) => errors.push(error));
  return { page, errors };
}

async function importBackup(page: Page, text: string): Promise<void> {
  await page.getByTestId('import-backup').setInputFiles({
    name: 'backup.json',
    mimeType: 'application/json',
    buffer: Buffer.from(text, 'utf8'),
  });
}

test.describe('backups', () => {
  test('export every draft as one JSON; import merges, never overwriting a newer issue without asking', async ({
    page,
    browser,
    baseURL,
  }) => {
    // Browser A: two drafts, named 甲稿 and 乙稿.
    await openApp(page);
    await appendToBody(page, 'AlphaText');
    await expectSaved(page);
    const alpha = await currentId(page);
    await openDrafts(page);
    page.once('dialog', (dialog) => dialog.accept('甲稿'));
    await draftRow(page, SAMPLE_TITLE).getByRole('button', { name: '重命名' }).click();
    await draftRow(page, '甲稿').getByRole('button', { name: '复制' }).click();
    await expect(page.getByTestId('draft-row')).toHaveCount(2);
    const beta = await currentId(page);
    expect(beta).not.toBe(alpha);
    page.once('dialog', (dialog) => dialog.accept('乙稿'));
    await draftRow(page, SAMPLE_TITLE).getByRole('button', { name: '重命名' }).click();
    await closeDrafts(page);
    await appendToBody(page, 'BetaText');
    await expectSaved(page);

    await openDrafts(page);
    const first = await download(page, page.getByTestId('export-backup'));
    expect(first.name).toMatch(/\.json$/);
    const backup = JSON.parse(first.text);
    expect(backup.format).toBe('jianbao-backup');
    expect(backup.version).toBe(2);
    const names = Object.fromEntries(backup.drafts.map(([entry]: [{ id: string; name: string }]) => [entry.id, entry.name]));
    expect(names).toEqual({ [alpha]: '甲稿', [beta]: '乙稿' });
    expect(first.text).toContain('AlphaText');
    expect(first.text).toContain('AlphaTextBetaText');

    // Browser B: empty; the import adds both, names included.
    const other = await otherBrowser(browser, baseURL);
    const b = other.page;
    const dialogs: string[] = [];
    b.on('dialog', (dialog) => dialogs.push(dialog.message()));
    await openApp(b);
    await openDrafts(b);
    await importBackup(b, first.text);
    await expect(b.getByText('备份已合并：新增 2 份，替换 0 份，保留本机 0 份。')).toBeVisible();
    await expect(b.getByTestId('draft-row')).toHaveCount(2);
    await expect(draftRow(b, '甲稿')).toHaveCount(1);
    await expect(draftRow(b, '乙稿')).toHaveCount(1);
    expect((await storedIssue(b, alpha))!.markdown).toContain('AlphaText');
    expect((await storedIssue(b, beta))!.markdown).toContain('AlphaTextBetaText');

    // B edits 甲稿: its copy is now newer than the backup's. Importing the same backup
    // again keeps it, without asking.
    await draftRow(b, '甲稿').getByRole('button', { name: '打开' }).click();
    await closeDrafts(b);
    expect(await currentId(b)).toBe(alpha);
    await expect(b.getByTestId('preview')).toContainText('AlphaText');
    await appendToBody(b, 'EditedInB');
    await expectSaved(b);
    await openDrafts(b);
    await expect(draftRow(b, '甲稿'), 'an imported name survives a save').toHaveCount(1);
    await importBackup(b, first.text);
    await expect(b.getByText('备份已合并：新增 0 份，替换 0 份，保留本机 2 份。')).toBeVisible();
    expect(dialogs, 'no question when the local copy is newer or the same').toEqual([]);
    expect((await storedIssue(b, alpha))!.markdown).toContain('AlphaTextEditedInB');

    // A edits 甲稿 later still, and exports again: that backup is newer than B's copy.
    await closeDrafts(page);
    await openDrafts(page);
    await draftRow(page, '甲稿').getByRole('button', { name: '打开' }).click();
    expect(await currentId(page)).toBe(alpha);
    await closeDrafts(page);
    await appendToBody(page, 'NewerInA');
    await expectSaved(page);
    await openDrafts(page);
    const second = await download(page, page.getByTestId('export-backup'));
    expect(second.text).toContain('AlphaTextNewerInA');

    // Declined: B keeps its own.
    b.once('dialog', (dialog) => dialog.dismiss());
    await importBackup(b, second.text);
    await expect(b.getByText('备份已合并：新增 0 份，替换 0 份，保留本机 2 份。')).toBeVisible();
    expect(dialogs).toHaveLength(1);
    expect(dialogs[0]).toContain('比本机的版本新');
    const keptInB = (await storedIssue(b, alpha))!.markdown;
    expect(keptInB).toContain('AlphaTextEditedInB');
    expect(keptInB).not.toContain('NewerInA');

    // Accepted: replaced, and B's own version kept as a snapshot. B has alpha open, so
    // the editor shows the imported text and goes on saving without a conflict.
    b.once('dialog', (dialog) => dialog.accept());
    await importBackup(b, second.text);
    await expect(b.getByText('备份已合并：新增 0 份，替换 1 份，保留本机 1 份。')).toBeVisible();
    expect(dialogs).toHaveLength(2);
    expect((await storedIssue(b, alpha))!.markdown).toContain('AlphaTextNewerInA');
    const snapshots = JSON.parse((await raw(b, snapshotsKey(alpha)))!);
    expect(snapshots.list.some((s: { markdown: string }) => s.markdown.includes('AlphaTextEditedInB'))).toBe(true);
    await closeDrafts(b);
    await expect(b.getByTestId('preview')).toContainText('AlphaTextNewerInA');
    await appendToBody(b, 'ThenB');
    await expectSaved(b);
    await expect(b.getByTestId('conflict-dialog')).toBeHidden();
    expect((await storedIssue(b, alpha))!.markdown).toContain('AlphaTextNewerInAThenB');

    expect(other.errors).toEqual([]);
    await b.context().close();
  });

  test('an unreadable backup file is refused with a message, and nothing changes', async ({ page }) => {
    await openApp(page);
    await appendToBody(page, 'Untouched');
    await expectSaved(page);
    const before = await storage(page);
    await openDrafts(page);
    await importBackup(page, '{"format":"jianbao-backup","version":2,"drafts":[[{"id":"x"');
    await expect(page.getByText(/备份文件无法读取/)).toBeVisible();
    expect(await storage(page)).toEqual(before);
  });
});

test.describe('stored format', () => {
  test('a version 1 draft (jianbao:draft:current) is migrated to version 2 and opened', async ({ page }) => {
    const markdown = issueMarkdown('旧版简报', '旧版草稿里的稿件', '第一版保存的正文。');
    await openApp(page);
    await page.evaluate(
      ({ key, value }) => {
        localStorage.clear();
        localStorage.setItem(key, value);
      },
      { key: LEGACY_KEY, value: legacyDraft(markdown, 7) },
    );
    await openApp(page);

    await expect(page.getByTestId('preview')).toContainText('旧版简报');
    await expect(page.getByTestId('preview')).toContainText('第一版保存的正文。');
    await expect(page.getByTestId('item-title')).toHaveValue('旧版草稿里的稿件');
    await expect(page.getByTestId('problems-banner')).toBeHidden();

    expect(await raw(page, LEGACY_KEY), 'the legacy key is gone once migrated').toBeNull();
    const index = await storedIndex(page);
    expect(index.format).toBe('jianbao-index');
    expect(index.version).toBe(2);
    expect(index.entries).toHaveLength(1);
    expect(index.entries[0].name).toBe('迁移的草稿');
    const id = index.current!;
    const record = (await storedIssue(page, id))!;
    expect(record).toMatchObject({ format: 'jianbao-issue', version: 2, id, revision: 7, markdown });

    // It saves on as version 2, and a reload does not migrate again.
    await appendToBody(page, '迁移后继续编辑');
    await expectSaved(page);
    expect((await storedIssue(page, id))!.revision).toBe(8);
    await openApp(page);
    await expect(page.getByTestId('preview')).toContainText('迁移后继续编辑');
    expect((await storedIndex(page)).entries).toHaveLength(1);
    const panel = await openDrafts(page);
    await expect(panel.getByTestId('draft-row')).toHaveCount(1);
    // Named 迁移的草稿 until its first save; from then on after its masthead.
    await expect(draftRow(page, '旧版简报 2024年第2期')).toContainText('（当前）');
  });
});

test.describe('storage meter', () => {
  test('shows the measured budget, and warns at 80 %', async ({ page }) => {
    await openApp(page);
    await appendToBody(page, 'MeterText');
    await expectSaved(page);
    await openDrafts(page);
    const meter = page.getByTestId('storage-meter');
    await expect(meter).toBeVisible();
    const text = (await meter.textContent())!;
    const match = text.match(/(\d+) KB \/ (\d+) KB（([\d.]+)%）/);
    expect(match, `the meter reads "used KB / budget KB (percent)": ${text}`).not.toBeNull();
    const [usedKb, budgetKb, percent] = match!.slice(1).map(Number);

    // Our own measurement of the budget, in UTF-16 code units as the app counts.
    const measured = await page.evaluate(() => {
      const fits = (n: number) => {
        try {
          localStorage.setItem('m', 'x'.repeat(n));
          return true;
        } catch {
          return false;
        } finally {
          localStorage.removeItem('m');
        }
      };
      let low = 0;
      let high = 1 << 20;
      while (fits(high)) [low, high] = [high, high * 2];
      while (high - low > 1) {
        const mid = Math.floor((low + high) / 2);
        if (fits(mid)) low = mid;
        else high = mid;
      }
      let used = 0;
      for (const key of Object.keys(localStorage)) used += key.length + localStorage.getItem(key)!.length;
      return { budget: used + low + 1, used };
    });
    console.log(
      `storage meter: ${text.trim()}; measured budget ${measured.budget} UTF-16 units (${((measured.budget * 2) / 1024).toFixed(0)} KB)`,
    );
    expect(Math.abs(budgetKb - (measured.budget * 2) / 1024)).toBeLessThanOrEqual(10);
    expect(Math.abs(usedKb - (measured.used * 2) / 1024)).toBeLessThanOrEqual(1);
    expect(percent).toBeLessThan(80);
    await expect(page.getByText('浏览器存储已用 80% 以上')).toBeHidden();
    expect(Object.keys(await storage(page))).not.toContain('jianbao:probe');
    await closeDrafts(page);

    // Fill to about 85 % of the budget: the panel warns.
    await page.evaluate((target) => {
      let used = 0;
      for (const key of Object.keys(localStorage)) used += key.length + localStorage.getItem(key)!.length;
      localStorage.setItem('filler', 'x'.repeat(target - used - 'filler'.length));
    }, Math.floor(measured.budget * 0.85));
    await openDrafts(page);
    await expect(page.getByText('浏览器存储已用 80% 以上，请导出备份并清理旧草稿。')).toBeVisible();
    const full = (await meter.textContent())!.match(/（([\d.]+)%）/);
    expect(Number(full![1])).toBeGreaterThanOrEqual(80);
    expect(Number(full![1])).toBeLessThan(90);
    expect(Number(await meter.locator('meter').getAttribute('value'))).toBeGreaterThanOrEqual(80);
    expect(Object.keys(await storage(page))).not.toContain('jianbao:probe');
  });
});

