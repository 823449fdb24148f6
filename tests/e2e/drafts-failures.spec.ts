// Drafts that are never lost, under failure: storage full, storage unavailable, unreadable
// or newer-version records planted before the app loads, two tabs on one issue (merging
// is tested in tabs.spec.ts), and a tab closed mid-typing. Each test shows the failure,
// the message the user gets, that nothing was lost, and the way back. Real Chromium, real localStorage (5 MiB of UTF-16 per origin).

import { test, expect } from './fixtures';
import type { Page } from '@playwright/test';
import {
  FAILED,
  INDEX_KEY,
  LEGACY_KEY,
  SAMPLE_TITLE,
  SAVED,
  UNREADABLE_PREFIX,
  appendToBody,
  body,
  clearFiller,
  closeDrafts,
  currentId,
  download,
  draftRow,
  expectSaved,
  fillStorage,
  installProbes,
  issueKey,
  partPrefix,
  issueMarkdown,
  openApp,
  openDrafts,
  probes,
  raw,
  saveStatus,
  snapshotsKey,
  storage,
  storedIssue,
} from './drafts-helpers';

/** The not-saving banner's words (Key::NotSaving). */
const NOT_SAVING = '浏览器存储不可用：修改不会被保存，请及时导出。';

test.describe('storage full', () => {
  test('a refused write keeps the text in memory and the stored copy intact, says so, and offers a file', async ({
    page,
    context,
  }) => {
    await installProbes(context);
    await openApp(page);
    await appendToBody(page, 'BeforeQuota');
    await expectSaved(page);
    const id = await currentId(page);
    const storedBefore = (await raw(page, issueKey(id)))!;
    const indexBefore = (await raw(page, INDEX_KEY))!;

    // Fill storage, then give back a little room: less than the next save needs.
    const filled = await fillStorage(page);
    const room = await page.evaluate(() => {
      for (const key of Object.keys(localStorage)) {
        if (key.startsWith('filler:') && localStorage.getItem(key)!.length < 1024) localStorage.removeItem(key);
      }
      let low = 0;
      let high = 1 << 16;
      while (high - low > 1) {
        const mid = Math.floor((low + high) / 2);
        try {
          localStorage.setItem('room', 'x'.repeat(mid));
          low = mid;
        } catch {
          high = mid;
        } finally {
          localStorage.removeItem('room');
        }
      }
      return low;
    });
    console.log(`quota: filled ${filled} UTF-16 units, left room for ${room}`);
    expect(room).toBeGreaterThan(0);
    expect(room).toBeLessThan(2048);

    const since = await page.evaluate(() => performance.now());
    const big = 'QuotaText' + '满'.repeat(20_000);
    await appendToBody(page, big);
    await expect(saveStatus(page)).toContainText(FAILED);
    await expect(saveStatus(page)).toContainText('浏览器存储空间已满');
    await body(page).press('ControlOrMeta+End');
    await body(page).pressSequentially('More');
    await expect(saveStatus(page)).toContainText(FAILED);

    // Never "saved" while the writes fail; each attempt was refused by the browser.
    const seen = await probes(page);
    const after = seen.statuses.filter((s) => s.time >= since).map((s) => s.text);
    expect(after, 'the statuses shown since storage filled up').not.toContain(SAVED);
    // (A save writes the changed item's part first: that is the write the browser refuses.)
    const attempts = seen.writes.filter(
      (w) => (w.key === issueKey(id) || w.key.startsWith(partPrefix(id))) && w.time >= since,
    );
    expect(attempts.length).toBeGreaterThan(0);
    expect(attempts.every((w) => !w.ok && w.error === 'QuotaExceededError')).toBe(true);

    // The text is on screen, the stored copy is the one from before.
    await expect(page.getByTestId('preview')).toContainText('BeforeQuotaQuotaText满满满');
    await expect(body(page)).toHaveValue(new RegExp(`${big}More$`));
    expect(await raw(page, issueKey(id))).toBe(storedBefore);
    expect(await raw(page, INDEX_KEY)).toBe(indexBefore);

    // The offered export gives the whole text.
    const file = await download(page, page.getByTestId('export-after-failure'));
    expect(file.name).toMatch(/\.md$/);
    expect(file.text).toContain(`BeforeQuota${big}More`);

    // Leaving the draft for another would lose the unsaved text: the editor asks first,
    // and declining keeps everything where it was.
    const asked: string[] = [];
    page.on('dialog', (dialog) => {
      asked.push(dialog.message());
      void dialog.dismiss();
    });
    await openDrafts(page);
    await page.getByTestId('new-draft').click();
    await expect.poll(() => asked.length).toBe(1);
    expect(asked[0]).toContain('未能保存的修改');
    await closeDrafts(page);
    await expect(body(page)).toHaveValue(new RegExp(`${big}More$`));
    expect(await currentId(page)).toBe(id);

    // Room again (cleared elsewhere), and the tab goes away before any other change: the
    // failed save is tried again on pagehide, and nothing is lost.
    await clearFiller(page);
    await page.goto('about:blank');
    await openApp(page);
    await expect(body(page)).toHaveValue(new RegExp(`BeforeQuota${big}More$`));
    expect((await storedIssue(page, id))!.markdown).toContain(`BeforeQuota${big}More`);

    // And it saves on as usual.
    await appendToBody(page, 'Recovered');
    await expectSaved(page);
    await expect(page.getByTestId('export-after-failure')).toBeHidden();
    expect((await storedIssue(page, id))!.markdown).toContain(`BeforeQuota${big}MoreRecovered`);
  });
});

