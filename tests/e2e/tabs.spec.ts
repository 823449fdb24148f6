// Two and three tabs (pages of one browser context) on one draft: a save in one tab is
// merged into the others, part by part (src/core/merge, src/ui/tabs.rs). Every scenario
// ends by checking that no typed word is lost: each word is in the stored record and in
// every tab's preview, and each tab's open text box holds what it should.
//
// The scenarios of issue 14: different items in each tab, the same item in both, typing
// in both within the same 400 ms (the autosave's debounce), a tab that was hidden (and
// frozen, as browsers do with background tabs), a tab opened before the first save, and
// the issue's own steps (type in A, B loads it, type in the same item in B).

import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import {
  appendToBody,
  body,
  currentId,
  expectSaved,
  openApp,
  selectItem,
  storage,
  storedIssue,
  THIRD_ITEM,
  FOURTH_ITEM,
} from './drafts-helpers';

/** The marks that show where a part changed in both tabs keeps both versions. */
const OURS_MARK = '【本标签页的版本】';
const THEIRS_MARK = '【另一标签页的版本】';

/** Opens another tab in the same browser, failing the test on its uncaught errors. */
async function anotherTab(page: Page): Promise<{ tab: Page; errors: Error[] }> {
  const tab = await page.context().newPage();
  const errors: Error[] = [];
  tab.on('pageerror', (error) => errors.push(error));
  await openApp(tab);
  return { tab, errors };
}

/**
 * Waits until every tab is saved and shows every word in its preview, and the stored
 * draft holds every word: the one check every scenario ends with.
 */
async function noWordLost(tabs: Page[], id: string, words: string[]): Promise<void> {
  for (const tab of tabs) {
    await expectSaved(tab);
  }
  await expect
    .poll(async () => {
      const stored = (await storedIssue(tabs[0], id))!.markdown;
      return words.filter((word) => !stored.includes(word));
    }, { message: 'words missing from storage' })
    .toEqual([]);
  for (const [n, tab] of tabs.entries()) {
    for (const word of words) {
      await expect(tab.getByTestId('preview'), `tab ${n + 1} shows ${word}`).toContainText(word);
    }
    await expectSaved(tab);
  }
  // Settled: the tabs agree with storage and with each other.
  const stored = (await storedIssue(tabs[0], id))!.markdown;
  for (const tab of tabs) {
    const shown = (await tab.getByTestId('preview').textContent()) ?? '';
    for (const word of words) expect(shown).toContain(word);
  }
  for (const word of words) expect(stored).toContain(word);
}

/** Opens the app in `page`, types a first word so the draft is stored, and returns its id. */
async function storedDraft(page: Page, word: string): Promise<string> {
  await openApp(page);
  await appendToBody(page, word);
  await expectSaved(page);
  return currentId(page);
}

