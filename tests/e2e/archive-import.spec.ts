// Filling the archive at once: several past issues picked together (Markdown, and a
// plain-text bulletin that the paste worker gives its structure) are each published, the
// numbering is checked across them, and picking them again adds nothing.

import { expect, test } from './fixtures';

/** An issue of our own in the format's shape, numbered `number`. */
function issue(number: number, month: number, title: string, unit: string): string {
  return `# 科协工作简报\n\n2023年第${number}期\n\n示例市科协办公室\n\n2023年${month}月5日\n\n## 【学会动态】\n\n### ${title}\n\n${title}的正文。\n\n（${unit}）\n`;
}

/** A plain-text bulletin, as one copied out of a PDF: no Markdown headings. */
const PLAIN = ['科协工作简报', '', '2023年第4期', '', '示例市科协办公室            2023年4月6日', '', '【学会动态】', '', '天文学会举办观星活动', '', '天文学会组织市民观星，讲解四季星空。', '', '（市天文学会）', ''].join('\n');

test('several past issues picked at once go into the archive, each once', async ({ page }) => {
  await page.goto('./');
  await expect(page.getByTestId('preview').locator('header.masthead')).toBeVisible();
  await page.getByTestId('archive').click();
  const files = [
    { name: '第1期.md', mimeType: 'text/markdown', buffer: Buffer.from(issue(1, 1, '营养学会举办讲座', '市营养学会')) },
    { name: '第2期.md', mimeType: 'text/markdown', buffer: Buffer.from(issue(2, 2, '植保学会田间指导', '市植物保护学会')) },
    { name: '第4期.txt', mimeType: 'text/plain', buffer: Buffer.from(PLAIN) },
  ];
  await page.getByTestId('import-issues').setInputFiles(files);
  await expect(page.getByRole('status').filter({ hasText: '新增 3' })).toBeVisible();
  await expect(page.getByTestId('archived-issue')).toHaveCount(3);
  await expect(page.getByTestId('numbering-notes')).toHaveText('2023年：缺第3期');
  // The plain-text bulletin was given its structure: its item is found by search.
  await page.getByRole('tab', { name: '搜索' }).click();
  await page.getByRole('searchbox', { name: '搜索归档与草稿' }).fill('观星');
  await expect(page.getByTestId('search-hit').first()).toContainText('天文学会举办观星活动');
  // The same files again: nothing new.
  await page.getByRole('tab', { name: '已发布' }).click();
  await page.getByTestId('import-issues').setInputFiles(files);
  await expect(page.getByRole('status').filter({ hasText: '跳过 3' })).toBeVisible();
  await expect(page.getByTestId('archived-issue')).toHaveCount(3);
});

/** The units of each item of eight issues, for the picture of 供稿统计: units that send
 * more and less, and one item two units wrote together. */
const PLAN = [
  ['市营养学会', '南湖区科协'],
  ['市营养学会', '市植物保护学会', '北湖区科协'],
  ['市营养学会'],
  ['南湖区科协', '市营养学会、南湖区科协'],
  ['市天文学会', '市营养学会', '南湖区科协'],
  ['市植物保护学会'],
  ['市营养学会', '北湖区科协', '南湖区科协'],
  ['市植物保护学会', '市营养学会'],
];

/** Eight monthly issues of our own following [PLAN]. */
function yearOfIssues(): { name: string; mimeType: string; buffer: Buffer }[] {
  return PLAN.map((units, i) => {
    const month = i + 1;
    let md = `# 科协工作简报\n\n2024年第${month}期\n\n示例市科协办公室\n\n2024年${month}月8日\n\n## 【学会动态】\n\n`;
    units.forEach((unit, j) => {
      md += `### 第${month}期稿件${j + 1}\n\n${unit}开展科普活动。\n\n（${unit}）\n\n`;
    });
    return { name: `2024年第${month}期.md`, mimeType: 'text/markdown', buffer: Buffer.from(md) };
  });
}

test('供稿统计 of a year shows a bar per unit; the README picture is made from it', async ({ page }) => {
  await page.setViewportSize({ width: 1200, height: 1000 });
  await page.goto('./');
  await expect(page.getByTestId('preview').locator('header.masthead')).toBeVisible();
  await page.getByTestId('archive').click();
  await page.getByTestId('import-issues').setInputFiles(yearOfIssues());
  await expect(page.getByRole('status').filter({ hasText: '新增 8' })).toBeVisible();
  await page.getByRole('tab', { name: '供稿统计' }).click();
  await page.getByRole('combobox', { name: '按时间分列' }).selectOption('quarter');
  await expect(page.getByTestId('stats-summary')).toHaveText('共 8 期，采用稿件 17 条；其中 1 条由多个单位合作，分别计入各单位。');
  const row = (unit: string) => page.getByTestId('stats-table-view').locator('tbody tr').filter({ has: page.getByRole('rowheader', { name: unit, exact: true }) });
  await expect(row('市营养学会').locator('td')).toHaveText(['7', '3', '2', '2']);
  await expect(row('市天文学会').locator('td')).toHaveText(['1', '0', '1', '0']);
  await expect(page.locator('.stats-chart-box svg rect')).toHaveCount(5);
  await expect(page.getByTestId('stats-table-view').locator('thead th')).toHaveText(['供稿单位', '采用条数', '2024年第1季度', '2024年第2季度', '2024年第3季度']);
  // `JIANBAO_UPDATE_DOCS=1` writes the picture README shows; otherwise it goes to target/.
  const path = process.env.JIANBAO_UPDATE_DOCS === '1' ? 'docs/stats-page.png' : 'target/playwright/stats-page.png';
  await page.getByTestId('archive-panel').screenshot({ path });
});
