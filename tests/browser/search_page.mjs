#!/usr/bin/env node
// browser.SearchPage: drives Parley's search page (web/) in headless Chromium against a real
// parley-serve over a fresh index of corpora/.
//
// Environment (set by tests/CMakeLists.txt): PARLEY_INDEX_BIN, PARLEY_SERVE_BIN,
// PARLEY_CORPORA, PARLEY_WEB_DIR, SCREENSHOT_DIR; CHROMIUM (default /usr/bin/chromium).
// Exit status: 0 passed, 1 failed, 77 skipped (no Chromium or no playwright-core installed:
// `npm ci --prefix tests/browser`, which scripts/test runs when Chromium is there).

import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

import {runAndExit, browserOrSkip, buildIndex as indexCorpora, renderCount, startServer as serve,
  testEnvironment, waitForRender, watch as watchPage} from './harness.mjs';
const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..', '..');
const {chromium, chromiumPath, log} = await browserOrSkip('browser.SearchPage');
const {indexBin, serveBin, corpora, webDir} = testEnvironment('browser.SearchPage', repo);
const screenshotDir = process.env.SCREENSHOT_DIR || path.join(tmpdir(), 'parley-screenshots');

const QUERY = 'naval drills AUKUS';
const FIRST_SNIPPET_TEXT = 'joint naval drills';  // the seed op-ed's Sea of Japan paragraph
const FIRST_TITLE = 'China-Russia strategic alignment';
const ACTOR = 'Japan';                             // ticking it changes articles, years and sources

let step = 'starting';
function check(condition, message) {
  if (!condition) throw new Error(message);
}

const work = mkdtempSync(path.join(tmpdir(), 'parley-browser-'));
let server = null;
let browser = null;
const problems = [];  // console errors, page errors, failed requests

function cleanup() {
  if (server && server.exitCode === null) server.kill('SIGTERM');
  rmSync(work, {recursive: true, force: true});
}

// ------------------------------------------------------------------ page helpers
// (indexing, the server, watching the page and waiting for a render: harness.mjs)

async function snapshot(page) {
  return page.evaluate(() => {
    const facet = (name) => Object.fromEntries(
      [...document.querySelectorAll(`[data-testid="facet-${name}"] [data-testid="facet-value"]`)]
        .map((li) => [li.dataset.value, Number(li.dataset.count)]));
    const first = document.querySelector('[data-testid="result"]');
    return {
      total: document.querySelector('[data-testid="total"]').textContent.trim(),
      results: [...document.querySelectorAll('[data-testid="result"]')].map((li) =>
        `${li.dataset.articleId}|${li.querySelector('[data-testid="result-paragraph-link"]')?.textContent}`),
      firstTitle: first?.querySelector('[data-testid="result-title"]')?.textContent ?? '',
      firstSnippet: first?.querySelector('[data-testid="result-snippet"]')?.textContent ?? '',
      firstMarks: first ? [...first.querySelectorAll('[data-testid="result-snippet"] mark')].map((m) => m.textContent) : [],
      titleMarks: [...document.querySelectorAll('[data-testid="result-title"] mark')].map((m) => m.textContent),
      actor: facet('actor'),
      actorType: facet('actor_type'),
      topic: facet('topic'),
      year: facet('year'),
      source: facet('source'),
      checked: [...document.querySelectorAll('[data-testid="facet-value"] input:checked')]
        .map((input) => `${input.closest('li').dataset.facet}:${input.closest('li').dataset.value}`),
      input: document.querySelector('[data-testid="search-input"]').value,
      bars: document.querySelectorAll('[data-testid="year-bar"]').length,
    };
  });
}

