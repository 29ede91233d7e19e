// Browser tests of saved searches on the page (web/page/saved.js): saving the search shown,
// seeing each saved search's count of new briefings grow when `briefings index` adds one,
// opening it (which marks them seen), its feed and removing it. Run by tests/browser/run.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { FIXTURES, XSS_HEADLINE } from './fixtures.mjs';
import { WAIT, TEST_TIMEOUT, servedIndex, openBrowser, indexFolder, runAxe } from './harness.mjs';

const SOME = ['bedrock-agents.txt', 'bedrock-pricing.txt', 'rail-strike.txt', 'xss.txt'];

let served, context, page, foreignRequests, dialogs;

async function savedList() {
  return (await (await fetch(served.baseUrl + 'api/saved')).json()).saved;
}

// The saved searches as the page lists them: [name, "N new" text].
async function shownList() {
  return page.locator('#saved-list li').evaluateAll((items) => items.map((li) => [
    li.querySelector('.saved-link').textContent, li.querySelector('.saved-new').textContent,
  ]));
}

async function waitForList(expected) {
  await page.waitForFunction((want) => JSON.stringify(Array.from(
    document.querySelectorAll('#saved-list li'),
    (li) => [li.querySelector('.saved-link').textContent, li.querySelector('.saved-new').textContent],
  )) === JSON.stringify(want), expected, { timeout: WAIT }).catch(async (err) => {
    throw new Error('saved list is ' + JSON.stringify(await shownList()) + ', not ' +
      JSON.stringify(expected) + ': ' + err.message);
  });
}

// Saves the search shown under `name` through the page's form.
async function saveAs(name) {
  await page.click('#save-open');
  await page.fill('#save-name', name);
  await page.click('#save-form button[type=submit]');
}

before(async () => {
  const fixtures = Object.fromEntries(SOME.map((name) => [name, FIXTURES[name]]));
  served = await servedIndex('briefings-saved-', fixtures);
  ({ context, page, foreignRequests, dialogs } = await openBrowser(served.work, served.baseUrl));
}, { timeout: 120_000 });

after(async () => {
  if (context) await context.close().catch(() => {});
  if (served) await served.remove();
}, { timeout: 60_000 });

test('a search saved on the page shows its new briefings after an index run', { timeout: TEST_TIMEOUT }, async () => {
  await page.goto(served.baseUrl);
  await page.waitForSelector('#saved-empty:not([hidden])');
  assert.ok(await page.locator('#save-open').isHidden(), 'nothing to save without a search');

  await page.goto(served.baseUrl + '?q=Bedrock&domain=cnbc.com');
  await page.waitForSelector('#result-list .result');
  await page.click('#save-open');
  assert.equal(await page.inputValue('#save-name'), 'bedrock', 'a name offered from the query');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'save-name');
  await page.fill('#save-name', 'bedrock-news');
  await page.keyboard.press('Enter');
  await waitForList([['bedrock-news', 'none new']]);
  assert.match(await page.locator('#saved-message').textContent(), /Saved “bedrock-news”/);
  const [saved] = await savedList();
  assert.deepEqual([saved.query, saved.domains, saved.new], ['Bedrock', ['cnbc.com'], 0]);
  assert.equal(await page.locator('#saved-list .saved-feed').getAttribute('href'),
    '/feeds/bedrock-news.atom');
  const feed = await fetch(new URL('/feeds/bedrock-news.atom', served.baseUrl));
  assert.equal(feed.status, 200);

  // A briefing saved and indexed while the page is open: the count grows when the page looks
  // again (it does when it comes back into view, and every minute).
  writeFileSync(path.join(served.docs, 'bedrock-outage.txt'), FIXTURES['bedrock-outage.txt']);
  indexFolder(served.db, served.docs);
  await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
  await waitForList([['bedrock-news', '1 new']]);
  assert.deepEqual(await runAxe(page), [], 'saved list with a new count');

  // Opening it shows the search and marks its new briefings seen.
  await page.goto(served.baseUrl);
  await waitForList([['bedrock-news', '1 new']]);
  await page.click('#saved-list .saved-link');
  await page.waitForFunction(() => new URLSearchParams(location.search).get('q') === 'Bedrock' &&
    new URLSearchParams(location.search).get('domain') === 'cnbc.com' &&
    document.querySelectorAll('#result-list .result').length >= 3, null, { timeout: WAIT });
  await waitForList([['bedrock-news', 'none new']]);
  assert.equal((await savedList())[0].new, 0);
});

test('the page says why a name is refused, and removes a saved search', { timeout: TEST_TIMEOUT }, async () => {
  await page.goto(served.baseUrl + '?q=rail');
  await page.waitForSelector('#result-list .result');
  await saveAs('search');
  await page.waitForFunction(() => /Not saved: name 'search' is reserved/.test(
    document.querySelector('#saved-message').textContent), null, { timeout: WAIT });
  assert.ok(await page.locator('#save-form').isVisible(), 'the form stays open to fix the name');
  assert.deepEqual(await runAxe(page), [], 'the form open, with a message');
  await page.fill('#save-name', 'bedrock-news');
  await page.click('#save-form button[type=submit]');
  await page.waitForFunction(() => /already a saved search/.test(
    document.querySelector('#saved-message').textContent), null, { timeout: WAIT });
  await page.fill('#save-name', 'rail');
  await page.click('#save-form button[type=submit]');
  await waitForList([['bedrock-news', 'none new'], ['rail', 'none new']]);

  await page.getByRole('button', { name: 'Remove the saved search bedrock-news' }).click();
  await waitForList([['rail', 'none new']]);
  assert.deepEqual((await savedList()).map((s) => s.name), ['rail']);
});

test('a saved query made of markup is shown as text and runs nothing', { timeout: TEST_TIMEOUT }, async () => {
  await page.goto(served.baseUrl + '?q=' + encodeURIComponent(XSS_HEADLINE));
  await page.waitForFunction(() => !document.querySelector('#results[aria-busy]') &&
    (/\d+ ms$/.test(document.querySelector('#status').textContent) ||
      !document.querySelector('#empty').hidden), null, { timeout: WAIT });
  await saveAs('markup');
  await waitForList([['rail', 'none new'], ['markup', 'none new']]);
  assert.equal(await page.locator('#saved-list a[data-name=markup]').getAttribute('title'),
    XSS_HEADLINE);
  assert.equal(await page.locator('#saved img').count(), 0);
  await page.waitForTimeout(300);  // give a would-be onerror handler time to fire
  assert.deepEqual(dialogs, []);
});

test('the saved searches made no request outside the page origin', () => {
  assert.deepEqual(foreignRequests, []);
  assert.deepEqual(dialogs, []);
});
