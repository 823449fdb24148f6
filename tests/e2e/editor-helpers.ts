// Shared helpers for the editor's end-to-end tests (tests/e2e/editor*.spec.ts).
//
// Every test starts from a fresh browser context, so localStorage is empty and the app
// opens the sample issue (src/core/sample.md). The constants below describe that issue;
// when the sample changes, change them here.

import type { Locator, Page } from '@playwright/test';
import { clickThroughReview, expect } from './fixtures';
import { readFile } from 'node:fs/promises';

/** The sample issue's bulletin name (报头). */
export const SAMPLE_TITLE = '科协工作简报';

/** The sample issue's issue line. */
export const SAMPLE_ISSUE_LINE = '2024年第3期（总第41期）';

/** The sample issue's date as the preview prints it. */
export const SAMPLE_DATE = '2024年3月15日';

/** The sample issue's items, in print order. */
export const SAMPLE_ITEMS = [
  '示例市科协召开2024年学会工作座谈会',
  '市植物保护学会开展春季田间技术指导',
  '市营养学会举办“健康饮食进家庭”科普讲座',
  '南湖区科协组织青少年走进科技馆',
  '“数字化转型中的青年力量”沙龙举办',
] as const;

/** The sample issue's section headings, as the preview prints them. */
export const SAMPLE_SECTIONS = ['【学会动态】', '【区科协动态】', '【基层组织动态】'] as const;

/** The sample issue's one sub-column. */
export const SAMPLE_COLUMN = '青年科技工作者沙龙';

/** Opens the editor on the sample issue and waits until it is fully shown. */
export async function openEditor(page: Page): Promise<void> {
  await page.goto('./');
  await expect(page.getByTestId('preview').locator('header.masthead')).toContainText(SAMPLE_TITLE);
  await expect(page.getByTestId('outline-item')).toHaveCount(SAMPLE_ITEMS.length);
}

/** The preview's root. */
export function preview(page: Page): Locator {
  return page.getByTestId('preview');
}

/** The titles of the preview's items (`article.item`), in document order. */
export async function previewTitles(page: Page): Promise<string[]> {
  return preview(page)
    .locator('article.item')
    .evaluateAll((items) => items.map((item) => item.querySelector('h3.item-title')?.textContent ?? ''));
}

/** The item titles of the preview's 目录提要 (`nav.toc`), in order, without column prefixes. */
export async function tocTitles(page: Page): Promise<string[]> {
  return preview(page)
    .locator('nav.toc li.toc-item a')
    .evaluateAll((links) => links.map((a) => (a.textContent ?? '').replace(/^青年科技工作者沙龙：/, '')));
}

/** The item titles shown in the outline, in order. */
export async function outlineTitles(page: Page): Promise<string[]> {
  return page
    .getByTestId('outline-item')
    .evaluateAll((rows) => rows.map((row) => row.querySelector('.outline-title')?.textContent ?? ''));
}

/** Waits until the preview, its 目录提要 and the outline all list `titles`, in that order. */
export async function expectOrder(page: Page, titles: readonly string[]): Promise<void> {
  await expect.poll(() => previewTitles(page), { message: 'article.item order in the preview' }).toEqual(titles);
  await expect.poll(() => tocTitles(page), { message: 'item order in the 目录提要' }).toEqual(titles);
  await expect.poll(() => outlineTitles(page), { message: 'item order in the outline' }).toEqual(titles);
}

/** The outline row (`[data-testid=outline-item]`) of the item with this exact title. */
export function outlineItem(page: Page, title: string): Locator {
  return page
    .getByTestId('outline-item')
    .filter({ has: page.locator('.outline-title', { hasText: new RegExp(`^${escapeRegExp(title)}$`) }) });
}

/** The preview's `article.item` whose title is exactly `title`. */
export function previewItem(page: Page, title: string): Locator {
  return preview(page)
    .locator('article.item')
    .filter({ has: page.locator('h3.item-title', { hasText: new RegExp(`^${escapeRegExp(title)}$`) }) });
}

