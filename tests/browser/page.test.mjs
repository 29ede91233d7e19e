// Browser tests of the search page: the real `briefings serve --port 0` on an index built in
// a temp dir, driven in headless Debian chromium by playwright-core (never downloads a
// browser). Every wait is bounded. Run: tests/browser/run (after building into build/).
//
// Environment: BRIEFINGS_BIN (default build/cli/briefings), CHROMIUM (default
// /usr/bin/chromium), SCREENSHOT_DIR (default build/), DOCS_SCREENSHOT (a path: also save the
// first results screenshot there).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { FIXTURES, XSS_HEADLINE } from './fixtures.mjs';
import { binary, launchBrowser, root, startServer, tearDown } from './harness.mjs';

const screenshotDir = process.env.SCREENSHOT_DIR || path.join(root, 'build');
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

const WAIT = 10_000;  // every single wait
const TEST_TIMEOUT = 60_000;

let work, server, baseUrl, context, page;
const foreignRequests = [];
const dialogs = [];

// The serious and critical accessibility violations axe-core finds on the page as it is.
async function runAxe() {
  await page.evaluate(axeSource);
  const result = await page.evaluate(() => window.axe.run(document, {
    resultTypes: ['violations'],
  }));
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => v.id + ': ' + v.nodes.map((n) => n.target.join(' ')).join('; '));
}

// What /api/search answers for `q`, as the page asks for it.
async function apiSearch(q) {
  return (await fetch(baseUrl + 'api/search?limit=20&q=' + encodeURIComponent(q))).json();
}

// The page after it has shown the answer to ?q=`q`.
async function openSearch(q) {
  await page.goto(baseUrl + '?q=' + encodeURIComponent(q));
  await page.waitForFunction(() => !document.querySelector('#results[aria-busy]') &&
    /\d+ ms$/.test(document.querySelector('#status').textContent), null, { timeout: WAIT });
}

async function resultHeadlines() {
  return page.locator('#result-list .result h2').allTextContents();
}

async function search(text) {
  await page.fill('#q', '');
  await page.type('#q', text, { delay: 20 });
  await page.waitForFunction(
    (q) => new URLSearchParams(location.search).get('q') === q &&
      !document.querySelector('#results[aria-busy]') &&
      (document.querySelectorAll('#result-list .result').length > 0 ||
        !document.querySelector('#empty').hidden),
    text, { timeout: WAIT });
}

before(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'briefings-browser-'));
  const docs = path.join(work, 'briefings');
  mkdirSync(docs);
  for (const [name, text] of Object.entries(FIXTURES)) writeFileSync(path.join(docs, name), text);
  const db = path.join(work, 'db');
  execFileSync(binary, ['index', '--db', db, '-q', docs], { timeout: 60_000, stdio: 'pipe' });
  const started = await startServer(['serve', '--db', db, '--port', '0', '--threads', '4'], WAIT);
  server = started.child;
  baseUrl = started.url;
  context = await launchBrowser(path.join(work, 'profile'), baseUrl, WAIT, foreignRequests);
  page = context.pages()[0] || await context.newPage();
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss().catch(() => {}); });
}, { timeout: 120_000 });

after(() => tearDown({ context, server, work }, WAIT), { timeout: 60_000 });

test('typing a query shows highlighted results and puts the query in the URL', { timeout: TEST_TIMEOUT }, async () => {
  await page.goto(baseUrl);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'q', 'search box focused on load');
  await search('Bedrock enterprise');
  const headlines = await resultHeadlines();
  assert.ok(headlines.length >= 3, 'results: ' + headlines.join(' | '));
  assert.ok(headlines.every((h) => /bedrock|enterprise/i.test(h)), headlines.join(' | '));
  const marks = await page.locator('#result-list mark').allTextContents();
  assert.ok(marks.some((m) => /bedrock/i.test(m)), 'marks: ' + marks.join(','));
  assert.ok(marks.some((m) => /enterprise/i.test(m)), 'marks: ' + marks.join(','));
  assert.match(await page.locator('#status').textContent(), /\d+ briefings?/);
  assert.match(page.url(), /[?&]q=Bedrock(\+|%20)enterprise/);
  assert.ok(await page.locator('#timeline svg [role=button]').count() >= 1, 'timeline bars');
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: path.join(screenshotDir, 'browser-results.png') });
  if (process.env.DOCS_SCREENSHOT) await page.screenshot({ path: process.env.DOCS_SCREENSHOT });
});

