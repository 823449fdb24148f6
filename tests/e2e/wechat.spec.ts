// 公众号 articles pasted into the paste dialog (issue 22, point 1), at 1366×768: as text
// copied from the browser and as HTML from the 公众号 page. Our own sample articles. The
// title and the sources are found, the page's lines are moved out and listed (never lost),
// and 放回正文 puts them back. `jianbao clean` runs the same core (tests/cli_clean.rs).

import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { openEditor, preview } from './editor-helpers';

test.use({ viewport: { width: 1366, height: 768 } });

const TITLE = '南湖区科协举办2024年科技活动周启动仪式';

const WECHAT_TEXT = [
  '🔥南湖区科协举办2024年科技活动周启动仪式🎉',
  '',
  '原创 南湖区科协 南湖科协 2024年4月3日 17:30 浙江',
  '',
  '点击蓝字关注我们',
  '',
  '4月2日，南湖区2024年科技活动周启动仪式在区科技馆举行，来自全区的200余名中小学生参加了活动',
  '',
  '活动现场设置了机器人表演、科学实验秀等12个展位。',
  '',
  '来源：南湖区科协科普部',
  '',
  '编辑：张小明  审核：李华',
  '',
  'END',
  '',
  '阅读原文',
  '阅读 1052',
  '分享 收藏 在看 23',
].join('\n');

const WECHAT_HTML = `<h1 class="rich_media_title">🔥南湖区科协举办2024年科技活动周启动仪式🎉</h1>
<div id="meta_content"><span>原创</span> <span>南湖区科协</span> <a>南湖科协</a> <em>2024年4月3日 17:30</em> <em>浙江</em></div>
<div id="js_content"><section><p>点击蓝字关注我们</p>
<p>4月2日，南湖区2024年科技活动周启动仪式在区科技馆举行，来自全区的200余名中小学生参加了活动</p>
<p>活动现场设置了机器人表演、科学实验秀等12个展位。</p>
<p>来源：南湖区科协科普部</p><p>编辑：张小明 审核：李华</p><p>END</p></section></div>`;

async function pasteInto(page: Page, data: Record<string, string>): Promise<void> {
  await page.getByTestId('paste-input').evaluate((area, types) => {
    const transfer = new DataTransfer();
    for (const [type, value] of Object.entries(types)) transfer.setData(type, value);
    area.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }));
  }, data);
}

test.beforeEach(async ({ page }) => {
  await openEditor(page);
  await page.getByTestId('paste-submission').click();
  await expect(page.getByRole('dialog', { name: '粘贴来稿' })).toBeVisible();
});

for (const [door, data] of [
  ['text copied from the browser', { 'text/plain': WECHAT_TEXT }],
  ['HTML from the 公众号 page', { 'text/html': WECHAT_HTML, 'text/plain': WECHAT_TEXT }],
] as const) {
  test(`a 公众号 article as ${door} gives its title, paragraphs and sources`, async ({ page }) => {
    await pasteInto(page, data);
    const item = page.getByTestId('paste-preview');
    await expect(item.locator('h3.item-title')).toHaveText(TITLE);
    await expect(item.locator('p')).toHaveCount(2);
    await expect(item.locator('p').first()).toHaveText(/^4月2日，.*参加了活动$/);
    await expect(page.getByTestId('paste-sources')).toHaveText('南湖区科协科普部');
    // The page's lines are listed, not lost.
    const removed = page.getByTestId('paste-removed');
    await expect(removed).toContainText('点击蓝字关注我们');
    await expect(removed).toContainText('END');
    await expect(removed).toContainText('编辑：张小明');
    await expect(removed).toContainText('2024年4月3日');
    for (const gone of ['点击蓝字', 'END', '编辑：', '原创']) await expect(item).not.toContainText(gone);

    // Added, the item has its title and sources in the preview.
    await page.getByTestId('paste-confirm').click();
    const added = preview(page).locator('article.item', { hasText: TITLE });
    await expect(added.locator('h3.item-title')).toHaveText(TITLE);
    await expect(added.locator('.sources')).toHaveText('（南湖区科协科普部）');
  });
}

test('放回正文 puts the moved lines back into the text', async ({ page }) => {
  await pasteInto(page, { 'text/plain': WECHAT_TEXT });
  await expect(page.getByTestId('paste-removed')).toBeVisible();
  await page.getByRole('button', { name: '放回正文' }).click();
  await expect(page.getByTestId('paste-removed')).toHaveCount(0);
  await expect(page.getByTestId('paste-preview')).toContainText('点击蓝字关注我们');
  await expect(page.getByTestId('paste-preview')).toContainText('阅读原文');
});
