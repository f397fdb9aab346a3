// Starting Procura and Chromium for the browser journeys: a freshly built
// binary on 127.0.0.1 with its own SQLite folder, and Debian's Chromium.

import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer } from 'node:net';
import { chromium } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import assert from 'node:assert/strict';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const screenshots = join(root, 'e2e', 'screenshots');
export const PASSWORD = 'vert-cheval-pile-agrafe-42';

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** Builds the binary once, starts `procura serve`, and resolves with its address and setup link. */
export async function startProcura() {
  execFileSync('cargo', ['build', '-q', '-p', 'procura'], { cwd: root, stdio: 'inherit' });
  const binary = join(root, 'target', 'debug', 'procura');
  const dataDir = mkdtempSync(join(tmpdir(), 'procura-e2e-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env = { ...process.env, PROCURA_DATA_DIR: dataDir, RUST_LOG: 'info', PROCURA_LOG_FORMAT: 'json' };
  delete env.PROCURA_DATABASE;
  const child = spawn(binary, ['serve', '--listen', `127.0.0.1:${port}`, '--public-url', base], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  const setupUrl = await new Promise((resolve, reject) => {
    let buffer = '';
    const timer = setTimeout(() => reject(new Error(`procura did not start:\n${buffer}`)), 60_000);
    child.stderr.on('data', (chunk) => {
      buffer += chunk.toString();
      const match = buffer.match(/"setup_url":"([^"]+)"/);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.on('exit', (code) => reject(new Error(`procura exited with ${code}:\n${buffer}`)));
  });
  const cli = (args, input) =>
    execFileSync(binary, [...args, '--lang', 'en'], { env, input, encoding: 'utf8' });
  return {
    base,
    setupUrl,
    cli,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Debian's Chromium, headless, with no background traffic. Playwright gives
 * every launch a fresh, empty profile of its own. */
export async function startBrowser() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  mkdirSync(screenshots, { recursive: true });
  return {
    browser,
    async stop() {
      await browser.close();
    },
  };
}

/** Zero axe violations at WCAG 2.1 AA on the page as it is now. */
export async function assertAccessible(page, what) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const summary = results.violations
    .map((v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => n.target.join(' ')).join('\n    ')}`)
    .join('\n');
  assert.equal(results.violations.length, 0, `accessibility violations on ${what} (${page.url()}):\n${summary}`);
}
