#!/usr/bin/env node
// browser.Accessibility: the search page (web/) measured against WCAG 2.2 AA for people who
// use a keyboard or a screen reader, in headless Chromium against a real parley-serve over
// corpora/. Every check runs and the failures are reported together.
//  - axe-core (the npm package, evaluated in the page: the page's Content-Security-Policy
//    stays on) in every state the page has: the start page, results with facets and a
//    filter, no results, "did you mean", completions open, a search that failed (no answer;
//    a query the server refuses), an article and an article that failed, the analyst's three
//    views, the phone layout (results, open filters, article); each state in the light and
//    the dark theme (the dark one for the colour rules only: the rest does not change).
//    Rules: WCAG 2.0-2.2 A and AA and axe's best practices, every impact; none excluded.
//    A state that only adds a part (completions, the analyst's views, an error) is audited
//    in that part, the rest having been audited already: the run stays short.
//  - what axe does not measure: the edges of text boxes and menus and the year bars at 3:1
//    in both themes (WCAG 1.4.11); no drawn symbol (●, −, ▾, ›) in what a screen reader reads;
//  - focus: a Tab walk through the results finds every stop visible, in the viewport, not
//    covered (by the sticky header), with a focus ring; Shift+Tab back up the page does not
//    leave a control under the sticky header;
//  - keyboard flows: the skip link; query + Enter (focus stays in the box, the count is
//    announced); Tab to a facet value and Space (the same value keeps the focus, ticked);
//    a tag and a year bar toggled with Space (aria-pressed); an article opened with Enter
//    (focus on its paragraph) and left with Escape and with the browser's back (focus on
//    the link that opened it); paging (focus on the results, announced); the analyst's tabs
//    by arrow keys, Home and End; the phone's Filters button and "Show N paragraphs";
//  - the live region (#announcer) says the count, the page, an article and every error.
//
// Environment: as browser.SearchPage. Exit status: 0 passed, 1 failed, 77 skipped (no
// Chromium, playwright-core or axe-core: `npm ci --prefix tests/browser`).

import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {createRequire} from 'node:module';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

import {browserOrSkip, buildIndex, renderCount, runAndExit, SKIP, startServer, testEnvironment,
  waitForRender} from './harness.mjs';

const NAME = 'browser.Accessibility';
const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..', '..');
const {chromium, chromiumPath, log} = await browserOrSkip(NAME);
const {indexBin, serveBin, corpora, webDir} = testEnvironment(NAME, repo);
const screenshotDir = process.env.SCREENSHOT_DIR || path.join(tmpdir(), 'parley-screenshots');

let axeSource;
try {
  axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
} catch {
  console.log(`${NAME} skipped: axe-core is not installed; run \`npm ci --prefix tests/browser\``);
  process.exit(SKIP);
}

// Everything axe checks for WCAG 2.2 A/AA plus its best practices. `experimental` rules
// stay off: they change between axe releases.
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
const COLOUR_RULES = ['color-contrast', 'link-in-text-block'];
// Pass AUDIT_ONLY=1 to list the violations without the keyboard checks (the baseline).
const AUDIT_ONLY = process.env.AUDIT_ONLY === '1';

const QUERY = 'naval drills AUKUS';
const ARTICLE = 'mr-2021-aukus-submarines';
// A query over the server's limit of 8,192 bytes: a 400 with a message, not a crash.
const TOO_LONG = 'drills '.repeat(1200);

let step = 'starting';
const failures = [];
const pageErrors = [];
const work = mkdtempSync(path.join(tmpdir(), 'parley-a11y-'));
let server = null;
let browser = null;
const violationsByState = new Map();  // state -> [{id, impact, targets}]

function expect(condition, message) {
  if (!condition) {
    failures.push(`${step}: ${message}`);
    log(`FAIL ${step}: ${message}`);
  }
}

function cleanup() {
  if (server && server.exitCode === null) server.kill('SIGTERM');
  rmSync(work, {recursive: true, force: true});
}

