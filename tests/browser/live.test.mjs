// Browser tests of the "new briefings" notice (web/page/live.js): `briefings serve --watch`
// on a temp folder, the page open in headless Debian chromium, briefings saved into the
// folder while it looks. Every wait is bounded. Run: tests/browser/run.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FIXTURES } from './fixtures.mjs';
import { WAIT, TEST_TIMEOUT, openBrowser, startServer, stopServer } from './harness.mjs';

let work, docs, server, baseUrl, context, page, foreignRequests;

function briefing(headline, summary) {
  return `Date: 2026-03-09\n\n${headline}\n\n${summary}\n\nA second paragraph says more. (example.org)`;
}

// Saved as a browser saves a download: written beside the folder, then renamed into it.
function save(name, text) {
  const part = path.join(work, name + '.part');
  writeFileSync(part, text);
  renameSync(part, path.join(docs, name));
}

async function openPage(query) {
  await page.goto(baseUrl + (query ? '?q=' + encodeURIComponent(query) : ''));
  await page.waitForFunction(() => !document.querySelector('#results[aria-busy]') &&
    (/\d+ ms$/.test(document.querySelector('#status').textContent) ||
      !document.querySelector('#empty').hidden), null, { timeout: WAIT });
}

before(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'briefings-live-'));
  docs = path.join(work, 'briefings');
  mkdirSync(docs);
  for (const name of ['bedrock-agents.txt', 'bedrock-pricing.txt', 'rail-strike.txt']) {
    writeFileSync(path.join(docs, name), FIXTURES[name]);
  }
  const started = await startServer(path.join(work, 'db'), {
    extraArgs: ['--watch', docs], ready: (out) => /documents in the database/.test(out) });
  server = started.child;
  baseUrl = started.url;
  ({ context, page, foreignRequests } = await openBrowser(work, baseUrl));
}, { timeout: 120_000 });

after(async () => {
  if (context) await context.close().catch(() => {});
  if (server) await stopServer(server);
  if (work) rmSync(work, { recursive: true, force: true });
}, { timeout: 60_000 });

test('a briefing saved into the folder is offered above the results, and shown on click',
  { timeout: TEST_TIMEOUT }, async (t) => {
    await openPage('Bedrock');
    const before = await page.locator('#result-list .result h2').allTextContents();
    assert.equal(before.length, 2);
    assert.ok(await page.locator('#live-notice').isHidden());

    const saved = Date.now();
    save('bedrock-outage.txt', briefing('Bedrock outage hits dashboards',
      'Dashboards failed for an hour when Bedrock calls timed out. (theverge.com)'));
    await page.locator('#live-notice').waitFor({ state: 'visible', timeout: WAIT });
    const seconds = (Date.now() - saved) / 1000;
    t.diagnostic(`saved to notice: ${seconds.toFixed(2)} s`);
    assert.ok(seconds < 3, `the notice took ${seconds} s`);
    assert.equal(await page.locator('#live-button').textContent(), '1 new briefing: show');
    // Offered, not imposed: the list is as it was until the user asks.
    assert.deepEqual(await page.locator('#result-list .result h2').allTextContents(), before);

    await page.click('#live-button');
    await page.waitForFunction(() => document.querySelectorAll('#result-list .result').length === 3,
      null, { timeout: WAIT });
    assert.ok(await page.locator('#live-notice').isHidden());
    assert.ok((await page.locator('#result-list .result h2').allTextContents())
      .includes('Bedrock outage hits dashboards'));
  });

test('a briefing the search does not match is not offered', { timeout: TEST_TIMEOUT }, async () => {
  await openPage('Bedrock');
  save('tides.txt', briefing('Spring tides flood the harbour road',
    'The harbour road closed twice this week. (example.org)'));
  // Several polls pass (and the watcher commits) without a notice.
  await page.waitForTimeout(2000);
  assert.ok(await page.locator('#live-notice').isHidden());
});

test('the start page counts every new briefing; the notice works by keyboard',
  { timeout: TEST_TIMEOUT }, async () => {
    await openPage('');
    const intro = await page.locator('#empty h2').textContent();
    const count = Number(/Search (\d+) briefings/.exec(intro)[1]);
    save('ferry.txt', briefing('Night ferry returns to the island',
      'The night ferry runs again from Monday. (example.org)'));
    save('bridge.txt', briefing('Old bridge reopens to cyclists',
      'Cyclists may cross the old bridge again. (example.org)'));
    await page.waitForFunction(() => /^2 new briefings/.test(
      document.querySelector('#live-button').textContent), null, { timeout: WAIT });
    await page.focus('#live-button');
    await page.keyboard.press('Enter');
    await page.waitForFunction((n) => document.querySelector('#empty h2')?.textContent ===
      'Search ' + n + ' briefings', count + 2, { timeout: WAIT });
    assert.ok(await page.locator('#live-notice').isHidden());
  });

test('the notice made no request outside the page\'s origin', () => {
  assert.deepEqual(foreignRequests, []);
});
