// Shared helpers for the drafts end-to-end tests (tests/e2e/drafts*.spec.ts): the stored
// format's keys, probes that record every localStorage write and every save status the
// page showed, and small actions (type into an item, open the drafts panel, download).
//
// The stored format (src/store/drafts.rs, src/store/parts.rs, src/store/records.rs):
//   jianbao:index                      the drafts index, {format:"jianbao-index", version:2, current, entries}
//   jianbao:issue:<id>                 one issue's head (version 3), written last: {format:"jianbao-issue", version:3,
//                                      id, revision, saved_at, open_item, parts:{rest, items:[[item id, name]]}, previous}
//                                      (version 2 kept the whole issue here: {..., version:2, markdown}; migrated on load)
//   jianbao:part:<id>:<name>           one part: an item's Markdown {format:"jianbao-item", version:3, markdown}
//                                      or the rest {format:"jianbao-rest", version:3, masthead, sections, footer}
//   jianbao:snapshots:<id>             its snapshots, {format:"jianbao-snapshots", version:2, list}
//   jianbao:unreadable:<time>:<key>    an unreadable record, kept aside untouched
//   jianbao:draft:current              the first release's single draft (version 1), migrated on start

import type { BrowserContext, Locator, Page } from '@playwright/test';
import { expect } from './fixtures';
import { readFile } from 'node:fs/promises';

export const INDEX_KEY = 'jianbao:index';
export const LEGACY_KEY = 'jianbao:draft:current';
export const UNREADABLE_PREFIX = 'jianbao:unreadable:';
export const issueKey = (id: string): string => `jianbao:issue:${id}`;
export const partPrefix = (id: string): string => `jianbao:part:${id}:`;
export const snapshotsKey = (id: string): string => `jianbao:snapshots:${id}`;

/** The save status's words (Chinese interface). */
export const SAVED = '已保存';
export const SAVING = '保存中…';
export const FAILED = '保存失败';

/** The sample issue's bulletin name, and its third and fourth items (print order). */
export const SAMPLE_TITLE = '科协工作简报';
export const THIRD_ITEM = '市营养学会举办“健康饮食进家庭”科普讲座';
export const FOURTH_ITEM = '南湖区科协组织青少年走进科技馆';

export type IssueRecord = {
  format: string;
  version: number;
  id: string;
  revision: number;
  saved_at: number;
  markdown: string;
  open_item: number | null;
};
export type Entry = { id: string; name: string; updated_at: number; deleted_at?: number | null };
export type Index = { format: string; version: number; current: string | null; entries: Entry[] };

/** One localStorage.setItem call the page made. */
export type Write = { key: string; length: number; time: number; ok: boolean; error?: string; value?: string };
/** What the probes saw: writes, save statuses in order, and input events. */
export type Probes = { writes: Write[]; statuses: { text: string; time: number }[]; inputs: number[] };

/**
 * Records, in every page of `target` from its next navigation on, each
 * `localStorage.setItem` (key, size, time, whether it threw; the value for issue keys),
 * each text the save status showed (a MutationObserver, so none is missed between two
 * polls), and the time of each `input` event. Read them with {@link probes}.
 */
export async function installProbes(target: Page | BrowserContext): Promise<void> {
  await target.addInitScript(() => {
    const log = { writes: [] as unknown[], statuses: [] as { text: string; time: number }[], inputs: [] as number[] };
    (window as unknown as { __jianbaoProbes: unknown }).__jianbaoProbes = log;
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = function (key: string, value: string) {
      const time = performance.now();
      const text = String(value);
      const stored = key.startsWith('jianbao:issue:') || key.startsWith('jianbao:part:');
      const keep = stored && text.length < 200_000 ? text : undefined;
      try {
        setItem.call(this, key, value);
        log.writes.push({ key, length: text.length, time, ok: true, value: keep });
      } catch (error) {
        log.writes.push({ key, length: text.length, time, ok: false, error: (error as Error).name });
        throw error;
      }
    };
    const record = () => {
      const status = document.querySelector('[data-testid=save-status]');
      if (!status) return;
      const text = status.textContent ?? '';
      if (log.statuses.at(-1)?.text !== text) log.statuses.push({ text, time: performance.now() });
    };
    new MutationObserver(record).observe(document, { subtree: true, childList: true, characterData: true });
    document.addEventListener('input', () => log.inputs.push(performance.now()), true);
  });
}

/** What the probes of {@link installProbes} have seen in this page so far. */
export async function probes(page: Page): Promise<Probes> {
  return page.evaluate(() => (window as unknown as { __jianbaoProbes: Probes }).__jianbaoProbes);
}

/** Opens the app (or reloads it) and waits until the preview and the save status show. */
export async function openApp(page: Page, path = './'): Promise<void> {
  await page.goto(path);
  await expect(page.getByTestId('preview').locator('header.masthead')).toBeVisible();
  await expect(page.getByTestId('save-status')).toBeVisible();
}

/** The open item's body field. */
export function body(page: Page): Locator {
  return page.getByTestId('item-body');
}

/** The save status in the status bar. */
export function saveStatus(page: Page): Locator {
  return page.getByTestId('save-status');
}

/** Waits until the save status reads 已保存. */
export async function expectSaved(page: Page): Promise<void> {
  await expect(saveStatus(page)).toHaveText(SAVED);
}

/**
 * Adds `text` at the end of the open item's body as one input event (like a paste or an
 * IME commit; works for CJK, which `keyboard.type` cannot type).
 */