// ------------------------------------------------------------------ page helpers

const describe = (page) => page.evaluate(() => {
  const a = document.activeElement;
  if (!a || a === document.body) return 'body';
  const text = (a.getAttribute('aria-label') || a.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 50);
  return `${a.tagName.toLowerCase()}${a.id ? `#${a.id}` : ''}${a.className ? `.${String(a.className).split(' ').join('.')}` : ''} "${text}"`;
});

async function go(page, query) {
  await page.goto(new URL(query, page.base).href);
  await waitForRender(page, 0);
}

// Waits for the render an action starts; `failing`: that render ends in an error. An
// action that starts none (a key the page ignores) is a failure noted as `what`.
async function act(page, action, {failing = false, what = null} = {}) {
  const before = await renderCount(page);
  await action();
  try {
    await page.waitForFunction((n) => Number(document.querySelector('#main').dataset.render) > n, before,
                               {timeout: what ? 5000 : 15000});
  } catch (error) {
    if (!what) throw error;
    expect(false, `${what} changed nothing`);
    return false;
  }
  if (!failing) await waitForRender(page, before);
  return true;
}

const announced = (page) => page.evaluate(() => {
  const region = document.querySelector('#announcer');
  return region ? region.textContent.trim() : '(no #announcer live region)';
});

// axe's violations in the page, or in the part `within` (a selector) when given.
async function axe(page, within, options) {
  if (!(await page.evaluate(() => Boolean(window.axe)))) await page.evaluate(axeSource);
  return page.evaluate(async ({within, options}) => {
    const result = await window.axe.run(within ? {include: [within]} : document, options);
    return result.violations.map((v) => ({
      id: v.id, impact: v.impact,
      targets: v.nodes.map((n) => `${n.target.join(' ')}${n.any.concat(n.all, n.none)[0]
        ? ` (${n.any.concat(n.all, n.none)[0].message})` : ''}`),
    }));
  }, {within, options});
}

// Runs axe in the state shown, in the light theme (every rule) and the dark one (colours).
// `within`: only that part of the page (what the state adds to one already audited).
async function audit(page, state, {within = null} = {}) {
  const found = [];
  const run = (page, options) => axe(page, within, options);
  await page.emulateMedia({colorScheme: 'light'});
  for (const v of await run(page, {runOnly: {type: 'tag', values: AXE_TAGS}, resultTypes: ['violations']})) {
    found.push({...v, theme: 'light'});
  }
  await page.emulateMedia({colorScheme: 'dark'});
  for (const v of await run(page, {runOnly: {type: 'rule', values: COLOUR_RULES}, resultTypes: ['violations']})) {
    found.push({...v, theme: 'dark'});
  }
  await page.emulateMedia({colorScheme: 'light'});
  violationsByState.set(state, found);
  for (const v of found) {
    failures.push(`axe ${state} [${v.theme}] ${v.id} (${v.impact}): ${v.targets.slice(0, 6).join(' | ')}` +
                  `${v.targets.length > 6 ? ` and ${v.targets.length - 6} more` : ''}`);
  }
  log(`axe ${state}: ${found.length ? found.map((v) => `${v.theme}:${v.id}×${v.targets.length}`).join(', ') : 'no violations'}`);
}

async function timelineReady(page) {
  await page.waitForFunction(() => {
    const v = document.querySelector('.analysis-view:not([hidden])');
    return v && v.dataset.state && v.dataset.state !== 'loading';
  }, null, {timeout: 15000});
}

// ------------------------------------------------------------------ the states

