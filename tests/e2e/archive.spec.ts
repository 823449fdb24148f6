// The year's work in the editor: publish three issues, find them by search, count them in
// 供稿统计, export the CSV and the archive file, and take an archive over in a new
// browser. The issues are our own short texts in the format's shape (docs/FORMAT.md).

import { test, expect } from './fixtures';
import type { Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { importText } from './export-helpers';

/** An issue of our own, numbered `number`, dated `date`, with items of these units. */
function issue(number: number, date: string, items: [string, string, string][]): string {
  const [y, m, d] = date.split('-').map(Number);
  let md = `# 科协工作简报\n\n${y}年第${number}期（总第${40 + number}期）\n\n示例市科协办公室\n\n${y}年${m}月${d}日\n\n## 【学会动态】\n\n`;
  for (const [title, body, sources] of items) {
    md += `### ${title}\n\n${body}\n\n（${sources}）\n\n`;
  }
  return md;
}

const ISSUES = [
  issue(1, '2024-01-12', [
    ['营养学会举办膳食讲座', '讲座围绕合理膳食展开，居民踊跃提问。', '市营养学会'],
    ['联合开展科普进校园', '两家单位联合走进三所小学，开展ＡＩ科普课。', '市营养学会、南湖区科协'],
  ]),
  issue(2, '2024-02-09', [['南湖区科协举办科技周', '科技周期间展出机器人作品四十件。', '南湖科协']]),
  issue(4, '2024-04-19', [['植保学会田间指导', '专家深入基地开展病虫害绿色防控指导。', '市植物保护学会']]),
];

/** Imports an issue as a new draft and publishes it, accepting the confirmation. */
async function importAndPublish(page: Page, name: string, markdown: string, title: string): Promise<void> {
  await importText(page, name, markdown);
  await expect(page.getByTestId('preview').locator('h3.item-title').first()).toHaveText(title);
  page.once('dialog', (dialog) => dialog.accept());
  await page.getByTestId('publish').click();
  const notice = page.locator('.banner', { hasText: '已发布并存入归档' });
  await expect(notice).toBeVisible();
  await notice.locator('.banner-close').click();
  await expect(notice).toHaveCount(0);
}

async function publishAll(page: Page): Promise<void> {
  await page.goto('./');
  await expect(page.getByTestId('outline-item').first()).toBeVisible();
  await importAndPublish(page, '第1期.md', ISSUES[0], '营养学会举办膳食讲座');
  await importAndPublish(page, '第2期.md', ISSUES[1], '南湖区科协举办科技周');
  await importAndPublish(page, '第4期.md', ISSUES[2], '植保学会田间指导');
}

test('three published issues are listed by year with the missing number flagged', async ({ page }) => {
  await publishAll(page);
  await page.getByTestId('archive').click();
  const panel = page.getByRole('dialog', { name: '归档、搜索与供稿统计' });
  await expect(panel).toBeVisible();
  await expect(panel.getByTestId('archived-issue')).toHaveCount(3);
  await expect(panel.getByTestId('archived-issue').first()).toContainText('第4期');
  await expect(panel.getByTestId('numbering-notes')).toHaveText('2024年：缺第3期');
  // Publishing the same text again is noticed, not duplicated.
  await page.getByTestId('archive-close').click();
  page.once('dialog', (dialog) => dialog.accept());
  await page.getByTestId('publish').click();
  await expect(page.getByRole('status').filter({ hasText: '这一版本已在归档中' })).toBeVisible();
});

test('search finds items across the archive with width folded and hits marked', async ({ page }) => {
  await publishAll(page);
  await page.getByTestId('archive').click();
  await page.getByRole('tab', { name: '搜索' }).click();
  const search = page.getByRole('searchbox', { name: '搜索归档与草稿' });
  await search.fill('膳食');
  const hits = page.getByTestId('search-hit');
  // In the archive and in the three drafts the imports made.
  await expect(hits.first()).toContainText('营养学会举办膳食讲座');
  await expect(hits.first().locator('mark').first()).toHaveText('膳食');
  await search.fill('ai 进校园');
  await expect(hits.first()).toContainText('联合开展科普进校园');
  await expect(hits.first().locator('mark', { hasText: 'ＡＩ' })).toHaveCount(1);
  await search.fill('没有这个词');
  await expect(page.getByRole('status').filter({ hasText: '没有找到' })).toBeVisible();
});

test('供稿统计 counts shared units for each, by quarter, and exports CSV for Excel', async ({ page }) => {
  await publishAll(page);
  await page.getByTestId('archive').click();
  await page.getByRole('tab', { name: '供稿统计' }).click();
  const table = page.getByTestId('stats-table-view');
  const row = (unit: string) => table.locator('tbody tr').filter({ has: page.getByRole('rowheader', { name: unit, exact: true }) });
  await expect(page.getByTestId('stats-summary')).toHaveText('共 3 期，采用稿件 4 条；其中 1 条由多个单位合作，分别计入各单位。');
  await expect(row('市营养学会').locator('td').first()).toHaveText('2');
  await expect(row('南湖区科协').locator('td').first()).toHaveText('1');
  // The alias list merges 南湖科协 into 南湖区科协.
  await page.getByRole('textbox', { name: /单位别名/ }).fill('南湖区科协 = 南湖科协');
  await page.getByRole('textbox', { name: /单位别名/ }).blur();
  await expect(row('南湖区科协').locator('td').first()).toHaveText('2');
  await expect(row('南湖科协')).toHaveCount(0);
  // By quarter, with a date range that leaves out April.
  await page.getByRole('combobox', { name: '按时间分列' }).selectOption('quarter');
  await page.getByLabel('截止日期').fill('2024-03-31');
  await page.getByLabel('截止日期').dispatchEvent('change');
  await expect(page.getByTestId('stats-summary')).toContainText('共 2 期，采用稿件 3 条');
  await expect(table.locator('thead th')).toHaveText(['供稿单位', '采用条数', '2024年第1季度']);
  await expect(page.locator('.stats-chart-box svg rect')).toHaveCount(2);
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId('stats-csv').click()]);
  expect(file.suggestedFilename()).toBe('供稿统计.csv');
  const csv = await readFile((await file.path())!, 'utf8');
  expect(csv.startsWith('\uFEFF')).toBe(true);
  expect(csv).toContain('市营养学会,2,1,2\r\n');
  expect(csv).toContain('南湖区科协,2,1,2\r\n');
  expect(csv).toContain('合计,3,1,3\r\n');
});

