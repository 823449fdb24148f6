// On-demand parts (src/ui/worker.rs) as the user sees them while they load: a part that
// takes longer than 200 ms says so in the status banner (正在加载…), and once it answers
// the banner says what was done; nothing waits silently. (The Word writer's slow load is
// in word-export.spec.ts.)

import { test, expect } from './fixtures';
import { openEditor, preview } from './editor-helpers';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// The service worker would answer from its cache, around the slowed route.
test.use({ serviceWorkers: 'block' });

test('a Word reader slow to load shows that it is loading, then the file is read', async ({ page, context }) => {
  await context.route('**/reader_worker_bg.wasm', async (route) => {
    await new Promise((done) => setTimeout(done, 1500));
    await route.continue();
  });
  await openEditor(page);
  await page.getByTestId('import-file').setInputFiles({
    name: 'plain.docx',
    mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    buffer: readFileSync(join('tests', 'fixtures', 'docx', 'plain.docx')),
  });
  const banner = page.locator('.banner[role="status"]');
  await expect(banner).toHaveText(/正在加载 Word 读取程序…/);
  // Once read, the submission waits in the Word 来稿 dialog for its section.
  await page.getByTestId('inbox-confirm').click();
  await expect(preview(page).locator('article.item h3.item-title', { hasText: '街道科协举办老年人智能手机培训班' })).toHaveCount(1);
  await expect(banner).toContainText('已从 Word 文件添加到');
  await expect(banner).not.toContainText('正在加载');
});