test('ticking a source narrows the list and the URL; back undoes it', { timeout: TEST_TIMEOUT }, async () => {
  await page.goto(baseUrl + '?q=Bedrock+enterprise');
  await page.waitForSelector('#result-list .result');
  const before = (await resultHeadlines()).length;
  const box = page.getByRole('checkbox', { name: /^theverge\.com/ });
  await box.check();
  await page.waitForFunction(() => location.search.includes('domain=theverge.com') &&
    !document.querySelector('#results[aria-busy]'), null, { timeout: WAIT });
  await page.waitForFunction((n) => document.querySelectorAll('#result-list .result').length < n,
    before, { timeout: WAIT });
  const chips = await page.locator('#result-list .result').evaluateAll(
    (items) => items.map((li) => Array.from(li.querySelectorAll('.chip')).map((c) => c.textContent)));
  assert.ok(chips.length >= 1);
  assert.ok(chips.every((hosts) => hosts.includes('theverge.com')), JSON.stringify(chips));
  assert.ok(await page.getByRole('checkbox', { name: /^theverge\.com/ }).isChecked());
  await page.goBack();
  await page.waitForFunction((n) => !location.search.includes('domain=') &&
    document.querySelectorAll('#result-list .result').length === n, before, { timeout: WAIT });
});

test('a result opens the whole briefing with marks and sources; back returns to the results', { timeout: TEST_TIMEOUT }, async () => {
  await page.goto(baseUrl + '?q=Bedrock+enterprise');
  await page.waitForSelector('#result-list .result');
  const before = await resultHeadlines();
  await page.locator('#result-list a.result-link').first().click();
  await page.waitForSelector('#briefing:not([hidden]) #b-body p');
  assert.match(page.url(), /[?&]id=/);
  assert.ok(await page.locator('#results').isHidden());
  assert.ok(await page.locator('#b-body mark').count() >= 1, 'matched words marked');
  assert.ok(await page.locator('#b-body .chip').count() >= 1, 'sentence sources shown');
  assert.ok(await page.locator('#b-hosts .chip').count() >= 1, 'all hosts listed');
  assert.ok((await page.locator('#b-paths li').first().textContent()).endsWith('.txt'));
  await page.goBack();
  await page.waitForSelector('#results:not([hidden]) #result-list .result');
  assert.deepEqual(await resultHeadlines(), before);
  assert.ok(!/[?&]id=/.test(page.url()));
});

test('a headline made of markup is shown as text and runs nothing', { timeout: TEST_TIMEOUT }, async () => {
  await page.goto(baseUrl + '?q=quokka');
  await page.waitForSelector('#result-list .result');
  const headline = await page.locator('#result-list .result h2').first().textContent();
  assert.equal(headline, XSS_HEADLINE);
  assert.equal(await page.locator('#result-list img').count(), 0);
  await page.locator('#result-list a.result-link').first().click();
  await page.waitForSelector('#briefing:not([hidden]) #b-body p');
  assert.equal(await page.locator('#b-headline').textContent(), XSS_HEADLINE);
  assert.equal(await page.locator('#briefing img').count(), 0);
  await page.waitForTimeout(300);  // give a would-be onerror handler time to fire
  assert.deepEqual(dialogs, []);
});

test('keyboard only: / focuses, arrows move, Enter opens, Escape goes back', { timeout: TEST_TIMEOUT }, async () => {
  await page.goto(baseUrl + '?q=rail');
  await page.waitForSelector('#result-list .result');
  await page.locator('body').click({ position: { x: 5, y: 400 } });
  await page.keyboard.press('/');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'q');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('Bedrock');
  await page.waitForFunction(() => new URLSearchParams(location.search).get('q') === 'Bedrock' &&
    !document.querySelector('#results[aria-busy]') &&
    document.querySelectorAll('#result-list .result').length >= 2, null, { timeout: WAIT });
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  const focused = await page.evaluate(() => document.activeElement.dataset.index);
  assert.equal(focused, '1');
  const title = await page.evaluate(() => document.activeElement.textContent);
  await page.keyboard.press('Enter');
  await page.waitForSelector('#briefing:not([hidden]) #b-body p');
  assert.equal(await page.locator('#b-headline').textContent(), title);
  await page.keyboard.press('Escape');
  await page.waitForSelector('#results:not([hidden]) #result-list .result');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), title,
    'focus returns to the opened result');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'q');
});

