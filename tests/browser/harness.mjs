// What the browser tests share: a fresh index of corpora/, a real parley-serve over it,
// and the page's render signals (main[data-render], main[data-state]).

import {spawn, spawnSync} from 'node:child_process';
import {existsSync, mkdirSync} from 'node:fs';
import path from 'node:path';
import {createInterface} from 'node:readline';

export const SKIP = 77;

// What every browser test needs before it starts: Chromium (CHROMIUM, default
// /usr/bin/chromium) and playwright-core, or it exits SKIP naming `test` and what is
// missing; and a log that stamps each line with the seconds since the test began.
export async function browserOrSkip(test) {
  const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';
  const skip = (reason) => {
    console.log(`${test} skipped: ${reason}`);
    process.exit(SKIP);
  };
  if (!existsSync(chromiumPath)) {
    skip(`${chromiumPath} not found; install Debian's chromium (apt-get install chromium) to run this test`);
  }
  let chromium;
  try {
    ({chromium} = await import('playwright-core'));
  } catch {
    skip('playwright-core is not installed; run `npm ci --prefix tests/browser` (scripts/test does when Chromium is present)');
  }
  const started = Date.now();
  const log = (message) => console.log(`[${((Date.now() - started) / 1000).toFixed(1)}s] ${message}`);
  return {chromium, chromiumPath, log};
}

// The binaries and directories tests/CMakeLists.txt passes in the environment; exits 1
// (naming `test`) when a binary is not set, defaults the directories to the repository's.
export function testEnvironment(test, repo) {
  const need = (name) => {
    if (!process.env[name]) {
      console.error(`${test}: ${name} is not set`);
      process.exit(1);
    }
    return process.env[name];
  };
  return {
    indexBin: need('PARLEY_INDEX_BIN'),
    serveBin: need('PARLEY_SERVE_BIN'),
    corpora: process.env.PARLEY_CORPORA || path.join(repo, 'corpora'),
    webDir: process.env.PARLEY_WEB_DIR || path.join(repo, 'web'),
  };
}

// `extra`: more files to index beside corpora/ (a test's own articles).
export function buildIndex(indexBin, corpora, work, extra = []) {
  const index = path.join(work, 'index');
  const inputs = [...['articles', 'html', 'feeds'].map((dir) => path.join(corpora, dir)).filter(existsSync), ...extra];
  const result = spawnSync(indexBin, ['--index', index, '--quiet', ...inputs], {encoding: 'utf8'});
  // 1 = indexed, but something was skipped (the corpora hold deliberately broken files).
  if (result.error || (result.status !== 0 && result.status !== 1) || !existsSync(index)) {
    throw new Error(`parley-index failed (status ${result.status}): ${result.error || result.stderr}`);
  }
  return index;
}

// Starts parley-serve on a free loopback port (or `listen`, to start it again where it was);
// resolves to {server, base}.
export function startServer(serveBin, index, webDir, listen = '127.0.0.1:0') {
  return new Promise((resolve, reject) => {
    const server = spawn(serveBin, ['--index', index, '--listen', listen, '--web', webDir],
                         {stdio: ['ignore', 'pipe', 'pipe']});
    let stderr = '';
    server.stderr.on('data', (chunk) => { stderr += chunk; });
    const timer = setTimeout(() => reject(new Error(`parley-serve did not start in 20 s: ${stderr}`)), 20000);
    server.on('error', (error) => { clearTimeout(timer); reject(error); });
    server.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`parley-serve exited with status ${code}: ${stderr}`));
    });
    const lines = createInterface({input: server.stdout});
    lines.once('line', (line) => {
      clearTimeout(timer);
      const match = /listening on (http:\/\/\S+?)\/?\s/.exec(`${line} `);
      if (!match) reject(new Error(`unexpected first line from parley-serve: ${line}`));
      else resolve({server, base: `${match[1]}/`});
      lines.on('line', () => {});  // keep draining
    });
  });
}

// Collects console errors, uncaught exceptions, failed requests and HTTP errors.
export function watch(page, label, problems) {
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`${label}: console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`${label}: uncaught exception: ${error.message}`));
  page.on('requestfailed', (request) => {
    const failure = request.failure();
    // A request replaced by a newer one is aborted on purpose.
    if (failure && /ERR_ABORTED/.test(failure.errorText)) return;
    problems.push(`${label}: request failed: ${request.url()} ${failure ? failure.errorText : ''}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`${label}: HTTP ${response.status()} for ${response.url()}`);
  });
}

export async function renderCount(page) {
  return Number(await page.locator('[data-testid="results"]').getAttribute('data-render')) || 0;
}

// Waits until the page has rendered after `before` renders, and that render succeeded.
export async function waitForRender(page, before) {
  await page.waitForFunction((n) => {
    const main = document.querySelector('[data-testid="results"]');
    return main && Number(main.dataset.render) > n && main.dataset.state !== 'loading';
  }, before, {timeout: 15000});
  const state = await page.locator('[data-testid="results"]').getAttribute('data-state');
  if (state !== 'ready') {
    const message = await page.locator('[data-testid="message"]').textContent().catch(() => '');
    throw new Error(`the page shows an error: ${message}`);
  }
}

// Runs a test's body and exits: 0 passed, 1 failed (naming the step it was at and the
// page's problems). `context` holds what to close: {name, step(), problems, screenshotDir,
// browser(), cleanup()}.
export async function runAndExit(run, context) {
  let status = 0;
  try {
    mkdirSync(context.screenshotDir, {recursive: true});
    await run();
    console.log(`${context.name} passed; screenshots in ${context.screenshotDir}`);
  } catch (error) {
    status = 1;
    console.error(`${context.name} FAILED while ${context.step()}: ${error.message}`);
    if (context.problems.length) console.error(`page problems:\n  ${context.problems.join('\n  ')}`);
  } finally {
    const browser = context.browser();
    if (browser) await browser.close().catch(() => {});
    context.cleanup();
  }
  process.exit(status);
}