test.describe('storage full of old snapshots', () => {
  test('the oldest snapshots make room for the text; each draft keeps its newest', async ({ page }) => {
    await page.clock.install();
    await openApp(page);
    // Draft A: four saves, two minutes apart, of 60,000 characters each: four snapshots.
    for (const mark of ['甲', '乙', '丙', '丁']) {
      await body(page).fill(mark.repeat(60_000));
      await expectSaved(page);
      await page.clock.fastForward('02:01');
    }
    const a = await currentId(page);
    const aRecord = await raw(page, issueKey(a));
    const aSnapshots = () => raw(page, snapshotsKey(a)).then((text) => JSON.parse(text!).list as { markdown: string }[]);
    expect(await aSnapshots()).toHaveLength(4);

    // Draft B, then storage filled to the brim.
    await openDrafts(page);
    await page.getByTestId('new-draft').click();
    await closeDrafts(page);
    await page.getByTestId('new-item').click();
    await appendToBody(page, 'B');
    await expectSaved(page);
    const b = await currentId(page);
    await fillStorage(page);

    // 100,000 characters need room that only A's older snapshots can give.
    await appendToBody(page, '新'.repeat(100_000));
    await expectSaved(page);
    expect((await storedIssue(page, b))!.markdown).toContain('B' + '新'.repeat(100_000));
    const left = await aSnapshots();
    expect(left.length).toBeGreaterThanOrEqual(1);
    expect(left.length).toBeLessThan(4);
    expect(left.at(-1)!.markdown, "A's newest snapshot is kept").toContain('丁'.repeat(60_000));
    expect(await raw(page, issueKey(a)), "A's record is untouched").toBe(aRecord);

    // When even every old snapshot would not make room, none is dropped for nothing.
    const snapshotsBefore = await raw(page, snapshotsKey(a));
    await fillStorage(page);
    await appendToBody(page, '巨'.repeat(400_000));
    await expect(saveStatus(page)).toContainText(FAILED);
    expect(await raw(page, snapshotsKey(a))).toBe(snapshotsBefore);
    expect((await storedIssue(page, b))!.markdown).not.toContain('巨');
  });
});

