// What every browser test file needs: the built `briefings` started as a server (its URL
// read from its output) and stopped, and headless Debian chromium with every request that
// leaves the server's origin recorded and refused. Every wait is bounded by `wait` ms.
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
export const root = path.resolve(here, '..', '..');
export const binary = process.env.BRIEFINGS_BIN || path.join(root, 'build', 'cli', 'briefings');
const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';

// Runs `briefings ARGS` (a serve command with --port 0) and resolves with the child and the
// URL it prints; `ready` (optional) must also hold for everything it printed so far.
export function startServer(args, wait, ready = () => true) {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      reject(new Error('server printed no URL within ' + wait + ' ms: ' + out + err));
    }, wait);
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

export function stopServer(child, wait) {
  return new Promise((resolve) => {
    if (child.exitCode !== null) { resolve(child.exitCode); return; }
    const timer = setTimeout(() => { child.kill('SIGKILL'); }, wait);
    child.on('exit', (code, signal) => { clearTimeout(timer); resolve(code ?? signal); });
    child.kill('SIGTERM');
  });
}

// Chromium with a profile in `profileDir`; a request outside `baseUrl`'s origin is pushed
// onto `foreignRequests` and aborted.
export async function launchBrowser(profileDir, baseUrl, wait, foreignRequests) {
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: chromiumPath,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1200, height: 900 },
    timeout: 30_000,
  });
  context.setDefaultTimeout(wait);
  context.setDefaultNavigationTimeout(wait);
  const origin = new URL(baseUrl).origin;
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(origin + '/') || url === origin) return route.continue();
    if (url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
    foreignRequests.push(url);
    return route.abort();
  });
  return context;
}

// Closes what a test file started, whichever of them it got to start.
export async function tearDown({ context, server, work }, wait) {
  if (context) await context.close().catch(() => {});
  if (server) await stopServer(server, wait);
  if (work) rmSync(work, { recursive: true, force: true });
}
