#!/usr/bin/env node
// browser.AnalystViews: drives the search page's analyst panel (web/analysis.js) in headless
// Chromium against a real parley-serve over a fresh index of corpora/, and checks what it
// shows against counts the search API makes another way: the timeline's years against the
// year facet, its archive totals against a year-filtered search, the co-occurrence table
// against the actor facet of the same search, the export's lines against the search total.
//
// Environment: as browser.SearchPage (PARLEY_INDEX_BIN, PARLEY_SERVE_BIN, PARLEY_CORPORA,
// PARLEY_WEB_DIR, SCREENSHOT_DIR, CHROMIUM). Exit status: 0 passed, 1 failed, 77 skipped.

import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

import {browserOrSkip, runAndExit, buildIndex, renderCount, startServer, waitForRender, watch, testEnvironment} from './harness.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..', '..');
const {chromium, chromiumPath, log} = await browserOrSkip('browser.AnalystViews');
const {indexBin, serveBin, corpora, webDir} = testEnvironment('browser.AnalystViews', repo);
const screenshotDir = process.env.SCREENSHOT_DIR || path.join(tmpdir(), 'parley-screenshots');

const ACTOR = 'China';
let step = 'starting';
const problems = [];
const work = mkdtempSync(path.join(tmpdir(), 'parley-analyst-'));
let server = null;
let browser = null;

function check(condition, message) {
  if (!condition) throw new Error(message);
}

async function viewReady(page, testid) {
  await page.waitForFunction((id) => {
    const view = document.querySelector(`[data-testid="${id}"]`);
    return view && !view.hidden && view.dataset.state && view.dataset.state !== 'loading';
  }, testid, {timeout: 15000});
  const state = await page.getByTestId(testid).getAttribute('data-state');
  if (state !== 'ready') {
    const status = await page.locator(`[data-testid="${testid}"] .analysis-status`).textContent();
    throw new Error(`${testid} shows an error: ${status}`);
  }
}

async function api(page, base, target) {
  const response = await page.request.get(new URL(target, base).href);
  check(response.ok(), `GET ${target}: HTTP ${response.status()}`);
  return response;
}