test.describe('storage unavailable', () => {
  test('a throwing localStorage getter: the editor works in memory under a visible banner', async ({ page }) => {
    await page.addInitScript(() => {
      Object.defineProperty(window, 'localStorage', {
        get() {
          throw new DOMException('denied', 'SecurityError');
        },
      });
    });
    await installProbes(page);
    await openApp(page);
    await expect(page.getByTestId('preview')).toContainText(SAMPLE_TITLE);
    const banner = page.getByRole('alert').filter({ hasText: NOT_SAVING });
    await expect(banner).toBeVisible();
    await expect(saveStatus(page)).toHaveText(NOT_SAVING);

    await appendToBody(page, 'InMemoryOnly');
    await expect(page.getByTestId('preview')).toContainText('InMemoryOnly');
    await page.getByTestId('undo').click();
    await expect(page.getByTestId('preview')).not.toContainText('InMemoryOnly');
    await page.getByTestId('redo').click();
    await expect(page.getByTestId('preview')).toContainText('InMemoryOnly');
    // Longer than the autosave debounce: the status must still say nothing is saved.
    await page.waitForTimeout(800);
    await expect(saveStatus(page)).toHaveText(NOT_SAVING);
    await expect(banner).toBeVisible();
    const statuses = (await probes(page)).statuses.map((s) => s.text);
    expect(statuses).not.toContain(SAVED);

    // The work can be taken away as a file.
    const file = await download(page, page.getByTestId('export-md'));
    expect(file.text).toContain('InMemoryOnly');

    // Starting the next issue would drop the in-memory one: the editor asks (after the
    // next-issue question), and declining keeps it.
    const asked: string[] = [];
    page.on('dialog', (dialog) => {
      asked.push(dialog.message());
      void (dialog.message().includes('下一期') ? dialog.accept() : dialog.dismiss());
    });
    await page.getByTestId('next-issue').click();
    await expect.poll(() => asked.length).toBe(2);
    expect(asked[1]).toContain('未能保存的修改');
    await expect(page.getByTestId('preview')).toContainText('InMemoryOnly');

    // The drafts panel opens without storage (no meter), and closes.
    const panel = await openDrafts(page);
    await expect(panel.getByTestId('storage-meter')).toHaveCount(0);
    await closeDrafts(page);
    await expect(page.getByTestId('preview')).toContainText('InMemoryOnly');
  });
});

/** A truncated issue record (cut mid-string). */
const TRUNCATED =
  '{"format":"jianbao-issue","version":2,"id":"dbad","revision":12,"saved_at":1710576000000,"markdown":"# 测试简报\\n\\n2024年第3期\\n\\n### 一篇';
/** An issue record with the right names and the wrong types. */
const WRONG_TYPES =
  '{"format":"jianbao-issue","version":2,"id":"dbad","revision":"twelve","saved_at":1710576000000,"markdown":["not","a","string"]}';
/** An issue record written by a newer version. */
const NEWER_ISSUE =
  '{"format":"jianbao-issue","version":9,"id":"dbad","revision":1,"saved_at":1900000000000,"payload":{"compressed":true}}';
/** A good issue, recovered when the index cannot be read. */
const GOOD_MARKDOWN = issueMarkdown('完好的简报', '完好的稿件', '这份草稿完好无损。');
const GOOD_ISSUE = JSON.stringify({
  format: 'jianbao-issue',
  version: 2,
  id: 'dgood',
  revision: 3,
  saved_at: 1710576000000,
  markdown: GOOD_MARKDOWN,
  open_item: 0,
});
const INDEX_OF_BAD = JSON.stringify({
  format: 'jianbao-index',
  version: 2,
  current: 'dbad',
  entries: [{ id: 'dbad', name: '坏草稿', updated_at: 1710576000000, deleted_at: null }],
});

type Case = {
  what: string;
  /** The key holding the unreadable record. */
  key: string;
  raw: string;
  /** Other records planted beside it. */
  beside: Record<string, string>;
  /** What the banner says is wrong. */
  says: string;
  /** Text the app opens with (the sample when nothing readable is left). */
  opens: string;
};

const CASES: Case[] = [
  { what: 'a truncated issue record', key: issueKey('dbad'), raw: TRUNCATED, beside: { [INDEX_KEY]: INDEX_OF_BAD }, says: '记录已损坏', opens: SAMPLE_TITLE },
  { what: 'an issue record with wrong types', key: issueKey('dbad'), raw: WRONG_TYPES, beside: { [INDEX_KEY]: INDEX_OF_BAD }, says: '记录已损坏', opens: SAMPLE_TITLE },
  { what: 'an issue record from a newer version', key: issueKey('dbad'), raw: NEWER_ISSUE, beside: { [INDEX_KEY]: INDEX_OF_BAD }, says: '更新版本', opens: SAMPLE_TITLE },
  {
    what: 'a truncated index',
    key: INDEX_KEY,
    raw: '{"format":"jianbao-index","version":2,"current":"dgood","entries":[{"id":"dgo',
    beside: { [issueKey('dgood')]: GOOD_ISSUE },
    says: '记录已损坏',
    opens: '这份草稿完好无损。',
  },
  {
    what: 'an index from a newer version',
    key: INDEX_KEY,
    raw: '{"format":"jianbao-index","version":3,"drafts":{"dgood":{"title":"完好的简报"}}}',
    beside: { [issueKey('dgood')]: GOOD_ISSUE },
    says: '更新版本',
    opens: '这份草稿完好无损。',
  },
  {
    what: 'a truncated version 1 draft',
    key: LEGACY_KEY,
    raw: '{"format":"jianbao-draft","version":1,"saved_at":1710489600000,"revision":7,"markdown":"# 测试',
    beside: {},
    says: '记录已损坏',
    opens: SAMPLE_TITLE,
  },
];