/** Chooses an item in the outline and waits for its form. */
export async function selectItem(page: Page, title: string): Promise<void> {
  await outlineItem(page, title).getByRole('button').click();
  await expect(page.getByTestId('item-title')).toHaveValue(title);
}

/** The outline button that opens the masthead form (报头, or Masthead in English). */
export function mastheadButton(page: Page): Locator {
  return page.getByTestId('outline').getByRole('button', { name: /^(报头|Masthead)$/ });
}

/** The outline button that opens the footer form (报尾, or Footer in English). */
export function footerButton(page: Page): Locator {
  return page.getByTestId('outline').getByRole('button', { name: /^(报尾|Footer)$/ });
}

/** Opens the masthead form. */
export async function selectMasthead(page: Page): Promise<void> {
  await mastheadButton(page).click();
  await expect(page.getByTestId('masthead-title')).toBeVisible();
}

/** Opens the footer form. */
export async function selectFooter(page: Page): Promise<void> {
  await footerButton(page).click();
  await expect(page.getByTestId('footer-editor')).toBeVisible();
}

/** Clicks 导出 Markdown and returns the downloaded file's text. */
export async function exportMarkdown(page: Page): Promise<string> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-md').click()]);
  const failure = await download.failure();
  expect(failure, 'the Markdown download failed').toBeNull();
  const path = await download.path();
  return readFile(path, 'utf8');
}

/** Clicks 导出 HTML and returns the downloaded file's text. */
export async function exportHtml(page: Page): Promise<string> {
  const [download] = await Promise.all([page.waitForEvent('download'), clickThroughReview(page, 'export-html')]);
  expect(await download.failure(), 'the HTML download failed').toBeNull();
  return readFile(await download.path(), 'utf8');
}

/**
 * The exported file's bulletin and the preview's, each as the browser serialises it:
 * the exported HTML is parsed by the page's own DOMParser, so both sides go through the
 * same parser and serialiser. The file's `<style>` (in its head, not part of the
 * bulletin) is left out first: the page's policy would report it as a violation.
 */
export async function exportedAndPreviewed(page: Page): Promise<{ exported: string; previewed: string }> {
  const html = withoutStyle(await exportHtml(page));
  return page.evaluate((html) => {
    const exported = new DOMParser().parseFromString(html, 'text/html').querySelector('article.bulletin');
    const preview = document.querySelector('[data-testid=preview]');
    return { exported: exported?.outerHTML ?? '(no bulletin in the file)', previewed: preview?.innerHTML ?? '' };
  }, html);
}

/**
 * An exported file's text without its `<style>` element, to parse in the app's page: the
 * app's Content-Security-Policy forbids inline styles, and Chromium reports one even in a
 * document that DOMParser makes (the fixtures fail a test on any violation).
 */
export function withoutStyle(html: string): string {
  const stripped = html.replace(/<style>[\s\S]*?<\/style>/, '');
  expect(stripped, 'the exported file has its <style>').not.toBe(html);
  return stripped;
}

/** The whole visible state of the document: the preview's HTML and the outline's text. */
export async function snapshot(page: Page): Promise<string> {
  return page.evaluate(() => {
    const preview = document.querySelector('[data-testid=preview]');
    const outline = document.querySelector('[data-testid=outline]') as HTMLElement | null;
    return `${preview?.innerHTML ?? '(no preview)'}\n--- outline ---\n${outline?.innerText ?? '(no outline)'}`;
  });
}

/** The number shown by `[data-testid=char-count]`. */
export async function charCount(page: Page): Promise<number> {
  const text = (await page.getByTestId('char-count').textContent()) ?? '';
  const n = Number(text.trim());
  expect(Number.isInteger(n), `char-count shows a whole number, not ${JSON.stringify(text)}`).toBe(true);
  return n;
}

/** Characters as editors count them: everything but white space (src/core/count.rs). */
export function editorChars(text: string): number {
  return [...text].filter((c) => !/\s/u.test(c)).length;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