async function auditStates(page) {
  step = 'axe: start page';
  await go(page, './');
  await audit(page, 'start page');

  step = 'axe: completions open';
  const input = page.getByTestId('search-input');
  await input.focus();
  await input.pressSequentially('naval dri', {delay: 10});
  await page.getByTestId('suggestion').first().waitFor({state: 'visible', timeout: 5000}).catch(() => {});
  await input.press('ArrowDown');
  await audit(page, 'completions open', {within: '.site-header'});
  await input.press('Escape');

  step = 'axe: results with facets';
  await go(page, `./?q=${encodeURIComponent(QUERY)}`);
  await audit(page, 'results');

  step = 'axe: results filtered';
  await go(page, `./?q=sanctions&filter=actor%3AChina&filter=year%3A2022&from=2019-01-01`);
  await audit(page, 'results filtered');

  step = 'axe: no results';
  await go(page, './?q=zzyzxquux');
  await audit(page, 'no results');

  step = 'axe: did you mean';
  await go(page, './?q=sanctoins');
  await page.getByTestId('did-you-mean-link').waitFor({timeout: 5000}).catch(() => {});
  expect(await page.getByTestId('did-you-mean').isVisible(), 'no "Did you mean" for sanctoins');
  await audit(page, 'did you mean');

  step = 'axe: search refused';
  await page.goto(new URL(`./?q=${encodeURIComponent(TOO_LONG)}`, page.base).href);
  await page.waitForFunction(() => document.querySelector('#main').dataset.state === 'error', null, {timeout: 15000});
  await audit(page, 'search refused (400)', {within: '#main'});

  step = 'axe: server not answering';
  await go(page, `./?q=${encodeURIComponent(QUERY)}`);
  await page.route('**/search?*', (route) => route.abort('connectionrefused'));
  await act(page, async () => {
    await input.fill('sanctions');
    await input.press('Enter');
  }, {failing: true});
  expect(await page.getByTestId('retry').count() === 1, 'no "Try again" when the server does not answer');
  await audit(page, 'search failed (no answer)');
  await page.unroute('**/search?*');

  step = 'axe: article';
  await go(page, `./?q=${encodeURIComponent(QUERY)}&article=${ARTICLE}#p2`);
  await audit(page, 'article');

  step = 'axe: article missing';
  await page.goto(new URL('./?article=no-such-article', page.base).href);
  await page.waitForFunction(() => document.querySelector('#main').dataset.state === 'error', null, {timeout: 15000});
  await audit(page, 'article missing (404)', {within: '#main'});

  step = 'axe: analyst timeline';
  await go(page, './?q=sanctions');
  await page.locator('[data-testid="analysis"] > summary').click();
  await timelineReady(page);
  // Per year: the table of every month would only make the run longer.
  await page.getByTestId('timeline-interval').selectOption('year');
  await timelineReady(page);
  await page.locator('.timeline-numbers > summary').click();
  await audit(page, 'analysis: timeline + numbers', {within: '#analysis'});

  step = 'axe: analyst comparison';
  await page.getByTestId('timeline-compare').fill('actor:China, actor:Russia');
  await page.getByTestId('timeline-compare').press('Enter');
  await page.getByTestId('timeline-legend').waitFor({timeout: 15000});
  await timelineReady(page);
  await audit(page, 'analysis: comparison', {within: '#analysis'});

  step = 'axe: analyst stands out';
  await page.getByTestId('tab-stands-out').click();
  await page.getByTestId('stands-out-item').first().waitFor({timeout: 15000});
  await timelineReady(page);
  await audit(page, 'analysis: stands out', {within: '#analysis'});

  step = 'axe: analyst appears with';
  await page.getByTestId('tab-cooccur').click();
  await page.getByTestId('cooccur-row').first().waitFor({timeout: 15000});
  await timelineReady(page);
  await audit(page, 'analysis: appears with', {within: '#analysis'});
}

