import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { appendToBody, body, currentId, expectSaved, openApp, storedIssue, selectItem, THIRD_ITEM } from './drafts-helpers';

async function two(page: Page) {
  await openApp(page);
  await appendToBody(page, 'Start');
  await expectSaved(page);
  const id = await currentId(page);
  const tab = await page.context().newPage();
  await openApp(tab);
  return { id, tab };
}

test('focus kept in B, typed right away', async ({ page }) => {
  const { id, tab } = await two(page);
  await body(tab).click();
  await body(tab).press('ControlOrMeta+End');
  await body(page).click();
  await body(page).press('ControlOrMeta+End');
  await body(page).pressSequentially('AAA', { delay: 30 });
  await expectSaved(page);
  await expect(body(tab)).toHaveValue(/StartAAA$/);
  await tab.bringToFront();
  await tab.keyboard.type('BBB', { delay: 30 });
  await expectSaved(tab);
  await page.waitForTimeout(1000);
  console.log('stored', JSON.stringify((await storedIssue(page, id))!.markdown.match(/Start[A-Za-z0-9]*/g)));
  console.log('A body', JSON.stringify((await body(page).inputValue()).slice(-30)));
  console.log('B body', JSON.stringify((await body(tab).inputValue()).slice(-30)));
});

test('B on another item, then chooses item 1', async ({ page }) => {
  const { id, tab } = await two(page);
  await selectItem(tab, THIRD_ITEM);
  await body(page).click();
  await body(page).press('ControlOrMeta+End');
  await body(page).pressSequentially('AAA', { delay: 30 });
  await expectSaved(page);
  await tab.bringToFront();
  await tab.getByTestId('outline-item').first().getByRole('button').click();
  await body(tab).click();
  await body(tab).press('ControlOrMeta+End');
  await tab.keyboard.type('BBB', { delay: 30 });
  await expectSaved(tab);
  await page.waitForTimeout(1000);
  console.log('stored', JSON.stringify((await storedIssue(page, id))!.markdown.match(/Start[A-Za-z0-9]*/g)));
  console.log('A body', JSON.stringify((await body(page).inputValue()).slice(-30)));
  console.log('B body', JSON.stringify((await body(tab).inputValue()).slice(-30)));
});

test('B had typed before', async ({ page }) => {
  const { id, tab } = await two(page);
  await body(tab).click();
  await body(tab).press('ControlOrMeta+End');
  await tab.keyboard.type('b0', { delay: 30 });
  await expectSaved(tab);
  await expect(body(page)).toHaveValue(/Startb0$/);
  await body(page).click();
  await body(page).press('ControlOrMeta+End');
  await body(page).pressSequentially('AAA', { delay: 30 });
  await expectSaved(page);
  await expect(body(tab)).toHaveValue(/Startb0AAA$/);
  await body(tab).click();
  await body(tab).press('ControlOrMeta+End');
  await tab.keyboard.type('BBB', { delay: 30 });
  await expectSaved(tab);
  await page.waitForTimeout(1000);
  console.log('stored', JSON.stringify((await storedIssue(page, id))!.markdown.match(/Start[A-Za-z0-9]*/g)));
  console.log('A body', JSON.stringify((await body(page).inputValue()).slice(-30)));
  console.log('B body', JSON.stringify((await body(tab).inputValue()).slice(-30)));
});