async function run() {
  step = 'indexing corpora/';
  const index = buildIndex(indexBin, corpora, work);
  step = 'starting parley-serve';
  let base;
  ({server, base} = await startServer(serveBin, index, webDir));
  log(`parley-serve at ${base}`);
  browser = await chromium.launch({executablePath: chromiumPath, args: ['--no-sandbox']});
  const page = await (await browser.newContext({viewport: {width: 1280, height: 1000}})).newPage();
  watch(page, 'desktop', problems);

  step = `opening the page filtered by actor:${ACTOR}`;
  await page.goto(`${base}?filter=actor:${ACTOR}`);
  await waitForRender(page, 0);
  // As a query, not a filter: a filter=FACET:VALUE is a multi-select selection, and the
  // selected facet is counted as if unselected.
  const search = await (await api(page, base, `search?q=actor:${ACTOR}&limit=0&facets=year,actor&facet_size=0`)).json();
  check(await page.getByTestId('analysis').isVisible(), 'no analysis panel after a search');

  step = 'the timeline per year against the year facet';
  await page.locator('[data-testid="analysis"] > summary').click();
  await viewReady(page, 'timeline-view');
  await page.getByTestId('timeline-interval').selectOption('year');
  await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="timeline-bar"]')]
    .every((bar) => /^\d{4}$/.test(bar.dataset.label)), null, {timeout: 15000});
  await viewReady(page, 'timeline-view');
  const bars = await page.getByTestId('timeline-bar').evaluateAll((nodes) => nodes.map((n) => ({
    label: n.dataset.label, count: Number(n.dataset.count), archive: Number(n.dataset.archive),
    share: Number(n.dataset.share), height: Number(n.getAttribute('height')),
  })));
  const facetYears = Object.fromEntries(search.facets.year.map((v) => [v.value, v.count]));
  check(bars.length > 3, `only ${bars.length} year bars`);
  const years = bars.map((b) => Number(b.label));
  check(years.every((y, i) => i === 0 || y === years[i - 1] + 1), `years not consecutive: ${years}`);
  for (const bar of bars) {
    check(bar.count === (facetYears[bar.label] || 0),
          `${bar.label}: the timeline shows ${bar.count}, the year facet ${facetYears[bar.label] || 0}`);
  }
  check(bars.some((b) => b.count === 0), 'no empty year shown between the first and the last');
  await page.screenshot({path: path.join(screenshotDir, 'analysis-timeline.png'), fullPage: true});

  step = 'the share toggle';
  const busiest = bars.reduce((a, b) => (b.archive > a.archive ? b : a));
  const archiveYear = await (await api(page, base, `search?filter=year:${busiest.label}&limit=0&facets=none`)).json();
  check(busiest.archive === archiveYear.total_paragraphs,
        `${busiest.label}: archive ${busiest.archive}, a year-filtered search ${archiveYear.total_paragraphs}`);
  await page.getByTestId('timeline-share').check();
  await page.waitForFunction(() => document.querySelector('[data-testid="timeline-view"]').dataset.axis === 'share');
  const shared = await page.getByTestId('timeline-bar').evaluateAll((nodes) => nodes.map((n) => ({
    count: Number(n.dataset.count), archive: Number(n.dataset.archive), share: Number(n.dataset.share),
    height: Number(n.getAttribute('height')),
  })));
  for (const bar of shared) {
    check(Math.abs(bar.share - (bar.archive ? bar.count / bar.archive : 0)) < 1e-9, 'a share is not count / archive');
  }
  const tallest = shared.reduce((a, b) => (b.height > a.height ? b : a));
  check(tallest.share === Math.max(...shared.map((b) => b.share)), 'under the share toggle the tallest bar is not the largest share');
  check(/share/.test(await page.locator('.timeline-svg').getAttribute('aria-label')), 'the chart does not say it shows shares');
  await page.screenshot({path: path.join(screenshotDir, 'analysis-timeline-share.png'), fullPage: true});

  step = 'comparing series on the timeline';
  await page.getByTestId('timeline-compare').fill('actor:Russia, actor:"United States"');
  await page.getByTestId('timeline-compare').press('Enter');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="timeline-series"]').length === 2,
                             null, {timeout: 15000});
  await viewReady(page, 'timeline-view');
  const seriesLines = await page.getByTestId('timeline-series').evaluateAll((nodes) => nodes.map((n) => ({
    name: n.dataset.name, total: Number(n.dataset.total)})));
  for (const line of seriesLines) {
    const both = await (await api(page, base, `search?q=actor:${ACTOR} ${encodeURIComponent(line.name)}&limit=0&facets=none`)).json();
    check(line.total === both.total_paragraphs,
          `series ${line.name}: ${line.total} on the chart, ${both.total_paragraphs} by search`);
  }
  check((await page.getByTestId('timeline-legend').textContent()).includes('United States'), 'no legend for the series');
  await page.screenshot({path: path.join(screenshotDir, 'analysis-timeline-compare.png'), fullPage: true});
  await page.getByTestId('timeline-compare').fill('');
  await page.getByTestId('timeline-compare').press('Enter');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="timeline-bar"]').length > 0, null, {timeout: 15000});

  step = 'co-occurrence against the actor facet';
  await page.getByTestId('tab-cooccur').click();
  await viewReady(page, 'cooccur-view');
  const rows = await page.getByTestId('cooccur-row').evaluateAll((nodes) => nodes.map((n) => ({
    value: n.dataset.value, together: Number(n.dataset.together)})));
  const facetActors = Object.fromEntries(search.facets.actor.map((v) => [v.value, v.count]));
  check(rows.length > 3, `only ${rows.length} co-occurring actors`);
  for (const row of rows) {
    check(row.together === facetActors[row.value],
          `${row.value}: appears with ${row.together} matches, the actor facet says ${facetActors[row.value]}`);
  }
  await page.screenshot({path: path.join(screenshotDir, 'analysis-cooccur.png'), fullPage: true});

  step = 'what stands out, and a click that filters';
  await page.getByTestId('tab-stands-out').click();
  await viewReady(page, 'stands-out-view');
  await page.getByTestId('stands-out-field').selectOption('topic');
  await page.waitForFunction(() => {
    const view = document.querySelector('[data-testid="stands-out-view"]');
    return view.dataset.state === 'ready' && document.querySelector('[data-testid="stands-out-item"]');
  }, null, {timeout: 15000});
  const items = await page.getByTestId('stands-out-item').evaluateAll((nodes) => nodes.map((n) => ({
    value: n.dataset.value, score: Number(n.dataset.score)})));
  const apiItems = (await (await api(page, base, `analyze/stands-out?filter=actor:${ACTOR}&field=topic&limit=15&min_count=2`)).json()).items;
  check(items.length > 0 && JSON.stringify(items.map((i) => i.value)) === JSON.stringify(apiItems.map((i) => i.value)),
        `the page lists ${items.map((i) => i.value)}, the API ${apiItems.map((i) => i.value)}`);
  await page.screenshot({path: path.join(screenshotDir, 'analysis-stands-out.png'), fullPage: true});
  const before = await renderCount(page);
  await page.locator('[data-testid="stands-out-item"] button').first().click();
  await waitForRender(page, before);
  const filters = new URL(page.url()).searchParams.getAll('filter');
  check(filters.includes(`topic:${items[0].value}`), `clicking ${items[0].value} did not filter by it: ${filters}`);

  step = 'the export links';
  const total = (await (await api(page, base, `search?filter=actor:${ACTOR}&filter=topic:${items[0].value}&limit=0&facets=none`)).json()).total_paragraphs;
  await page.waitForFunction((t) => document.querySelector('[data-testid="export-ndjson"]').href.includes(encodeURIComponent(`topic:${t}`)) ||
      document.querySelector('[data-testid="export-ndjson"]').href.includes(`topic%3A${encodeURIComponent(t)}`), items[0].value);
  const ndjson = await (await api(page, base, await page.getByTestId('export-ndjson').getAttribute('href'))).text();
  const lines = ndjson.split('\n').filter(Boolean).map((line) => JSON.parse(line));
  check(lines.length === total, `the NDJSON export has ${lines.length} lines, the search total is ${total}`);
  check(lines.every((hit) => hit.actors.includes(ACTOR) && hit.topics.includes(items[0].value)),
        'an exported hit lacks the filters');
  const csv = await api(page, base, await page.getByTestId('export-csv').getAttribute('href'));
  check(/^text\/csv/.test(csv.headers()['content-type']) && (await csv.text()).startsWith('rank,score,date,article_id'),
        'the CSV export has no header row');

  await pageControls(page, base);
  check(problems.length === 0, `the page reported problems:\n  ${problems.join('\n  ')}`);
}