test('the timeline filters to a month; clear-all removes filters', { timeout: TEST_TIMEOUT }, async () => {
  await page.goto(baseUrl + '?q=Bedrock');
  await page.waitForSelector('#timeline svg [role=button]');
  const bar = page.locator('#timeline svg [role=button]').first();
  const label = await bar.getAttribute('aria-label');
  const month = label.slice(0, 7);
  await bar.click();
  await page.waitForFunction((m) => new URLSearchParams(location.search).get('since') === m &&
    new URLSearchParams(location.search).get('until') === m &&
    !document.querySelector('#results[aria-busy]'), month, { timeout: WAIT });
  const dates = await page.locator('#result-list time').evaluateAll((ts) => ts.map((t) => t.dateTime));
  assert.ok(dates.length >= 1 && dates.every((d) => d.startsWith(month)), dates.join(','));
  await page.click('#clear');
  await page.waitForFunction(() => !location.search.includes('since='), null, { timeout: WAIT });
});

test('a misspelt query offers "did you mean"', { timeout: TEST_TIMEOUT }, async (t) => {
  const api = await (await fetch(baseUrl + 'api/search?q=bedrok')).json();
  if (!JSON.stringify(api).includes('"bedrock"')) {
    t.skip('the index offers no spelling suggestion for "bedrok" (no spelling data)');
    return;
  }
  await page.goto(baseUrl + '?q=bedrok');
  await page.waitForSelector('#suggestion:not([hidden]) a');
  assert.equal(await page.locator('#suggestion a').textContent(), 'bedrock');
  await page.click('#suggestion a');
  await page.waitForFunction(() => new URLSearchParams(location.search).get('q') === 'bedrock' &&
    document.querySelectorAll('#result-list .result').length >= 3, null, { timeout: WAIT });
  assert.equal(await page.inputValue('#q'), 'bedrock');
});

// The page reads one field name per value of the server's JSON (searcher/json_output.h), so
// a field the server renames fails here: each value below is compared with the real answer.
test('every value of the search answer reaches the page', { timeout: TEST_TIMEOUT }, async () => {
  const api = await apiSearch('Bedrok pricing');
  assert.ok(api.results.length >= 2 && api.suggestion && api.relaxed, JSON.stringify(api));
  await openSearch('Bedrok pricing');
  assert.ok(await page.locator('#error').isHidden(), await page.locator('#error').textContent());
  assert.deepEqual(await resultHeadlines(), api.results.map((r) => r.headline));
  const items = await page.locator('#result-list .result').evaluateAll((lis) => lis.map((li) => ({
    id: li.querySelector('a.result-link').dataset.id,
    date: li.querySelector('time').dateTime,
    hosts: Array.from(li.querySelectorAll('.chip')).map((c) => c.textContent),
    snippet: li.querySelector('.snippet').textContent,
    missing: Array.from(li.querySelectorAll('.missing s')).map((m) => m.textContent),
  })));
  const plain = (html) => html.replace(/<\/?mark>/g, '').replace(/&amp;/g, '&');
  assert.deepEqual(items, api.results.map((r) => ({
    id: r.id, date: r.date, hosts: r.domains.slice(0, 8), snippet: plain(r.snippet_html),
    missing: r.missing,
  })));
  assert.match(await page.locator('#status').textContent(),
    new RegExp('^' + api.total + ' briefings \\(' + api.total_all_words + ' with every word\\) in '));
  assert.equal(await page.locator('#suggestion a').textContent(), api.suggestion);
  const sources = await page.locator('#domains .name').allTextContents();
  assert.deepEqual(sources, api.facets.domain.map((d) => d.value));
  const bars = await page.locator('#timeline svg [role=button]').count();
  assert.equal(bars, api.facets.month.filter((m) => m.count > 0).length);
});

test('did you mean: the changed words are emphasised, the link runs by keyboard', { timeout: TEST_TIMEOUT }, async () => {
  await openSearch('Bedrok pricing');
  await page.waitForSelector('#suggestion:not([hidden]) a');
  assert.equal(await page.locator('#suggestion a').textContent(), 'Bedrock pricing');
  assert.deepEqual(await page.locator('#suggestion a em').allTextContents(), ['Bedrock'],
    'only the corrected word is emphasised in the link');
  assert.equal(await page.locator('#suggestion .changes').textContent(), ' (Bedrok → Bedrock)');
  assert.deepEqual(await page.locator('#suggestion .changes em').allTextContents(), ['Bedrock']);
  assert.deepEqual(await runAxe(), [], 'suggestion shown');
  await page.locator('#suggestion a').focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => new URLSearchParams(location.search).get('q') === 'Bedrock pricing' &&
    !document.querySelector('#results[aria-busy]') &&
    document.querySelectorAll('#result-list .result').length >= 2, null, { timeout: WAIT });
  assert.equal(await page.inputValue('#q'), 'Bedrock pricing');
  assert.ok(await page.locator('#suggestion').isHidden());
});