async function auditPhone(phone) {
  step = 'axe: phone results';
  await go(phone, `./?q=${encodeURIComponent(QUERY)}`);
  await audit(phone, 'phone: results');

  step = 'axe: phone filters open';
  await phone.getByTestId('facets-toggle').click();
  // Scrolled to the end of the list, where "Show N paragraphs" rests below the last facet:
  // higher up, it floats over whatever scrolls under it, and axe counts each control it
  // half covers as a target too small to hit (the user scrolls it out from under).
  await phone.getByTestId('facets-done').evaluate((el) => el.parentElement.lastElementChild.scrollIntoView({block: 'end'}));
  await audit(phone, 'phone: filters open');

  step = 'axe: phone article';
  await go(phone, `./?q=${encodeURIComponent(QUERY)}&article=${ARTICLE}#p2`);
  await audit(phone, 'phone: article');
}

// ------------------------------------------------------------------ focus visible

// Tabs through the page from its top and checks every stop: visible, inside the viewport,
// not covered (the sticky header), and drawn with an outline of 2px or more.
async function tabWalk(page, label, stops = 250) {
  await page.keyboard.press('Tab');
  const seen = new Set();
  const bad = [];
  for (let i = 0; i < stops; i += 1) {
    const stop = await page.evaluate(() => {
      const a = document.activeElement;
      if (!a || a === document.body) return null;
      const box = (a.getClientRects()[0] || a.getBoundingClientRect());
      const style = getComputedStyle(a);
      const x = Math.min(Math.max(box.left + Math.min(box.width / 2, 8), 0), innerWidth - 1);
      const y = Math.min(Math.max(box.top + box.height / 2, 0), innerHeight - 1);
      const hit = document.elementFromPoint(x, y);
      const label = (a.getAttribute('aria-label') || a.textContent || a.id || '').trim().replace(/\s+/g, ' ').slice(0, 40);
      return {
        key: [...document.querySelectorAll('*')].indexOf(a),
        label: `${a.tagName.toLowerCase()}${a.id ? `#${a.id}` : ''} "${label}"`,
        shown: box.width > 0 && box.height > 0,
        inView: box.bottom > 0 && box.top < innerHeight && box.right > 0 && box.left < innerWidth,
        covered: !(hit && (hit === a || a.contains(hit) || hit.contains(a) || (a.labels && [...a.labels].some((l) => l.contains(hit))))),
        coveredBy: hit ? `${hit.tagName.toLowerCase()}.${hit.className}` : 'nothing',
        ring: (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2) ||
              /(\d+(\.\d+)?px)/.test(style.boxShadow) && style.boxShadow !== 'none',
      };
    });
    if (!stop) break;  // past the last control
    if (seen.has(stop.key)) {
      // A date field's day, month and year are stops of one element; the first one again
      // is the walk round the page.
      if (stop.key === seen.values().next().value) break;
      await page.keyboard.press('Tab');
      continue;
    }
    seen.add(stop.key);
    if (!stop.shown) bad.push(`${stop.label} has the focus but is not shown`);
    else if (!stop.inView) bad.push(`${stop.label} has the focus outside the viewport`);
    else if (stop.covered) bad.push(`${stop.label} has the focus under ${stop.coveredBy}`);
    if (!stop.ring) bad.push(`${stop.label} has the focus with no visible focus ring`);
    await page.keyboard.press('Tab');
  }
  for (const b of bad) expect(false, `${label}: ${b}`);
  log(`tab walk ${label}: ${seen.size} stops, ${bad.length} problems`);
}

async function focusVisible(page) {
  step = 'focus visible: Tab walk';
  // The ring is the same in both themes (its colour is the links' own, checked above).
  await go(page, `./?q=${encodeURIComponent(QUERY)}&filter=actor%3AJapan`);
  await tabWalk(page, 'results');

  step = 'focus visible: Shift+Tab back up the page';
  // Going back up, a control scrolled into view must not end up under the sticky header.
  await go(page, `./?q=${encodeURIComponent(QUERY)}`);
  await page.getByTestId('page-link').last().focus();
  const bad = [];
  for (let i = 0; i < 40; i += 1) {
    await page.keyboard.press('Shift+Tab');
    const stop = await page.evaluate(() => {
      const a = document.activeElement;
      const header = document.querySelector('.site-header');
      if (!a || a === document.body || header.contains(a)) return null;
      const box = a.getBoundingClientRect();
      return box.top < header.getBoundingClientRect().bottom - 1
        ? `${a.tagName.toLowerCase()} "${(a.getAttribute('aria-label') || a.textContent).trim().slice(0, 40)}"` : '';
    });
    if (stop === null) break;
    if (stop) bad.push(stop);
  }
  expect(bad.length === 0, `reached by Shift+Tab under the sticky header: ${bad.slice(0, 5).join(', ')}`);
}

