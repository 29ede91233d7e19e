// What every browser test file needs: the built binary, a real `briefings serve --port 0` on
// an index built in a temp dir, and headless Debian chromium (playwright-core never downloads
// a browser) that refuses and records any request leaving the page's origin. Every wait is
// bounded.
//
// Environment: BRIEFINGS_BIN (default build/cli/briefings), CHROMIUM (default /usr/bin/chromium).
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
export const root = path.resolve(here, '..', '..');
export const binary = process.env.BRIEFINGS_BIN || path.join(root, 'build', 'cli', 'briefings');
const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export const WAIT = 10_000;  // every single wait
export const TEST_TIMEOUT = 60_000;

// Starts `briefings serve --db DB --port 0` with `extraArgs` and resolves with the child and
// the URL it prints, once `ready(stdout, stderr)` also holds (bounded).
export function startServer(db, { extraArgs = [], ready = () => true } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, ['serve', '--db', db, '--port', '0', '--threads', '4', ...extraArgs],
      { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      reject(new Error('server printed no URL within ' + WAIT + ' ms: ' + out + err));
    }, WAIT);
    const check = () => {
      const m = /(http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
      if (m && ready(out, err)) { clearTimeout(timer); resolve({ child, url: m[1] }); }
    };
    child.stdout.on('data', (chunk) => { out += chunk; check(); });
    child.stderr.on('data', (chunk) => { err += chunk; check(); });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error('server exited with ' + code + ': ' + out + err));
    });
  });
}

export function stopServer(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null) { resolve(child.exitCode); return; }
    const timer = setTimeout(() => { child.kill('SIGKILL'); }, WAIT);
    child.on('exit', (code, signal) => { clearTimeout(timer); resolve(code ?? signal); });
    child.kill('SIGTERM');
  });
}

// Runs `briefings index --db DB -q DOCS` (bounded).
export function indexFolder(db, docs) {
  execFileSync(binary, ['index', '--db', db, '-q', docs], { timeout: 60_000, stdio: 'pipe' });
}

// A temp dir with `fixtures` (file name -> text) in briefings/, indexed into db, and a server
// on it: { work, docs, db, server, baseUrl }. remove() stops the server and deletes it all.
export async function servedIndex(prefix, fixtures) {
  const work = mkdtempSync(path.join(tmpdir(), prefix));
  const docs = path.join(work, 'briefings');
  mkdirSync(docs);
  for (const [name, text] of Object.entries(fixtures)) writeFileSync(path.join(docs, name), text);
  const db = path.join(work, 'db');
  indexFolder(db, docs);
  const started = await startServer(db);
  const remove = async () => {
    await stopServer(started.child);
    rmSync(work, { recursive: true, force: true });
  };
  return { work, docs, db, server: started.child, baseUrl: started.url, remove };
}

// Headless chromium with a fresh profile in `work`: { context, page, foreignRequests, dialogs }.
// Anything leaving `baseUrl`'s origin is recorded in foreignRequests and refused; every dialog
// is recorded and dismissed.
export async function openBrowser(work, baseUrl) {
  const context = await chromium.launchPersistentContext(path.join(work, 'profile'), {
    executablePath: chromiumPath,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1200, height: 900 },
    timeout: 30_000,
  });
  context.setDefaultTimeout(WAIT);
  context.setDefaultNavigationTimeout(WAIT);
  const origin = new URL(baseUrl).origin;
  const foreignRequests = [];
  const dialogs = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(origin + '/') || url === origin) return route.continue();
    if (url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
    foreignRequests.push(url);
    return route.abort();
  });
  const page = context.pages()[0] || await context.newPage();
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss().catch(() => {}); });
  return { context, page, foreignRequests, dialogs };
}

// The serious and critical accessibility violations axe-core finds on `page` as it is.
export async function runAxe(page) {
  await page.evaluate(axeSource);
  const result = await page.evaluate(() => window.axe.run(document, {
    resultTypes: ['violations'],
  }));
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => v.id + ': ' + v.nodes.map((n) => n.target.join(' ')).join('; '));
}