test('a relaxed result counts the briefings with every word; a full one does not', { timeout: TEST_TIMEOUT }, async () => {
  await openSearch('enterprise funding');
  assert.match(await page.locator('#status').textContent(),
    /^4 briefings \(1 with every word\) in (<1|\d+) ms$/);
  const missing = await page.locator('#result-list .result').evaluateAll((lis) =>
    lis.map((li) => Array.from(li.querySelectorAll('.missing s')).map((s) => s.textContent)));
  assert.deepEqual(missing, [[], ['funding'], ['funding'], ['funding']]);
  await openSearch('market wrap');
  assert.match(await page.locator('#status').textContent(),
    /^Showing 20 of 26 briefings in (<1|\d+) ms$/);
});

test('a suggestion made of markup is shown as text', { timeout: TEST_TIMEOUT }, async () => {
  const markup = '<img src=x onerror=alert(1)>';
  await page.route('**/api/search**', async (route) => {
    const body = await (await route.fetch()).json();
    body.suggestion = markup + ' Bedrock pricing';
    body.corrections = [{ typed: markup, suggested: 'Bedrock' }];
    await route.fulfill({ json: body });
  });
  try {
    await openSearch('Bedrok pricing');
    await page.waitForSelector('#suggestion:not([hidden]) a');
    assert.equal(await page.locator('#suggestion a').textContent(), markup + ' Bedrock pricing');
    assert.equal(await page.locator('#suggestion .changes').textContent(), ' (' + markup + ' → Bedrock)');
    assert.equal(await page.locator('#suggestion img').count(), 0);
    await page.waitForTimeout(300);  // give a would-be onerror handler time to fire
    assert.deepEqual(dialogs, []);
  } finally {
    await page.unroute('**/api/search**');
  }
});

test('"More results" appends the next page', { timeout: TEST_TIMEOUT }, async () => {
  await page.goto(baseUrl + '?q=market+wrap');
  await page.waitForSelector('#more:not([hidden])');
  assert.equal(await page.locator('#result-list .result').count(), 20);
  assert.match(await page.locator('#status').textContent(), /Showing 20 of 26 briefings/);
  await page.click('#more');
  await page.waitForFunction(() => document.querySelectorAll('#result-list .result').length === 26,
    null, { timeout: WAIT });
  assert.ok(await page.locator('#more').isHidden());
  const ids = await page.locator('#result-list a.result-link').evaluateAll((as) => as.map((a) => a.dataset.id));
  assert.equal(new Set(ids).size, 26, 'no duplicates across pages');
});

test('no results and an unreachable server both explain themselves', { timeout: TEST_TIMEOUT }, async () => {
  await page.goto(baseUrl + '?q=zzyzxqqq');
  await page.waitForSelector('#empty:not([hidden]) h2');
  assert.match(await page.locator('#empty').textContent(), /No briefings match/);
  await page.route('**/api/search**', (route) => route.abort('connectionrefused'));
  await page.fill('#q', 'Bedrock');
  await page.press('#q', 'Enter');
  await page.waitForSelector('#error:not([hidden])');
  assert.match(await page.locator('#error').textContent(), /Cannot reach/);
  await page.unroute('**/api/search**');
});

test('axe-core finds no serious or critical violation, light and dark, at 360 px', { timeout: TEST_TIMEOUT }, async () => {
  for (const scheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.setViewportSize({ width: 1200, height: 900 });
    await page.goto(baseUrl + '?q=Bedrock+enterprise');
    await page.waitForSelector('#result-list .result mark');
    assert.deepEqual(await runAxe(), [], scheme + ' results');
    await page.locator('#result-list a.result-link').first().click();
    await page.waitForSelector('#briefing:not([hidden]) #b-body p');
    assert.deepEqual(await runAxe(), [], scheme + ' briefing');
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goBack();
    await page.waitForSelector('#results:not([hidden]) #result-list .result');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(overflow <= 360, 'no horizontal scrolling at 360 px (' + overflow + ')');
    assert.deepEqual(await runAxe(), [], scheme + ' 360 px');
    await page.screenshot({ path: path.join(screenshotDir, `browser-${scheme}-360.png`) });
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1200, height: 900 });
});

test('the page made no request outside its origin', () => {
  assert.deepEqual(foreignRequests, []);
  assert.deepEqual(dialogs, []);
});