test('an archive file carries every published issue to a new browser', async ({ page, browser }) => {
  await publishAll(page);
  await page.getByTestId('archive').click();
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-archive').click()]);
  const text = await readFile((await file.path())!, 'utf8');
  expect(JSON.parse(text).issues).toHaveLength(3);

  const other = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  const fresh = await other.newPage();
  await fresh.goto('./');
  await fresh.getByTestId('archive').click();
  await fresh.getByTestId('import-archive').setInputFiles({ name: '简报归档.json', mimeType: 'application/json', buffer: Buffer.from(text) });
  await expect(fresh.getByRole('status').filter({ hasText: '新增 3' })).toBeVisible();
  await expect(fresh.getByTestId('archived-issue')).toHaveCount(3);
  // Importing it again adds nothing.
  await fresh.getByTestId('import-archive').setInputFiles({ name: '简报归档.json', mimeType: 'application/json', buffer: Buffer.from(text) });
  await expect(fresh.getByRole('status').filter({ hasText: '跳过 3' })).toBeVisible();
  await expect(fresh.getByTestId('archived-issue')).toHaveCount(3);
  // A file that is not an archive says so and changes nothing.
  await fresh.getByTestId('import-archive').setInputFiles({ name: 'x.json', mimeType: 'application/json', buffer: Buffer.from('{"format":"jianbao-backup","version":2}') });
  await expect(fresh.getByRole('status').filter({ hasText: '这不是简报归档文件' })).toBeVisible();
  await expect(fresh.getByTestId('archived-issue')).toHaveCount(3);
  await other.close();
});

test('opening a copy of a published issue makes a new draft and leaves the archive as it was', async ({ page }) => {
  await publishAll(page);
  await page.getByTestId('archive').click();
  await page.getByTestId('archived-issue').filter({ hasText: '第1期' }).getByRole('button', { name: '打开副本' }).click();
  await expect(page.getByRole('dialog', { name: '归档、搜索与供稿统计' })).toHaveCount(0);
  await expect(page.getByTestId('preview').locator('h3.item-title').first()).toHaveText('营养学会举办膳食讲座');
  await expect(page.getByRole('status').filter({ hasText: '归档中的原件不变' })).toBeVisible();
  await page.getByTestId('archive').click();
  await expect(page.getByTestId('archived-issue')).toHaveCount(3);
});

test('a submission that repeats a published item is flagged in the paste dialog', async ({ page }) => {
  await publishAll(page);
  await page.getByTestId('paste-submission').click();
  await expect(page.getByRole('dialog', { name: '粘贴来稿' })).toBeVisible();
  await page.getByTestId('paste-input').fill('南湖区科协举办科技周\n\n科技周期间展出机器人作品四十件！\n\n（南湖区科协）');
  await expect(page.getByTestId('paste-published')).toContainText('南湖区科协举办科技周');
  await expect(page.getByTestId('paste-published')).toContainText('2024年第2期');
  await page.getByTestId('paste-input').fill('一篇全新的稿件\n\n内容与归档中的任何一期都不同，讲的是别的事情。');
  await expect(page.getByTestId('paste-published')).toHaveCount(0);
});