export async function appendToBody(page: Page, text: string): Promise<void> {
  const field = body(page);
  await expect(field).toBeVisible();
  const before = await field.inputValue();
  await field.fill(before + text);
}

/** Chooses the item with this exact title in the outline and waits for its form. */
export async function selectItem(page: Page, title: string): Promise<void> {
  await page
    .getByTestId('outline-item')
    .filter({ has: page.locator('.outline-title', { hasText: title }) })
    .getByRole('button')
    .click();
  await expect(page.getByTestId('item-title')).toHaveValue(title);
}

/** Every key and value in this origin's localStorage. */
export async function storage(page: Page): Promise<Record<string, string>> {
  return page.evaluate(() => {
    const all: Record<string, string> = {};
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i)!;
      all[key] = localStorage.getItem(key)!;
    }
    return all;
  });
}

/** One raw stored value, or null. */
export async function raw(page: Page, key: string): Promise<string | null> {
  return page.evaluate((key) => localStorage.getItem(key), key);
}

/** The stored drafts index. */
export async function storedIndex(page: Page): Promise<Index> {
  const text = await raw(page, INDEX_KEY);
  expect(text, `${INDEX_KEY} is stored`).not.toBeNull();
  return JSON.parse(text!) as Index;
}

/** The id of the draft the index names as open. */
export async function currentId(page: Page): Promise<string> {
  const index = await storedIndex(page);
  expect(index.current, 'the index names the open draft').toBeTruthy();
  return index.current!;
}

/**
 * One stored issue as one record, as version 2 stored it (null when absent): a version 3
 * head's parts are put back together here as the app does (src/store/parts.rs, `assemble`).
 */
export async function storedIssue(page: Page, id: string): Promise<IssueRecord | null> {
  return page.evaluate(assembleStored, id);
}

/** Runs in the page: the stored issue `id` as one version 2 record, or null. */
export function assembleStored(id: string): IssueRecord | null {
  const text = localStorage.getItem(`jianbao:issue:${id}`);
  if (text === null) return null;
  const head = JSON.parse(text);
  if (head.version !== 3) return head as IssueRecord;
  const part = (name: string) => JSON.parse(localStorage.getItem(`jianbao:part:${id}:${name}`)!);
  const names = new Map<number, string>(head.parts.items);
  const item = (itemId: number): string => part(names.get(itemId)!).markdown;
  const rest = part(head.parts.rest);
  let markdown: string = rest.masthead;
  for (const section of rest.sections) {
    markdown += section.heading;
    for (const itemId of section.items) markdown += item(itemId);
    for (const column of section.columns) {
      markdown += column.heading;
      for (const itemId of column.items) {
        const piece = item(itemId);
        markdown += piece.startsWith('\n') ? '\n#' + piece.slice(1) : piece;
      }
    }
  }
  markdown += rest.footer;
  return {
    format: head.format,
    version: 2,
    id: head.id,
    revision: head.revision,
    saved_at: head.saved_at,
    markdown,
    open_item: head.open_item ?? null,
  };
}

/** Opens the drafts panel. */
export async function openDrafts(page: Page): Promise<Locator> {
  await page.getByTestId('drafts').click();
  const panel = page.getByTestId('drafts-panel');
  await expect(panel).toBeVisible();
  return panel;
}

/** Closes the drafts panel. */
export async function closeDrafts(page: Page): Promise<void> {
  await page.getByTestId('drafts-close').click();
  await expect(page.getByTestId('drafts-panel')).toBeHidden();
}

/** A live draft's row in the drafts panel, by (part of) its name. */
export function draftRow(page: Page, name: string | RegExp): Locator {
  return page.getByTestId('draft-row').filter({ has: page.locator('.draft-name', { hasText: name }) });
}

/** Clicks `button` and returns the download it starts: its suggested name and its text. */
export async function download(page: Page, button: Locator): Promise<{ name: string; text: string }> {
  const [file] = await Promise.all([page.waitForEvent('download'), button.click()]);
  expect(await file.failure(), 'the download failed').toBeNull();
  return { name: file.suggestedFilename(), text: await readFile((await file.path())!, 'utf8') };
}

/**
 * Fills this origin's localStorage with filler values (`filler:<n>`), halving their size
 * each time a write is refused, until not even one more character fits. Returns the
 * number of characters written. {@link clearFiller} removes them again.
 */
export async function fillStorage(page: Page): Promise<number> {
  return page.evaluate(() => {
    let size = 1 << 20;
    let written = 0;
    let n = 0;
    while (size >= 1) {
      try {
        localStorage.setItem(`filler:${n}`, 'x'.repeat(size));
        written += size;
        n += 1;
      } catch {
        size = Math.floor(size / 2);
      }
    }
    return written;
  });
}

/** Removes the filler values of {@link fillStorage}. */
export async function clearFiller(page: Page): Promise<void> {
  await page.evaluate(() => {
    for (const key of Object.keys(localStorage)) if (key.startsWith('filler:')) localStorage.removeItem(key);
  });
}

/** A v1 draft as the first release stored it under `jianbao:draft:current`. */
export function legacyDraft(markdown: string, revision = 7, savedAt = Date.UTC(2024, 2, 15)): string {
  return JSON.stringify({ format: 'jianbao-draft', version: 1, saved_at: savedAt, revision, markdown });
}

/** A small issue in the canonical Markdown format, with one item. */
export function issueMarkdown(title: string, itemTitle: string, text: string): string {
  return `# ${title}\n\n2024年第2期\n\n### ${itemTitle}\n\n${text}\n\n（某学会）\n`;
}