const resultTexts = (page) => page.getByTestId('result').evaluateAll((nodes) => nodes.map((n) => ({
  article: n.dataset.articleId,
  meta: n.querySelector('[data-testid="result-meta"]').textContent,
  where: n.querySelector('.hit-where').textContent,
})));

// The search page's own controls the analyst uses: the order an empty query really has, the
// notes' icon, one hit per article, a date range, the author facet.
async function pageControls(page, base) {
  step = 'an empty query: the sort menu says newest first';
  let before = await renderCount(page);
  await page.goto(base);
  await waitForRender(page, 0);
  check(await page.getByTestId('sort').inputValue() === 'date',
        `an empty query is labelled "${await page.getByTestId('sort').inputValue()}", but comes newest first`);

  step = 'the notes icon';
  await page.goto(`${base}?q=aukus`);
  await waitForRender(page, 0);
  const icon = await page.evaluate(() => {
    const li = document.querySelector('[data-testid="notes"] li');
    if (!li) return null;
    const style = getComputedStyle(li, '::before');
    return {content: style.content, width: parseFloat(style.width), radius: style.borderTopLeftRadius};
  });
  // (Its alternative text, after the "/", is empty: a screen reader does not read the "i".)
  check(icon && /^"i"( \/ "")?$/.test(icon.content) && icon.width > 0 && icon.radius === '50%',
        `the notes' icon is not a drawn "i": ${JSON.stringify(icon)}`);
  await page.getByTestId('notes').screenshot({path: path.join(screenshotDir, 'notes-icon.png')});

  step = 'one hit per article';
  await page.goto(`${base}?q=sanctions`);
  await waitForRender(page, 0);
  before = await renderCount(page);
  await page.getByTestId('group-articles').check();
  await waitForRender(page, before);
  check(new URL(page.url()).searchParams.get('group') === 'article', 'the URL does not keep group=article');
  const grouped = await (await api(page, base, 'search?q=sanctions&group=article&limit=10&facets=none')).json();
  const shown = await resultTexts(page);
  check(new Set(shown.map((r) => r.article)).size === shown.length, 'two hits of one article while grouped');
  check(shown.length === Math.min(10, grouped.total) && grouped.total === grouped.total_articles,
        `grouped: ${shown.length} hits shown, the API has ${grouped.total} of ${grouped.total_articles} articles`);
  check(shown.some((r) => /\d+ paragraphs match/.test(r.where)), 'no grouped hit says how many of its paragraphs match');
  check((await page.getByTestId('total').textContent()).includes(`${grouped.total}`), 'the total does not count articles');
  await page.screenshot({path: path.join(screenshotDir, 'grouped-by-article.png')});
  before = await renderCount(page);
  await page.getByTestId('group-articles').uncheck();
  await waitForRender(page, before);

  step = 'a date range';
  before = await renderCount(page);
  await page.getByTestId('date-from').fill('2022-01-01');
  await waitForRender(page, before);
  before = await renderCount(page);
  await page.getByTestId('date-to').fill('2023-06-30');
  await waitForRender(page, before);
  const url = new URL(page.url()).searchParams;
  check(url.get('from') === '2022-01-01' && url.get('to') === '2023-06-30', `the URL lacks the range: ${page.url()}`);
  const ranged = await (await api(page, base, 'search?q=sanctions&filter=date:2022-01-01..2023-06-30&limit=0&facets=none')).json();
  const totalText = await page.getByTestId('total').textContent();
  check(totalText.includes(`${ranged.total_paragraphs} paragraph`),
        `with the range the page says "${totalText}", the API ${ranged.total_paragraphs}`);
  for (const r of await resultTexts(page)) {
    check(/2022|2023/.test(r.meta), `a hit outside the range: ${r.meta}`);
  }
  await page.screenshot({path: path.join(screenshotDir, 'date-range.png')});
  before = await renderCount(page);
  await page.getByTestId('date-clear').click();
  await waitForRender(page, before);
  check(!new URL(page.url()).searchParams.get('from'), 'clearing the dates left them in the URL');

  step = 'the author facet';
  const author = await page.locator('[data-testid="facet-author"] [data-testid="facet-value"]').first();
  const name = await author.getAttribute('data-value');
  const count = Number(await author.getAttribute('data-count'));
  check(name && count > 0, 'the author facet lists nobody');
  before = await renderCount(page);
  await author.locator('input').check();
  await waitForRender(page, before);
  check((await page.getByTestId('total').textContent()).includes(`${count} paragraph`),
        `ticking ${name} (${count}) gives "${await page.getByTestId('total').textContent()}"`);
  for (const r of await resultTexts(page)) check(r.meta.includes(name), `a hit not by ${name}: ${r.meta}`);
  // Each hit marks the author the filter selects, and only that name.
  const authorMarks = await page.locator('[data-testid="result"] .hit-authors').evaluateAll(
    (spans) => spans.map((s) => [...s.querySelectorAll('mark')].map((m) => m.textContent)));
  check(authorMarks.length > 0 && authorMarks.every((m) => m.length === 1 && m[0] === name),
        `the hits' author marks are ${JSON.stringify(authorMarks)}, not [${name}] each`);
  await page.getByTestId('facet-author').screenshot({path: path.join(screenshotDir, 'author-facet.png')});
}

await runAndExit(run, {
  name: 'browser.AnalystViews',
  step: () => step,
  problems,
  screenshotDir,
  browser: () => browser,
  cleanup: () => {
    if (server && server.exitCode === null) server.kill('SIGTERM');
    rmSync(work, {recursive: true, force: true});
  },
});