test.describe('tabs on one draft', () => {
  test("issue 14's steps: the second tab types on top of the first tab's words, which stay", async ({ page }) => {
    const id = await storedDraft(page, 'Start');
    const { tab, errors } = await anotherTab(page);
    await expect(body(tab)).toHaveValue(/Start$/);

    await appendToBody(page, 'WordsOfTabA');
    await expectSaved(page);
    await expect(body(tab)).toHaveValue(/StartWordsOfTabA$/);
    await expect(tab.getByTestId('preview')).toContainText('StartWordsOfTabA');

    // Typed with the keyboard at the end of the text box, as a person does.
    await body(tab).click();
    await body(tab).press('ControlOrMeta+End');
    await body(tab).pressSequentially('ThenTabB', { delay: 20 });
    await expectSaved(tab);
    await noWordLost([page, tab], id, ['StartWordsOfTabAThenTabB']);
    await expect(body(page)).toHaveValue(/StartWordsOfTabAThenTabB$/);
    await expect(page.getByTestId('merge-status')).toBeHidden();
    expect(errors).toEqual([]);
  });

  test('different items in each tab, typed at the same time: both arrive everywhere', async ({ page }) => {
    const id = await storedDraft(page, 'Base');
    const { tab, errors } = await anotherTab(page);
    await selectItem(page, THIRD_ITEM);
    await selectItem(tab, FOURTH_ITEM);

    // Both type before either saves.
    await appendToBody(page, 'ThirdFromA');
    await appendToBody(tab, 'FourthFromB');
    await noWordLost([page, tab], id, ['ThirdFromA', 'FourthFromB']);
    // Each tab's text box still holds its own item, and no part was changed twice.
    await expect(body(page)).toHaveValue(/ThirdFromA$/);
    await expect(body(tab)).toHaveValue(/FourthFromB$/);
    for (const t of [page, tab]) await expect(t.getByTestId('merge-status')).toBeHidden();
    expect((await storedIssue(page, id))!.markdown).not.toContain(OURS_MARK);

    // And again, one after the other, each on top of the other's.
    await appendToBody(tab, 'FourthAgain');
    await expectSaved(tab);
    await appendToBody(page, 'ThirdAgain');
    await noWordLost([page, tab], id, ['ThirdFromAThirdAgain', 'FourthFromBFourthAgain']);
    expect(errors).toEqual([]);
  });

  test('the same item in both tabs: both versions are kept, marked, and the status bar says so', async ({ page }) => {
    // The clock (one for the whole browser context) is paused so the second tab's change
    // waits unsaved while the first tab saves at once (opening the drafts panel saves).
    await page.context().clock.install();
    const id = await storedDraft(page, 'Shared');
    const { tab, errors } = await anotherTab(page);
    await expect(body(tab)).toHaveValue(/Shared$/);
    await page.context().clock.pauseAt((await page.evaluate(() => Date.now())) + 1000);
    await appendToBody(tab, 'FromB');
    await appendToBody(page, 'FromA');
    await page.getByTestId('drafts').click();
    await expectSaved(page);
    await page.getByTestId('drafts-close').click();

    // The second tab merged the first one's save: both texts, marked; its own unsaved
    // change is saved as soon as its clock runs.
    await expect(tab.getByTestId('preview')).toContainText('SharedFromA');
    await expect(tab.getByTestId('preview')).toContainText('SharedFromB');
    await expect(tab.getByTestId('merge-status')).toBeVisible();
    await expect(tab.getByTestId('merge-status')).toContainText('两个版本都已保留');
    await expect(body(tab)).toHaveValue(new RegExp(`^${OURS_MARK}[\\s\\S]*SharedFromB[\\s\\S]*${THEIRS_MARK}[\\s\\S]*SharedFromA$`));
    await page.context().clock.resume();
    await noWordLost([page, tab], id, ['SharedFromA', 'SharedFromB', OURS_MARK, THEIRS_MARK]);
    // The other tab's version, which the merged save replaced in storage, is among the
    // draft's saved versions.
    const snapshots = JSON.parse((await storage(page))[`jianbao:snapshots:${id}`]).list as { markdown: string }[];
    expect(snapshots.some((s) => s.markdown.includes('SharedFromA') && !s.markdown.includes('SharedFromB'))).toBe(true);

    // Dismissed, the note goes; the marked text stays until the user edits it.
    await tab.getByTestId('merge-status-close').click();
    await expect(tab.getByTestId('merge-status')).toBeHidden();
    expect(errors).toEqual([]);
  });

  test('typing in both within the same 400 ms, again and again: nothing is lost', async ({ page }) => {
    const id = await storedDraft(page, 'Race');
    const { tab, errors } = await anotherTab(page);
    await selectItem(tab, THIRD_ITEM);
    const words: string[] = [];
    for (let round = 1; round <= 4; round++) {
      // Both tabs' debounced saves fall due within a few milliseconds of each other.
      const a = `RaceA${round}x`;
      const b = `RaceB${round}x`;
      await Promise.all([appendToBody(page, a), appendToBody(tab, b)]);
      words.push(a, b);
      await noWordLost([page, tab], id, words);
    }
    // The same item too.
    await selectItem(tab, (await page.getByTestId('item-title').inputValue()));
    await Promise.all([appendToBody(page, 'SameA'), appendToBody(tab, 'SameB')]);
    words.push('SameA', 'SameB');
    await noWordLost([page, tab], id, words);
    expect(errors).toEqual([]);
  });

  test('a tab that was hidden and frozen catches up without losing its words or the others', async ({ page }) => {
    const id = await storedDraft(page, 'Awake');
    const { tab, errors } = await anotherTab(page);
    await selectItem(tab, THIRD_ITEM);
    await appendToBody(tab, 'BeforeHiding');
    // The tab is hidden: it saves what is pending at once.
    await tab.evaluate(() => {
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
      document.dispatchEvent(new Event('visibilitychange'));
    });
    await expectSaved(tab);
    // Then frozen, as a background tab is: no timers, no events.
    const cdp = await page.context().newCDPSession(tab);
    await cdp.send('Page.setWebLifecycleState', { state: 'frozen' });
    await appendToBody(page, 'WhileHidden1');
    await expectSaved(page);
    await appendToBody(page, 'WhileHidden2');
    await expectSaved(page);
    await cdp.send('Page.setWebLifecycleState', { state: 'active' });
    await tab.evaluate(() => {
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'visible' });
      document.dispatchEvent(new Event('visibilitychange'));
    });
    // Back, it types at once: whether or not it heard of the saves meanwhile, its save
    // merges them rather than writing over them.
    await appendToBody(tab, 'AfterWaking');
    await noWordLost([page, tab], id, ['AwakeWhileHidden1WhileHidden2', 'BeforeHidingAfterWaking']);
    expect(errors).toEqual([]);
  });

  test('a tab opened before the first save ends on the same draft as the first, no word lost', async ({ page }) => {
    await openApp(page);
    const { tab, errors } = await anotherTab(page);
    // Neither tab has saved: each holds the sample, not stored yet, under the same id.
    expect(Object.keys(await storage(page)).filter((k) => k.startsWith('jianbao:issue:'))).toEqual([]);
    await appendToBody(page, 'FirstSaveInA');
    await expectSaved(page);
    await selectItem(tab, THIRD_ITEM);
    await appendToBody(tab, 'ThenB');
    await expectSaved(tab);
    await appendToBody(page, 'MoreInA');
    const id = await currentId(page);
    await noWordLost([page, tab], id, ['FirstSaveInAMoreInA', 'ThenB']);
    // One draft, not two: both tabs write the same record.
    expect(Object.keys(await storage(page)).filter((k) => k.startsWith('jianbao:issue:'))).toEqual([
      `jianbao:issue:${id}`,
    ]);
    const again = await page.context().newPage();
    await openApp(again);
    await again.getByTestId('drafts').click();
    await expect(again.getByTestId('draft-row')).toHaveCount(1);
    expect(errors).toEqual([]);
  });

  test('two tabs opened before the first save type at the same time: one draft keeps both', async ({ page }) => {
    await openApp(page);
    const { tab, errors } = await anotherTab(page);
    // Both type before either has saved (within the autosave's 400 ms).
    await appendToBody(page, 'EarlyA');
    await selectItem(tab, THIRD_ITEM);
    await appendToBody(tab, 'EarlyB');
    await expectSaved(page);
    const id = await currentId(page);
    await noWordLost([page, tab], id, ['EarlyA', 'EarlyB']);
    expect(Object.keys(await storage(page)).filter((k) => k.startsWith('jianbao:issue:'))).toEqual([
      `jianbao:issue:${id}`,
    ]);
    expect(errors).toEqual([]);
  });

  test('three tabs: different items, then one item in all three', async ({ page }) => {
    const id = await storedDraft(page, 'Three');
    const second = await anotherTab(page);
    const third = await anotherTab(page);
    const [b, c] = [second.tab, third.tab];
    await selectItem(b, THIRD_ITEM);
    await selectItem(c, FOURTH_ITEM);
    await Promise.all([appendToBody(page, 'OneA'), appendToBody(b, 'OneB'), appendToBody(c, 'OneC')]);
    await noWordLost([page, b, c], id, ['ThreeOneA', 'OneB', 'OneC']);

    for (const t of [b, c]) await selectItem(t, THIRD_ITEM);
    await selectItem(page, THIRD_ITEM);
    await Promise.all([appendToBody(page, 'TwoA'), appendToBody(b, 'TwoB'), appendToBody(c, 'TwoC')]);
    await noWordLost([page, b, c], id, ['ThreeOneA', 'OneB', 'OneC', 'TwoA', 'TwoB', 'TwoC']);
    expect(second.errors).toEqual([]);
    expect(third.errors).toEqual([]);
  });

  test('two tabs writing at the same moment: the write left on top is merged, and the merge saved newer', async ({
    page,
  }) => {
    // localStorage has no lock across tabs, and each tab's renderer sees another's write a
    // moment later: two saves at once can leave the other tab's write on top. Its outcome
    // is planted here as that other tab's raw write.
    const id = await storedDraft(page, 'Shared');
    const { tab, errors } = await anotherTab(page);
    await appendToBody(tab, 'TabWords');
    await expectSaved(tab);
    await expect(page.getByTestId('preview')).toContainText('SharedTabWords');
    const mine = (await storedIssue(tab, id))!;

    // The same revision with another text: a tab that started from the version before.
    const other = { ...mine, markdown: mine.markdown.replace('SharedTabWords', 'SharedOtherWords') };
    await page.evaluate(({ key, value }) => localStorage.setItem(key, value), {
      key: `jianbao:issue:${id}`,
      value: JSON.stringify(other),
    });
    await expect.poll(async () => (await storedIssue(tab, id))!.revision).toBe(mine.revision + 1);
    await expect(tab.getByTestId('merge-status')).toBeVisible();
    await noWordLost([tab, page], id, ['SharedTabWords', 'SharedOtherWords']);

    // An older revision written over the newer save, holding a word of its own.
    const merged = (await storedIssue(tab, id))!;
    const old = { ...merged, revision: 1, markdown: merged.markdown.replace(FOURTH_ITEM, `${FOURTH_ITEM}OldCopyWords`) };
    expect(old.markdown).toContain('OldCopyWords');
    await page.evaluate(({ key, value }) => localStorage.setItem(key, value), {
      key: `jianbao:issue:${id}`,
      value: JSON.stringify(old),
    });
    await expect.poll(async () => (await storedIssue(tab, id))!.revision).toBeGreaterThan(merged.revision);
    await noWordLost([tab, page], id, ['SharedTabWords', 'SharedOtherWords', 'OldCopyWords']);
    expect(errors).toEqual([]);
  });
});