async function noHorizontalOverflow(page) {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const wide = [...document.querySelectorAll('body *')]
      .filter((el) => el.getBoundingClientRect().right > width + 1 && getComputedStyle(el).position !== 'fixed')
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}.${el.className}`);
    return {scrollWidth: document.documentElement.scrollWidth, width, wide};
  });
}

// ------------------------------------------------------------------ the test

async function run() {
  step = 'indexing corpora/';
  const index = indexCorpora(indexBin, corpora, work);
  log(`indexed ${corpora} into ${index}`);

  step = 'starting parley-serve';
  let base;
  ({server, base} = await serve(serveBin, index, webDir));
  log(`parley-serve at ${base}`);

  step = 'launching Chromium';
  browser = await chromium.launch({executablePath: chromiumPath, args: ['--no-sandbox']});
  const desktop = await browser.newContext({viewport: {width: 1280, height: 900}});
  const page = await desktop.newPage();
  watchPage(page, 'desktop', problems);

  step = 'opening the page';
  await page.goto(base);
  await waitForRender(page, 0);
  const landing = await snapshot(page);
  log(`landing page: ${landing.total}`);

  step = `searching for "${QUERY}"`;
  const input = page.getByTestId('search-input');
  await input.click();
  let before = await renderCount(page);
  // While typing, the completion list offers the query with its last word completed.
  await input.pressSequentially('naval dri', {delay: 20});
  await page.getByTestId('suggestion').first().waitFor({state: 'visible', timeout: 5000})
    .catch(() => { throw new Error('no completion was offered for "naval dri"'); });
  const completions = await page.getByTestId('suggestion').allTextContents();
  check(completions.some((c) => c.startsWith('naval dri') && c.length > 'naval dri'.length),
        `odd completions for "naval dri": ${JSON.stringify(completions)}`);
  check(await input.getAttribute('aria-expanded') === 'true', 'the combobox is not marked expanded');
  await input.pressSequentially(QUERY.slice('naval dri'.length), {delay: 20});
  await input.press('Enter');
  await waitForRender(page, before);
  check(await page.getByTestId('suggestions').isHidden(), 'the completion list stays open after searching');
  const search = await snapshot(page);
  log(`"${QUERY}": ${search.total}; first: ${search.firstTitle}`);
  check(new URL(page.url()).searchParams.get('q') === QUERY, `the URL does not hold the query: ${page.url()}`);
  check(search.results.length > 0, 'no results');
  check(search.firstTitle.includes(FIRST_TITLE), `first result is "${search.firstTitle}", not the seed op-ed`);
  check(search.firstSnippet.includes(FIRST_SNIPPET_TEXT),
        `first snippet lacks "${FIRST_SNIPPET_TEXT}": ${search.firstSnippet}`);
  const marked = new Set(search.firstMarks.map((m) => m.toLowerCase()));
  for (const word of ['naval', 'drills', 'aukus']) {
    check(marked.has(word), `"${word}" is not highlighted in the first snippet; marks: ${search.firstMarks.join(', ')}`);
  }
  // A title's matches are marked as the snippet's ("AUKUS is the right submarine deal, ...").
  check(search.titleMarks.includes('AUKUS'), `no title has AUKUS highlighted; marks: ${search.titleMarks.join(', ')}`);
  check(search.firstTitle.includes(FIRST_TITLE), `the marks changed the first title: ${search.firstTitle}`);
  check(/\d+ paragraphs? in \d+ articles?/.test(search.total), `no total line: "${search.total}"`);
  check(search.actor[ACTOR] > 0, `the actor facet does not offer ${ACTOR}: ${JSON.stringify(search.actor)}`);
  check(search.actorType.state > 0, `the actor type facet does not offer state: ${JSON.stringify(search.actorType)}`);
  check(search.bars > 0, 'no year histogram');

  await page.screenshot({path: path.join(screenshotDir, 'search-desktop.png'), fullPage: true});

  step = `ticking actor ${ACTOR}`;
  before = await renderCount(page);
  await page.locator(`[data-testid="facet-actor"] [data-testid="facet-value"][data-value="${ACTOR}"] input`).check();
  await waitForRender(page, before);
  const filtered = await snapshot(page);
  log(`with actor:${ACTOR}: ${filtered.total}`);
  const filterParams = new URL(page.url()).searchParams.getAll('filter');
  check(filterParams.includes(`actor:${ACTOR}`), `the URL does not hold the filter: ${page.url()}`);
  check(filtered.total !== search.total, `the total did not change: ${filtered.total}`);
  check(JSON.stringify(filtered.results) !== JSON.stringify(search.results), 'the results did not change');
  check(filtered.results.length <= search.actor[ACTOR],
        `${filtered.results.length} results but the facet promised ${search.actor[ACTOR]}`);
  check(JSON.stringify(filtered.topic) !== JSON.stringify(search.topic), 'the topic counts did not change');
  check(filtered.checked.includes(`actor:${ACTOR}`), 'the ticked value is not checked');
  // Multi-select: the actor facet keeps its other values, with counts.
  check(Object.keys(filtered.actor).length > 1, 'the actor facet no longer offers other values');
  check(await page.getByTestId('active-filter').count() === 1, 'no active-filter chip');

  await page.screenshot({path: path.join(screenshotDir, `search-desktop-${ACTOR.toLowerCase()}.png`), fullPage: true});

  step = 'reloading the shared URL';
  const sharedUrl = page.url();
  before = 0;
  await page.reload();
  await waitForRender(page, before);
  const restored = await snapshot(page);
  check(restored.input === QUERY, `the query was not restored: "${restored.input}"`);
  check(restored.total === filtered.total, `total after reload: "${restored.total}", was "${filtered.total}"`);
  check(JSON.stringify(restored.results) === JSON.stringify(filtered.results), 'other results after reload');
  check(restored.checked.includes(`actor:${ACTOR}`), 'the facet tick was not restored');

  step = 'going back';
  before = await renderCount(page);
  await page.goBack();
  await waitForRender(page, before);
  const back = await snapshot(page);
  check(back.total === search.total && back.checked.length === 0, `back did not restore the unfiltered search: ${back.total}`);
  before = await renderCount(page);
  await page.goForward();
  await waitForRender(page, before);
  check((await snapshot(page)).total === filtered.total, 'forward did not restore the filtered search');

  step = 'opening the paragraph';
  before = await renderCount(page);
  await page.getByTestId('result-paragraph-link').first().click();
  await waitForRender(page, before);
  const target = page.locator('[data-testid="article-paragraph"].is-target');
  check(await target.count() === 1, 'no highlighted paragraph in the article view');
  check(/#p\d+$/.test(page.url()), `the article URL has no paragraph anchor: ${page.url()}`);
  check(await target.isVisible() && await target.evaluate((el) => {
    const box = el.getBoundingClientRect();
    return box.top < window.innerHeight && box.bottom > 0;
  }), 'the highlighted paragraph is not scrolled into view');
  // The article marks the query's matches as the results did (it marked nothing).
  const articleMarks = await target.locator('p mark').allTextContents();
  log(`article view marks: ${JSON.stringify(articleMarks)}`);
  check(articleMarks.some((m) => /naval|drill|AUKUS/i.test(m)),
        `the article view marks none of the query's words: ${JSON.stringify(articleMarks)}`);
  check(articleMarks.every((m) => /naval|drill|AUKUS|Japan|Tokyo/i.test(m)),
        `the article view marks what the query did not ask for: ${JSON.stringify(articleMarks)}`);
  await page.screenshot({path: path.join(screenshotDir, 'article-desktop.png')});
  before = await renderCount(page);
  await page.getByTestId('back-to-results').click();
  await waitForRender(page, before);
  check((await snapshot(page)).total === filtered.total, 'back to the results lost the search');

  step = 'phone layout';
  const phone = await browser.newContext({viewport: {width: 390, height: 844}, deviceScaleFactor: 2,
                                          isMobile: true, hasTouch: true});
  const phonePage = await phone.newPage();
  watchPage(phonePage, 'phone', problems);
  await phonePage.goto(sharedUrl);
  await waitForRender(phonePage, 0);
  const onPhone = await snapshot(phonePage);
  check(onPhone.total === filtered.total, `phone shows "${onPhone.total}"`);
  check(await phonePage.getByTestId('facets').isHidden(), 'the facets are not collapsed on a phone');
  let overflow = await noHorizontalOverflow(phonePage);
  check(overflow.scrollWidth <= overflow.width,
        `horizontal overflow on a phone: ${overflow.scrollWidth}px > ${overflow.width}px (${overflow.wide.join(', ')})`);
  await phonePage.screenshot({path: path.join(screenshotDir, 'search-phone.png')});
  await phonePage.getByTestId('facets-toggle').click();
  check(await phonePage.getByTestId('facet-actor').isVisible(), 'the Filters button does not open the facets');
  overflow = await noHorizontalOverflow(phonePage);
  check(overflow.scrollWidth <= overflow.width, `horizontal overflow with facets open: ${overflow.wide.join(', ')}`);
  await phonePage.screenshot({path: path.join(screenshotDir, 'search-phone-filters.png'), fullPage: true});

  step = 'clicking a topic named in passing';
  before = await renderCount(page);
  await page.goto(`${base}?q=${encodeURIComponent(QUERY)}`);
  await waitForRender(page, 0);
  const mention = page.locator('.tag-mentioned_topic').first();
  check(await mention.count() === 1, `no topic shown as named in passing among the results for "${QUERY}"`);
  const mentioned = (await mention.textContent()).trim();
  const unfiltered = (await snapshot(page)).total;
  before = await renderCount(page);
  await mention.click();
  await waitForRender(page, before);
  check(new URL(page.url()).searchParams.getAll('filter').includes(`mentioned_topic:${mentioned}`),
        `clicking the mention ${mentioned} did not filter by mentioned_topic: ${page.url()}`);
  const byMention = await snapshot(page);
  check(byMention.results.length > 0 && byMention.total !== unfiltered,
        `filtering by the mention ${mentioned} gave "${byMention.total}" (was "${unfiltered}")`);

  step = 'an article opened from a search marks its title';
  // As the results' titles are marked; the article view marked its paragraphs only.
  await page.goto(`${base}?q=${encodeURIComponent(QUERY)}&article=mr-2021-aukus-submarines`);
  await waitForRender(page, 0);
  const titleMarks = await page.getByTestId('article-title').locator('mark').allTextContents();
  check(JSON.stringify(titleMarks) === JSON.stringify(['AUKUS']),
        `the article title marks ${JSON.stringify(titleMarks)}, not ["AUKUS"]`);
  check((await page.getByTestId('article-title').textContent()).startsWith('AUKUS is the right submarine deal'),
        'the marks changed the article title');

  check(problems.length === 0, `the page reported problems:\n  ${problems.join('\n  ')}`);
}

await runAndExit(run, {
  name: 'browser.SearchPage',
  step: () => step,
  problems,
  screenshotDir,
  browser: () => browser,
  cleanup: cleanup,
});