// ------------------------------------------------------------------ what axe does not see

// WCAG 1.4.11: a control known by its edge alone (a text box, a menu) and a bar of the year
// chart stand out 3:1 from what is behind them, in both themes.
async function nonTextContrast(page) {
  step = 'non-text contrast';
  await go(page, './?q=sanctions');
  for (const theme of ['light', 'dark']) {
    await page.emulateMedia({colorScheme: theme});
    const low = await page.evaluate(() => {
      const rgb = (c) => (c.match(/[\d.]+/g) || []).map(Number);
      const lum = ([r, g, b]) => {
        const f = (v) => (v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
        return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
      };
      const ratio = (a, b) => {
        const [x, y] = [lum(rgb(a)), lum(rgb(b))].sort((p, q) => q - p);
        return (x + 0.05) / (y + 0.05);
      };
      const behind = (el) => {
        for (let e = el.parentElement; e; e = e.parentElement) {
          const bg = getComputedStyle(e).backgroundColor;
          if (rgb(bg).length === 3 || rgb(bg)[3] > 0) return bg;
        }
        return 'rgb(255, 255, 255)';
      };
      const found = [];
      for (const [selector, part] of [['#q', 'borderTopColor'], ['#facet-filter-actor', 'borderTopColor'],
                                      ['#sort', 'borderTopColor'], ['.bar:not(.is-empty) .bar-fill', 'backgroundColor']]) {
        const el = document.querySelector(selector);
        const r = ratio(getComputedStyle(el)[part], behind(el));
        if (r < 3) found.push(`${selector} ${r.toFixed(2)}:1`);
      }
      return found;
    });
    expect(low.length === 0, `${theme}: below 3:1 against what is behind: ${low.join(', ')}`);
  }
  await page.emulateMedia({colorScheme: 'light'});
}

// What a screen reader reads of the page holds no drawn symbol (the "●" of an actor's tag,
// a facet's "−", the phone's "▾", the pager's arrows): they are CSS decoration or hidden.
async function nothingDrawnIsSaid(page, phone) {
  step = 'decoration unsaid';
  const symbols = ['●', '−', '▾', '▴', '‹', '›'];  // ("+" is real text in the footer)
  await go(page, './?q=foo:bar+sanctions&filter=actor%3AChina');
  await go(phone, './?q=sanctions');
  for (const [where, root] of [['desktop', page.locator('body')], ['phone', phone.locator('.layout')]]) {
    const said = await root.ariaSnapshot();
    const drawn = symbols.filter((s) => said.includes(s));
    expect(drawn.length === 0, `${where}: the accessibility tree says ${drawn.join(' ')}`);
  }
  const note = await page.getByTestId('notes').ariaSnapshot();
  expect(!/listitem: "?i/.test(note), `a note is read with its drawn "i": ${note.split('\n')[1]}`);
}

// ------------------------------------------------------------------ keyboard flows

async function keyboardFlows(page) {
  step = 'keyboard: skip link';
  await go(page, `./?q=${encodeURIComponent(QUERY)}`);
  await page.keyboard.press('Tab');
  const skip = await page.evaluate(() => {
    const a = document.activeElement;
    const box = a.getBoundingClientRect();
    return {skip: a.classList.contains('skip-link'), inView: box.left >= 0 && box.top >= 0 && box.width > 0};
  });
  expect(skip.skip && skip.inView, `the first Tab reaches ${await describe(page)}, not a skip link in view`);
  await page.keyboard.press('Enter');
  expect(await page.evaluate(() => document.activeElement.id) === 'main',
         `the skip link leaves the focus on ${await describe(page)}, not the results`);

  step = 'keyboard: query and Enter';
  await go(page, './');
  await page.keyboard.press('/');
  expect(await page.evaluate(() => document.activeElement.id) === 'q', '"/" does not reach the search box');
  await page.keyboard.type(QUERY);
  await act(page, () => page.keyboard.press('Enter'));
  expect(new URL(page.url()).searchParams.get('q') === QUERY, `Enter did not search: ${page.url()}`);
  expect(await page.evaluate(() => document.activeElement.id) === 'q',
         `after the search the focus is on ${await describe(page)}, not the search box`);
  const total = (await page.getByTestId('total').textContent()).trim();
  const said = await announced(page);
  expect(/\d+ paragraphs? in \d+ articles?/.test(said) && said.includes(total.split(';')[0]),
         `the live region says "${said}" after the search, not the count "${total}"`);

  step = 'keyboard: Tab to a facet value, Space';
  const firstActor = page.locator('[data-testid="facet-actor"] [data-testid="facet-checkbox"]').first();
  const value = await firstActor.evaluate((el) => el.closest('li').dataset.value);
  let tabs = 0;
  while (tabs < 30 && !(await firstActor.evaluate((el) => el === document.activeElement))) {
    await page.keyboard.press('Tab');
    tabs += 1;
  }
  expect(tabs < 30, `30 Tabs from the search box did not reach the first actor (${value})`);
  await act(page, () => page.keyboard.press('Space'));
  const ticked = await page.evaluate(() => {
    const a = document.activeElement;
    return {value: a.closest('li') && a.closest('li').dataset.value, checked: a.checked, type: a.type};
  });
  expect(ticked.value === value && ticked.type === 'checkbox' && ticked.checked,
         `after Space on ${value} the focus is on ${await describe(page)} (checked ${ticked.checked})`);
  expect(new URL(page.url()).searchParams.getAll('filter').includes(`actor:${value}`),
         `Space on ${value} did not filter: ${page.url()}`);
  expect((await announced(page)).includes((await page.getByTestId('total').textContent()).trim().split(';')[0]),
         `the live region did not say the filtered count: "${await announced(page)}"`);
  await act(page, () => page.keyboard.press('Space'));
  expect(await page.evaluate(() => document.activeElement.type === 'checkbox' && !document.activeElement.checked),
         `Space again left the focus on ${await describe(page)}, not the unticked value`);

  step = 'keyboard: a tag and a year bar with Space';
  const tag = page.locator('[data-testid="result"] .tag-actor').first();
  const tagText = await tag.textContent();
  await tag.focus();
  await act(page, () => page.keyboard.press('Space'));
  const afterTag = await page.evaluate(() => ({
    tag: document.activeElement.classList.contains('tag'), pressed: document.activeElement.getAttribute('aria-pressed'),
    text: document.activeElement.textContent}));
  expect(afterTag.tag && afterTag.pressed === 'true' && afterTag.text === tagText,
         `after Space on the tag ${tagText} the focus is on ${await describe(page)} (aria-pressed ${afterTag.pressed})`);
  const bar = page.locator('[data-testid="year-bar"]:not([disabled])').first();
  const year = await bar.getAttribute('data-year');
  await bar.focus();
  await act(page, () => page.keyboard.press('Space'));
  const afterBar = await page.evaluate(() => ({
    year: document.activeElement.dataset.year, pressed: document.activeElement.getAttribute('aria-pressed')}));
  expect(afterBar.year === year && afterBar.pressed === 'true',
         `after Space on the bar ${year} the focus is on ${await describe(page)} (aria-pressed ${afterBar.pressed})`);

  step = 'keyboard: open an article, Escape';
  await go(page, './?q=sanctions');
  const link = page.getByTestId('result-paragraph-link').nth(3);
  const linkLabel = await link.getAttribute('aria-label');
  await link.focus();
  await act(page, () => page.keyboard.press('Enter'));
  const inArticle = await page.evaluate(() => ({
    target: document.activeElement.classList.contains('is-target'),
    inView: (() => { const b = document.activeElement.getBoundingClientRect(); return b.top < innerHeight && b.bottom > 0; })(),
  }));
  expect(inArticle.target && inArticle.inView, `the opened article leaves the focus on ${await describe(page)}, not its paragraph`);
  expect(/^Article/.test(await announced(page)), `the live region says "${await announced(page)}" for the article`);
  await act(page, () => page.keyboard.press('Escape'), {what: 'Escape in the article'});
  expect(!new URL(page.url()).searchParams.has('article'), `Escape did not leave the article: ${page.url()}`);
  expect(await page.evaluate(() => document.activeElement.getAttribute('aria-label')) === linkLabel,
         `after Escape the focus is on ${await describe(page)}, not "${linkLabel}"`);

  step = 'keyboard: open an article, browser back';
  await go(page, './?q=sanctions');
  await link.focus();
  await act(page, () => page.keyboard.press('Enter'));
  await act(page, () => page.goBack());
  expect(await page.evaluate(() => document.activeElement.getAttribute('aria-label')) === linkLabel,
         `after the browser's back the focus is on ${await describe(page)}, not "${linkLabel}"`);
  await act(page, () => page.goForward());
  expect(await page.evaluate(() => document.activeElement.classList.contains('is-target')),
         `after forward to the article the focus is on ${await describe(page)}, not its paragraph`);

  step = 'keyboard: paging';
  await go(page, './?q=sanctions');
  await page.locator('[data-testid="pager"] .page-next').focus();
  await act(page, () => page.keyboard.press('Enter'));
  expect(new URL(page.url()).searchParams.get('page') === '2', `Next did not open page 2: ${page.url()}`);
  expect(await page.evaluate(() => document.activeElement.id) === 'main',
         `after Next the focus is on ${await describe(page)}, not the results`);
  expect(await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle !== 'none'),
         'the results, focused after Next, show no focus ring');
  expect(/page 2 of/i.test(await announced(page)), `the live region says "${await announced(page)}" on page 2`);

  step = 'keyboard: errors are announced';
  await page.route('**/search?*', (route) => route.abort('connectionrefused'));
  await act(page, async () => {
    await page.getByTestId('search-input').fill('sanctions regime');
    await page.getByTestId('search-input').press('Enter');
  }, {failing: true});
  expect(/search failed.*did not answer/.test(await announced(page)),
         `the live region says "${await announced(page)}" when the server does not answer`);
  await page.unroute('**/search?*');
  await go(page, './?q=zzyzxquux');
  expect(/No paragraphs match/.test(await announced(page)), `the live region says "${await announced(page)}" for no results`);

  step = 'keyboard: analyst tabs';
  await go(page, './?q=sanctions');
  await page.locator('[data-testid="analysis"] > summary').focus();
  await page.keyboard.press('Enter');
  await timelineReady(page);
  await page.getByTestId('tab-timeline').focus();
  const selected = () => page.evaluate(() => ({
    focused: document.activeElement.id,
    selected: [...document.querySelectorAll('[role="tab"][aria-selected="true"]')].map((t) => t.id).join()}));
  await page.keyboard.press('ArrowRight');
  let tabState = await selected();
  expect(tabState.focused === 'tab-stands-out' && tabState.selected === 'tab-stands-out',
         `ArrowRight: focus ${tabState.focused}, selected ${tabState.selected}`);
  await page.keyboard.press('End');
  tabState = await selected();
  expect(tabState.focused === 'tab-cooccur' && tabState.selected === 'tab-cooccur',
         `End: focus ${tabState.focused}, selected ${tabState.selected}`);
  await page.keyboard.press('Home');
  tabState = await selected();
  expect(tabState.focused === 'tab-timeline' && tabState.selected === 'tab-timeline',
         `Home: focus ${tabState.focused}, selected ${tabState.selected}`);
  await timelineReady(page);
}

async function phoneFlows(phone) {
  step = 'keyboard: phone filters';
  await go(phone, `./?q=${encodeURIComponent(QUERY)}`);
  await phone.getByTestId('facets-toggle').focus();
  await phone.keyboard.press('Enter');
  expect(await phone.getByTestId('facets-toggle').getAttribute('aria-expanded') === 'true',
         'Enter on Filters does not mark it expanded');
  await phone.keyboard.press('Tab');
  expect(await phone.evaluate(() => Boolean(document.activeElement.closest('#facets'))),
         `Tab after Filters goes to ${await describe(phone)}, not into the filters`);
  // Down the open list: no value stops under the sticky "Show N paragraphs".
  await phone.getByTestId('facets-toggle').focus();
  await tabWalk(phone, 'phone, filters open', 30);
  await phone.getByTestId('facets-done').focus();
  await phone.keyboard.press('Enter');
  expect(await phone.getByTestId('facets').isHidden() && await phone.evaluate(() => document.activeElement.id) === 'main',
         `"Show N paragraphs" leaves the focus on ${await describe(phone)} (filters hidden: ${await phone.getByTestId('facets').isHidden()})`);
}

// ------------------------------------------------------------------ the test

function report() {
  const byRule = new Map();
  for (const [state, found] of violationsByState) {
    for (const v of found) {
      const key = `${v.id} (${v.impact}, ${v.theme})`;
      if (!byRule.has(key)) byRule.set(key, {nodes: 0, states: new Set()});
      byRule.get(key).nodes += v.targets.length;
      byRule.get(key).states.add(state);
    }
  }
  const lines = [...byRule].sort((a, b) => b[1].nodes - a[1].nodes)
    .map(([rule, {nodes, states}]) => `  ${rule}: ${nodes} elements in ${states.size} states (${[...states].join('; ')})`);
  log(`axe over ${violationsByState.size} states: ${lines.length ? `\n${lines.join('\n')}` : 'no violations'}`);
}

async function run() {
  step = 'indexing corpora/';
  const index = buildIndex(indexBin, corpora, work);
  step = 'starting parley-serve';
  let base;
  ({server, base} = await startServer(serveBin, index, webDir));
  log(`parley-serve at ${base}`);
  step = 'launching Chromium';
  browser = await chromium.launch({executablePath: chromiumPath, args: ['--no-sandbox']});
  const page = await (await browser.newContext({viewport: {width: 1280, height: 800}})).newPage();
  page.base = base;
  page.on('pageerror', (error) => pageErrors.push(`desktop: ${error.message}`));
  const phone = await (await browser.newContext({viewport: {width: 390, height: 844}, isMobile: true,
                                                  hasTouch: true})).newPage();
  phone.base = base;
  phone.on('pageerror', (error) => pageErrors.push(`phone: ${error.message}`));

  await auditStates(page);
  await auditPhone(phone);
  report();
  if (!AUDIT_ONLY) {
    await nonTextContrast(page);
    await nothingDrawnIsSaid(page, phone);
    await focusVisible(page);
    await keyboardFlows(page);
    await phoneFlows(phone);
  }
  await page.screenshot({path: path.join(screenshotDir, 'accessibility-desktop.png')});

  step = 'finishing';
  failures.push(...pageErrors);
  if (failures.length) throw new Error(`${failures.length} failures:\n  ${failures.join('\n  ')}`);
}

await runAndExit(run, {
  name: NAME,
  step: () => step,
  problems: [],
  screenshotDir,
  browser: () => browser,
  cleanup,
});