/** Empties storage, plants `records`, and reloads the app on them. */
async function plant(page: Page, records: Record<string, string>): Promise<void> {
  await openApp(page);
  await page.evaluate((records) => {
    localStorage.clear();
    for (const [key, value] of Object.entries(records)) localStorage.setItem(key, value);
  }, records);
  await openApp(page);
}

/** The keys under which an unreadable record from `key` was kept aside. */
async function keptAside(page: Page, key: string): Promise<[string, string][]> {
  return Object.entries(await storage(page)).filter(([k]) => k.startsWith(UNREADABLE_PREFIX) && k.endsWith(`:${key}`));
}

test.describe('unreadable records planted before load', () => {
  for (const c of CASES) {
    test(`${c.what}: the app opens, the record is kept aside untouched and reported, downloadable raw`, async ({
      page,
    }) => {
      await plant(page, { [c.key]: c.raw, ...c.beside });

      const banner = page.getByTestId('problems-banner');
      await expect(banner).toBeVisible();
      await expect(banner).toContainText(c.key);
      await expect(banner).toContainText(c.says);
      await expect(page.getByTestId('preview')).toContainText(c.opens);

      const kept = await keptAside(page, c.key);
      expect(kept, 'one copy kept aside').toHaveLength(1);
      expect(kept[0][1], 'the copy is the record, byte for byte').toBe(c.raw);
      await expect(banner).toContainText(kept[0][0]);
      if (c.key !== INDEX_KEY) expect(await raw(page, c.key), 'the record itself is not touched').toBe(c.raw);

      const file = await download(page, banner.getByTestId('download-raw'));
      expect(file.text).toBe(c.raw);

      // The editor works and saves, elsewhere.
      await appendToBody(page, 'StillWorks');
      await expectSaved(page);
      const id = await currentId(page);
      expect((await storedIssue(page, id))!.markdown).toContain('StillWorks');
      expect((await keptAside(page, c.key))[0][1]).toBe(c.raw);
      if (c.key !== INDEX_KEY) expect(await raw(page, c.key)).toBe(c.raw);

      // Reloading again neither loses nor multiplies the kept copy.
      await openApp(page);
      await expect(page.getByTestId('preview')).toContainText('StillWorks');
      expect(await keptAside(page, c.key)).toEqual(kept);
      if (c.key !== INDEX_KEY) expect(await raw(page, c.key)).toBe(c.raw);
    });
  }

  test('a newer-version record appearing under the open draft is kept aside and reported before the next save', async ({
    page,
  }) => {
    await openApp(page);
    await appendToBody(page, 'Mine');
    await expectSaved(page);
    const id = await currentId(page);
    const newer = NEWER_ISSUE.replace('"dbad"', JSON.stringify(id));
    // Written behind the editor's back (a newer editor version, say); no storage event
    // reaches the tab that wrote it, so this tab learns of it only when it saves.
    await page.evaluate(({ key, value }) => localStorage.setItem(key, value), { key: issueKey(id), value: newer });
    await appendToBody(page, 'More');
    await expectSaved(page);
    const banner = page.getByTestId('problems-banner');
    await expect(banner).toContainText(issueKey(id));
    await expect(banner).toContainText('更新版本');
    const kept = await keptAside(page, issueKey(id));
    expect(kept).toHaveLength(1);
    expect(kept[0][1]).toBe(newer);
    const file = await download(page, banner.getByTestId('download-raw'));
    expect(file.text).toBe(newer);
    expect((await storedIssue(page, id))!.markdown).toContain('MineMore');
  });

  test('storage full: an unreadable record that cannot be copied aside is left in place, never written', async ({
    page,
  }) => {
    await openApp(page);
    await page.evaluate(
      ({ records }) => {
        localStorage.clear();
        for (const [key, value] of Object.entries(records)) localStorage.setItem(key, value);
      },
      { records: { [INDEX_KEY]: INDEX_OF_BAD, [issueKey('dbad')]: TRUNCATED } },
    );
    await fillStorage(page);
    await openApp(page);
    const banner = page.getByTestId('problems-banner');
    await expect(banner).toContainText(issueKey('dbad'));
    await expect(banner).toContainText('记录已损坏');
    expect(await keptAside(page, issueKey('dbad'))).toEqual([]);
    expect(await raw(page, issueKey('dbad'))).toBe(TRUNCATED);
    const file = await download(page, banner.getByTestId('download-raw'));
    expect(file.text).toBe(TRUNCATED);
    // Room comes back; the record stays where it was, untouched, for this session.
    await clearFiller(page);
    await appendToBody(page, 'Elsewhere');
    await expectSaved(page);
    expect(await currentId(page)).not.toBe('dbad');
    expect(await raw(page, issueKey('dbad'))).toBe(TRUNCATED);
  });

  test('opening the unreadable draft from the list reports it and keeps the open one', async ({ page }) => {
    await plant(page, { [INDEX_KEY]: INDEX_OF_BAD, [issueKey('dbad')]: TRUNCATED });
    await expect(page.getByTestId('problems-banner')).toBeVisible();
    await page.getByTestId('problems-banner').getByRole('button', { name: '关闭' }).click();
    await appendToBody(page, 'OpenMeanwhile');
    await expectSaved(page);
    await openDrafts(page);
    await draftRow(page, '坏草稿').getByRole('button', { name: '打开' }).click();
    await expect(page.getByRole('status').filter({ hasText: '记录已损坏' })).toBeVisible();
    await expect(page.getByTestId('problems-banner')).toContainText(issueKey('dbad'));
    await closeDrafts(page);
    await expect(page.getByTestId('preview')).toContainText('OpenMeanwhile');
    expect(await raw(page, issueKey('dbad'))).toBe(TRUNCATED);
    expect(await keptAside(page, issueKey('dbad'))).toHaveLength(1);
  });
});

test.describe('two tabs on one issue', () => {
  /** Opens a second tab in the same browser, failing the test on its uncaught errors. */
  async function secondTab(page: Page): Promise<{ tab: Page; errors: Error[] }> {
    const tab = await page.context().newPage();
    const errors: Error[] = [];
    tab.on('pageerror', (error) => errors.push(error));
    await openApp(tab);
    return { tab, errors };
  }

  test('a save in one tab is loaded by the other when it has no unsaved changes', async ({ page }) => {
    await openApp(page);
    await appendToBody(page, 'TabOne');
    await expectSaved(page);
    const id = await currentId(page);
    const { tab, errors } = await secondTab(page);
    await expect(body(tab)).toHaveValue(/TabOne$/);

    await appendToBody(page, 'SavedInFirst');
    await expectSaved(page);
    await expect(tab.getByTestId('preview')).toContainText('TabOneSavedInFirst');
    await expect(body(tab)).toHaveValue(/TabOneSavedInFirst$/);
    await expect(tab.getByRole('status').filter({ hasText: '已载入另一个标签页刚保存的新版本' })).toBeVisible();
    await expect(tab.getByTestId('conflict-dialog')).toBeHidden();
    await expectSaved(tab);

    // And back: the second tab edits on top of it, the first one follows.
    await appendToBody(tab, 'ThenSecond');
    await expectSaved(tab);
    await expect(page.getByTestId('preview')).toContainText('TabOneSavedInFirstThenSecond');
    expect((await storedIssue(tab, id))!.markdown).toContain('TabOneSavedInFirstThenSecond');
    expect(errors).toEqual([]);
  });

  // Unsaved changes meeting another tab's save, and two tabs writing at the same
  // moment, are merged: see tabs.spec.ts.
});

test.describe('a tab closed mid-typing', () => {
  test('everything typed up to the close is there on reopening', async ({ page, context }) => {
    await openApp(page);
    await appendToBody(page, 'Start');
    await expectSaved(page);
    await body(page).press('ControlOrMeta+End');
    // About a second of typing, then a CJK phrase committed at once, then the tab closes.
    await body(page).pressSequentially('TypedRightUpToTheClose', { delay: 45 });
    await page.keyboard.insertText('关闭前最后输入的中文');
    await page.close();

    const again = await context.newPage();
    await openApp(again);
    await expect(body(again)).toHaveValue(/StartTypedRightUpToTheClose关闭前最后输入的中文$/);
    await expect(again.getByTestId('preview')).toContainText('StartTypedRightUpToTheClose关闭前最后输入的中文');
  });
});
