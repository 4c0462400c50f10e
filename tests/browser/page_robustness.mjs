#!/usr/bin/env node
// browser.PageRobustness: the search page (web/) where a demanding user strays from the happy
// path, in headless Chromium against a real parley-serve over corpora/ plus articles of its
// own with hostile text. Every check runs and the failures are reported together:
//  - hostile text: markup in titles, names and paragraphs stays text (and would not run: the
//    page's Content-Security-Policy refuses inline scripts and handlers); a right-to-left
//    override never closed in an author's name, a source or a facet value does not reverse
//    the date or the chip beside it; results in Russian and Chinese carry their language;
//  - keyboard: a page link, a tag, a filter chip and "Back to the results" leave the focus
//    on something sensible (the new page's top, the same tag, the next chip, the link that
//    opened the article), never on <body>; a new page is scrolled to its top;
//  - history: searching again for what is shown adds no step to go back through;
//  - a facet value typed in another case (actor:china) ticks the facet's own value;
//  - "did you mean" is said once;
//  - the server stopped mid-use: the error names the cause, offers "Try again", and nothing
//    of the previous search stays on show (the analyst's panel); "Try again" works once the
//    server is back;
//  - a facet with more values than a search answer carries (260 authors): the answer stays
//    small, "Show all" and the facet's box still reach every value;
//  - on a phone, a value ticked in the open list of filters: "Show N paragraphs" in view,
//    which closes the list and shows the results;
//  - "words only" (entities=false) for a word naming an actor, in the URL and the export;
//  - a field's value completed from its facet (actor:chi -> actor:China);
//  - the export lists the matches in the order shown (oldest first);
//  - the timeline: what the server says of a "Compare" series it cannot read; its numbers as a table, by keyboard, row for bar; a single "Compare" series is drawn as that series, with a legend; no
//    caption of a previous chart beside "No dated paragraph matches."; counts of one are
//    singular.
//
// Environment: as browser.SearchPage (PARLEY_INDEX_BIN, PARLEY_SERVE_BIN, PARLEY_CORPORA,
// PARLEY_WEB_DIR, SCREENSHOT_DIR, CHROMIUM). Exit status: 0 passed, 1 failed, 77 skipped.

import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

import {browserOrSkip, buildIndex, renderCount, runAndExit, startServer, waitForRender, watch, testEnvironment} from './harness.mjs';

const NAME = 'browser.PageRobustness';
const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..', '..');
const {chromium, chromiumPath, log} = await browserOrSkip(NAME);
const {indexBin, serveBin, corpora, webDir} = testEnvironment(NAME, repo);
const screenshotDir = process.env.SCREENSHOT_DIR || path.join(tmpdir(), 'parley-screenshots');

const RLO = '\u202e';  // RIGHT-TO-LEFT OVERRIDE, never closed below
const HOSTILE = [
  {id: 'hostile-markup', title: '<img src=x onerror="window.injected=1"> <script>window.injected=2</script> Quillwort',
   authors: ['<b>Bold</b> Author'], date: '2024-03-01', source: '<i>Source</i>',
   url: 'javascript:window.injected=3',
   paragraphs: ['Quillwort <script>window.injected=4</script> and <b>bold</b> claims about sanctions.']},
  {id: 'hostile-bidi', title: `${RLO}Override title`, authors: [`${RLO}Override Author`], date: '2024-04-01',
   source: `${RLO}Override Source`, paragraphs: ['Hornwort sanctions regime, and then the date follows.']},
];

// An archive with many authors: more than a search answer carries per facet.
const MANY = 260;
const MANY_AUTHORS = Array.from({length: MANY}, (_, i) => ({
  id: `moonwort-${i}`, title: `Moonwort note ${i}`, authors: [`Moonwort Writer ${String(i).padStart(3, '0')}`],
  date: '2001-05-01', paragraphs: [`Moonwort observations, number ${i}.`],
}));

let step = 'starting';
const problems = [];
const failures = [];
const work = mkdtempSync(path.join(tmpdir(), 'parley-robust-'));
let server = null;
let browser = null;

// A failed expectation is noted and the test goes on: one run reports every defect.
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

const activeElement = (page) => page.evaluate(() => {
  const a = document.activeElement;
  if (!a || a === document.body) return 'body';
  return a.id ? `#${a.id}` : `${a.tagName.toLowerCase()}.${a.className} "${a.textContent.trim().slice(0, 40)}"`;
});

// Whether the characters of an element's text are laid out left to right (a date read as
// "1 April 2024", not "4202 lirpA 1").
const laidOutLeftToRight = (locator) => locator.evaluate((el) => {
  const text = el.firstChild;
  const range = document.createRange();
  const x = (i) => {
    range.setStart(text, i);
    range.setEnd(text, i + 1);
    return range.getBoundingClientRect().left;
  };
  return x(0) < x(text.length - 1);
});

async function go(page, base, query) {
  await page.goto(new URL(query, base).href);
  await waitForRender(page, 0);
}

async function act(page, action) {
  const before = await renderCount(page);
  await action();
  await waitForRender(page, before);
}

async function hostileText(page, base) {
  step = 'hostile text';
  await go(page, base, '?q=quillwort');
  const injected = await page.evaluate(() => ({
    flag: window.injected ?? null,
    elements: document.querySelectorAll('#main img, #main script, #main b, #main i').length,
    links: [...document.querySelectorAll('#main a[href^="javascript:"]')].length,
  }));
  expect(injected.flag === null && injected.elements === 0 && injected.links === 0,
         `markup from the archive became page markup: ${JSON.stringify(injected)}`);
  expect((await page.getByTestId('result-title').first().textContent()).includes('<script>'),
         'the title with markup is not shown as text');
  // Should markup ever get in, the page's Content-Security-Policy keeps it from running.
  const before = problems.length;
  const ran = await page.evaluate(async () => {
    const script = document.createElement('script');
    script.textContent = 'window.inlineRan = true;';
    document.body.append(script);
    const img = document.createElement('img');
    img.setAttribute('onerror', 'window.handlerRan = true;');
    img.src = 'data:,';
    document.body.append(img);
    await new Promise((resolve) => setTimeout(resolve, 200));
    img.remove();
    script.remove();
    return Boolean(window.inlineRan || window.handlerRan);
  });
  problems.splice(before);  // the refusals are reported on the console, as they should be
  expect(!ran, 'an inline script or event handler put in the page runs: no Content-Security-Policy');

  step = 'bidi controls';
  await go(page, base, '?q=hornwort');
  const hit = page.locator('[data-testid="result"][data-article-id="hostile-bidi"]');
  expect(await hit.count() === 1, 'the article with bidi overrides is not found');
  expect(await laidOutLeftToRight(hit.locator('time')),
         'an override in the author\'s name reverses the date beside it in the result');
  await act(page, () => page.locator(`[data-testid="facet-author"] [data-value="${RLO}Override Author"] input`).check());
  const chip = page.getByTestId('active-filter').first();
  // The chip reads "author: <value> ×": the × is the rightmost thing in it.
  const chipOrder = await chip.evaluate((el) => {
    const x = el.querySelector('.chip-x').getBoundingClientRect();
    const range = document.createRange();
    range.selectNodeContents(el);
    return Math.max(...[...range.getClientRects()].map((r) => r.right)) <= x.right + 0.5;
  });
  expect(chipOrder, 'an override in a filter value moves the chip\'s × inside it');
  await act(page, () => hit.getByTestId('result-paragraph-link').click());
  expect(await laidOutLeftToRight(page.locator('[data-testid="article-view"] .hit-meta time')),
         'an override in the author\'s name reverses the date in the article view');
  expect(!(await page.title()).startsWith('Parley'), `the document title: ${await page.title()}`);

  step = 'languages';
  await go(page, base, `?q=${encodeURIComponent('арктике')}`);
  const ru = page.getByTestId('result').first();
  expect(await ru.getByTestId('result-snippet').getAttribute('lang') === 'ru', 'a Russian snippet has no lang="ru"');
  expect(await ru.getByTestId('result-title').getAttribute('lang') === 'ru', 'a Russian title has no lang="ru"');
  await go(page, base, `?q=${encodeURIComponent('全球发展倡议')}`);
  expect(await page.getByTestId('result-snippet').first().getAttribute('lang') === 'zh',
         'a Chinese snippet has no lang="zh"');
}

async function keyboard(page, base) {
  step = 'keyboard paging';
  await go(page, base, '?q=sanctions');
  const next = page.locator('[data-testid="pager"] .page-next');
  await next.focus();
  await act(page, () => page.keyboard.press('Enter'));
  expect(new URL(page.url()).searchParams.get('page') === '2', `Next did not open page 2: ${page.url()}`);
  expect(await activeElement(page) === '#main', `after Next the focus is on ${await activeElement(page)}, not the results`);
  const firstTop = await page.getByTestId('result').first().evaluate((el) => el.getBoundingClientRect().top);
  expect(firstTop >= 0 && firstTop < await page.evaluate(() => innerHeight),
         `page 2's first result is off screen (top ${Math.round(firstTop)}px): the view stayed at the pager`);

  step = 'keyboard tags';
  await go(page, base, '?q=sanctions');
  const tag = page.locator('[data-testid="result"] .tag-actor').first();
  const tagText = await tag.textContent();
  await tag.focus();
  await act(page, () => page.keyboard.press('Enter'));
  const afterTag = await page.evaluate(() => {
    const a = document.activeElement;
    return {tag: a.classList.contains('tag'), pressed: a.getAttribute('aria-pressed'), text: a.textContent};
  });
  expect(afterTag.tag && afterTag.pressed === 'true' && afterTag.text === tagText,
         `after ticking the tag ${tagText} the focus is on ${await activeElement(page)}, not the tag`);

  step = 'keyboard chips';
  await go(page, base, '?q=sanctions&filter=actor%3AChina&filter=actor%3ARussia');
  await page.getByTestId('active-filter').first().focus();
  await act(page, () => page.keyboard.press('Enter'));
  const afterChip = await activeElement(page);
  expect(afterChip.includes('chip') && afterChip.includes('Russia'),
         `after removing the first chip the focus is on ${afterChip}, not the next chip`);
  if (afterChip.includes('chip')) {
    await act(page, () => page.keyboard.press('Enter'));
    expect(await activeElement(page) === '#main', `after removing the last chip the focus is on ${await activeElement(page)}`);
  }

  step = 'keyboard back to the results';
  await go(page, base, '?q=sanctions');
  const link = page.getByTestId('result-paragraph-link').nth(6);
  const label = await link.getAttribute('aria-label');
  await link.focus();
  await act(page, () => page.keyboard.press('Enter'));
  await page.getByTestId('back-to-results').focus();
  await act(page, () => page.keyboard.press('Enter'));
  const back = await page.evaluate(() => document.activeElement.getAttribute('aria-label'));
  expect(back === label, `back at the results the focus is on ${await activeElement(page)}, not "${label}"`);
}

async function historyAndSuggestion(page, base) {
  step = 'history';
  await go(page, base, '?q=sanctions');
  const length = await page.evaluate(() => history.length);
  await page.getByTestId('search-input').focus();
  await act(page, () => page.keyboard.press('Enter'));
  await act(page, () => page.keyboard.press('Enter'));
  const grown = await page.evaluate(() => history.length) - length;
  expect(grown === 0, `searching again for the same query added ${grown} history steps`);

  step = 'a value spelled in another case';
  await go(page, base, '?q=sanctions&filter=actor%3Achina&filter=actor%3AChina');
  const ticked = await page.locator('[data-testid="facet-actor"] [data-testid="facet-value"]:has(input:checked)')
    .evaluateAll((items) => items.map((li) => li.dataset.value));
  expect(JSON.stringify(ticked) === '["China"]', `actor:china ticks ${JSON.stringify(ticked)}, not China`);
  expect(new URL(page.url()).searchParams.getAll('filter').join() === 'actor:China',
         `the URL keeps the other spelling: ${page.url()}`);

  step = 'did you mean';
  await go(page, base, '?q=sanctoins');
  await page.getByTestId('did-you-mean-link').waitFor({timeout: 5000}).catch(() => {});
  expect(await page.getByTestId('did-you-mean').isVisible(), 'no "Did you mean" for sanctoins');
  const notes = await page.getByTestId('notes').textContent();
  expect(!/did you mean/i.test(notes), `"did you mean" is said twice, also as a note: ${notes}`);
}

async function timeline(page, base) {
  const view = page.getByTestId('timeline-view');
  const ready = () => page.waitForFunction(() => {
    const v = document.querySelector('[data-testid="timeline-view"]');
    return v.dataset.state && v.dataset.state !== 'loading';
  }, null, {timeout: 15000});
  const caption = () => page.getByTestId('timeline-caption').textContent();

  step = 'timeline of one paragraph';
  await go(page, base, '?q=quillwort');
  await page.locator('[data-testid="analysis"] > summary').click();
  await ready();
  expect(/^1 dated paragraph;/.test(await caption()) && /: 1 paragraph\.$/.test(await caption()),
         `counts of one in the caption: "${await caption()}"`);

  step = 'timeline numbers';
  await go(page, base, '?q=sanctions');
  await page.locator('[data-testid="analysis"] > summary').click();
  await ready();
  const numbers = page.locator('.timeline-numbers > summary');
  expect(await numbers.count() === 1, 'the timeline\'s numbers are only in the SVG (one image to a screen reader)');
  if (await numbers.count() === 1) {
    await numbers.focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="timeline-table"] tbody tr').length > 0,
                               null, {timeout: 5000}).catch(() => {});
    const table = await page.evaluate(() => ({
      rows: [...document.querySelectorAll('[data-testid="timeline-table"] tbody tr')]
        .map((tr) => `${tr.cells[0].textContent}=${tr.cells[1].textContent}`),
      bars: [...document.querySelectorAll('[data-testid="timeline-bar"]')]
        .map((bar) => `${bar.dataset.label}=${Number(bar.dataset.count).toLocaleString('en')}`),
    }));
    expect(table.rows.length > 0 && JSON.stringify(table.rows) === JSON.stringify(table.bars),
           `the table's rows differ from the bars: ${table.rows.slice(0, 3)} vs ${table.bars.slice(0, 3)}`);
  }

  step = 'timeline compare one series';
  await go(page, base, '?q=sanctions');
  await page.locator('[data-testid="analysis"] > summary').click();
  await ready();
  await page.getByTestId('timeline-compare').fill('actor:Russia');
  await page.getByTestId('timeline-compare').press('Enter');
  await page.getByTestId('timeline-legend').waitFor({timeout: 5000}).catch(() => {});
  expect(await page.getByTestId('timeline-legend').isVisible(),
         'one "Compare" series is drawn without a legend, as if it were the matches');

  step = 'timeline compare a series it cannot read';
  await go(page, base, '?q=iran');  // the search's own note: entity matching
  await page.locator('[data-testid="analysis"] > summary').click();
  await ready();
  await page.getByTestId('timeline-compare').fill('actor:Russia, year:twenty');
  await page.getByTestId('timeline-compare').press('Enter');
  await page.locator('[data-testid="timeline-view"] [data-testid="analysis-notes"]').waitFor({timeout: 5000}).catch(() => {});
  const notes = await page.locator('[data-testid="timeline-view"] [data-testid="analysis-notes"]').textContent().catch(() => '');
  expect(/twenty/.test(notes), `"year:twenty" is drawn as every match, unsaid (notes: "${notes}")`);
  expect(!/entity matching/.test(notes), `the panel repeats the search's own notes: "${notes}"`);

  step = 'timeline with no dated matches';
  await page.getByTestId('timeline-compare').fill('');
  await page.getByTestId('timeline-compare').press('Enter');
  await ready();
  await act(page, async () => {
    await page.getByTestId('search-input').fill('zzzqqqxx');
    await page.getByTestId('search-input').press('Enter');
  });
  await ready();
  const status = await view.locator('.analysis-status').textContent();
  expect(/No dated paragraph/.test(status), `no "No dated paragraph matches": "${status}"`);
  expect((await caption()) === '', `a previous chart's caption stays beside "${status}": "${await caption()}"`);
}

// The export lists the matches in the order the page shows them.
async function exportOrder(page, base) {
  step = 'export order';
  await go(page, base, '?q=sanctions&sort=date-asc');
  const shown = await page.getByTestId('result').evaluateAll((items) => items.map((li) =>
    `${li.dataset.articleId}#${/paragraph (\d+)/.exec(li.querySelector('[data-testid="result-paragraph-link"]').textContent)[1]}`));
  const href = await page.getByTestId('export-ndjson').getAttribute('href');
  const response = await page.request.get(new URL(href, base).href);
  const exported = (await response.text()).trim().split('\n').slice(0, shown.length)
    .map((line) => JSON.parse(line)).map((hit) => `${hit.article_id}#${hit.paragraph}`);
  expect(JSON.stringify(exported) === JSON.stringify(shown),
         `the export is not in the order shown (oldest first): ${exported.slice(0, 3)} vs ${shown.slice(0, 3)}`);
}

// A facet with more values than one answer carries: each search stays small, and "Show all"
// and the facet's box still reach every value.
async function manyValues(page, base) {
  step = 'many facet values';
  const answers = [];
  const listen = (response) => {
    const url = new URL(response.url());
    if (url.pathname.endsWith('/search') && (url.searchParams.get('facets') || '').includes(',')) {
      answers.push(response.json().catch(() => null));
    }
  };
  page.on('response', listen);
  await go(page, base, '?q=moonwort');
  page.off('response', listen);
  const first = (await Promise.all(answers)).filter(Boolean).pop();
  const sent = first ? first.facets.author.map((v) => v.value) : [];
  expect(sent.length > 0 && sent.length < MANY,
         `a search sends ${sent.length} of the ${MANY} authors: every value of every facet with every page`);
  const author = page.locator('[data-testid="facet-author"]');
  const shown = () => author.locator('[data-testid="facet-value"]').count();
  await author.locator('.facet-more').click();
  await page.waitForFunction((n) => document.querySelectorAll(
    '[data-testid="facet-author"] [data-testid="facet-value"]').length >= n, MANY, {timeout: 5000}).catch(() => {});
  expect(await shown() === MANY, `"Show all" lists ${await shown()} of the ${MANY} authors`);
  await author.locator('.facet-more').click();
  await go(page, base, '?q=moonwort');
  const missing = MANY_AUTHORS.map((a) => a.authors[0]).find((name) => !sent.includes(name)) || 'Moonwort Writer 259';
  await page.getByTestId('facet-filter-author').fill(missing.replace('Moonwort Writer ', 'writer '));
  await author.locator(`[data-value="${missing}"]`).waitFor({timeout: 5000}).catch(() => {});
  expect(await author.locator(`[data-value="${missing}"]`).count() === 1,
         `the author box does not find ${missing}, past the values the search sent`);
}

// On a phone the results are below the whole open list of filters: a value ticked there
// must not leave the reader to scroll past every facet to see what it did.
async function phoneFilters(browserInstance, base) {
  step = 'phone filters';
  const phone = await browserInstance.newContext({viewport: {width: 390, height: 844}, isMobile: true, hasTouch: true});
  const page = await phone.newPage();
  watch(page, 'phone', problems);
  await go(page, base, '?q=sanctions');
  await page.getByTestId('facets-toggle').click();
  await act(page, () => page.locator('[data-testid="facet-topic"] input').nth(1).check());
  const done = page.getByTestId('facets-done');
  const box = await done.boundingBox().catch(() => null);
  const total = await page.getByTestId('total').textContent();
  const count = /^[\d,]+ paragraphs?/.exec(total)?.[0];
  expect(box && box.y >= 0 && box.y + box.height <= 844 && (await done.textContent()).includes(count),
         `after ticking a topic no "Show ${count}" in view (${box ? Math.round(box.y) : 'none'}): the results are far below`);
  if (box) {
    await done.click();
    const top = await page.getByTestId('total').evaluate((el) => el.getBoundingClientRect().top);
    expect(await page.getByTestId('facets').isHidden() && top >= 0 && top < 844,
           `"Show the results" left the results out of view (total at ${Math.round(top)}px)`);
  }
  await phone.close();
}

// The note on entity matching says how to turn it off: the page has to offer that too.
async function wordsOnly(page, base) {
  step = 'words only';
  await go(page, base, '?q=iran');
  const withTags = await page.getByTestId('total').textContent();
  const toggle = page.getByTestId('words-only');
  expect(await toggle.count() === 1, 'no way to search the words only (the note names CLI flags the page lacks)');
  if (await toggle.count() !== 1) return;
  await act(page, () => toggle.check());
  const words = await page.getByTestId('total').textContent();
  expect(parseInt(words, 10) < parseInt(withTags, 10), `words only: "${words}", with tags: "${withTags}"`);
  expect(!/entity matching/.test(await page.getByTestId('notes').textContent()), 'the entity note stays');
  expect(new URL(page.url()).searchParams.get('entities') === 'off', `the URL does not hold it: ${page.url()}`);
  expect((await page.getByTestId('export-csv').getAttribute('href')).includes('entities=false'),
         'the export still matches the tags');
  await page.reload();
  await waitForRender(page, 0);
  expect(await toggle.isChecked() && await page.getByTestId('total').textContent() === words, 'a reload lost it');
}

// The query syntax's fields are completed with their values, as words are.
async function fieldCompletion(page, base) {
  step = 'completing a field value';
  await go(page, base, '');
  const input = page.getByTestId('search-input');
  for (const [typed, expected] of [['sanctions actor:chi', 'sanctions actor:China'],
                                   ['author:"kenji m', 'author:"Kenji Morishita"']]) {
    await input.fill('');
    await input.pressSequentially(typed, {delay: 10});
    await page.getByTestId('suggestion').first().waitFor({timeout: 3000}).catch(() => {});
    const offered = await page.getByTestId('suggestion').allTextContents();
    expect(offered.includes(expected), `"${typed}" offers ${JSON.stringify(offered)}, not ${expected}`);
  }
  await input.press('Escape');
}

async function serverStopped(page, base, index) {
  step = 'server stopped';
  await go(page, base, '?q=sanctions');
  await page.locator('[data-testid="analysis"] > summary').click();
  const listen = new URL(base).host;
  server.kill('SIGTERM');
  await new Promise((resolve) => server.once('exit', resolve));
  await act(page, () => page.getByTestId('result-paragraph-link').first().click()).catch(() => {});
  const article = await page.getByTestId('article-view').textContent();
  expect(/did not answer/.test(article) && await page.getByTestId('article-view').getByTestId('retry').count() === 1,
         `opening an article with the server stopped: "${article}", no "Try again"`);
  await act(page, async () => {
    await page.getByTestId('search-input').fill('naval drills');
    await page.getByTestId('search-input').press('Enter');
  }).catch(() => {});  // the render ends in an error, as it should
  const message = await page.getByTestId('message').textContent();
  expect(/did not answer/.test(message), `the error does not say the server did not answer: "${message}"`);
  expect(await page.getByTestId('analysis').isHidden(),
         'the analyst\'s panel still shows the previous search (and exports it) after the search failed');
  expect(await page.locator('.facet-empty').count() === 0, 'the facets say "None" for a search that failed');
  const retry = page.getByTestId('retry');
  expect(await retry.count() === 1, 'no "Try again" after the server did not answer');

  step = 'server back';
  ({server} = await startServer(serveBin, index, webDir, listen));
  if (await retry.count() === 1) {
    await act(page, () => retry.click());
    expect(await page.getByTestId('result').count() > 0, '"Try again" found nothing');
    expect(await page.getByTestId('analysis').isVisible(), 'the analyst\'s panel did not come back');
  }
}

async function run() {
  step = 'indexing corpora/ and the hostile articles';
  const extra = path.join(work, 'hostile');
  mkdirSync(extra);
  writeFileSync(path.join(extra, 'hostile.jsonl'),
                [...HOSTILE, ...MANY_AUTHORS].map((a) => JSON.stringify(a)).join('\n') + '\n');
  const index = buildIndex(indexBin, corpora, work, [extra]);
  step = 'starting parley-serve';
  let base;
  ({server, base} = await startServer(serveBin, index, webDir));
  log(`parley-serve at ${base}`);
  step = 'launching Chromium';
  browser = await chromium.launch({executablePath: chromiumPath, args: ['--no-sandbox']});
  const page = await (await browser.newContext({viewport: {width: 1280, height: 800}})).newPage();
  watch(page, 'desktop', problems);
  page.on('dialog', (dialog) => {
    problems.push(`a dialog opened: ${dialog.message()}`);
    dialog.dismiss().catch(() => {});
  });

  await hostileText(page, base);
  await keyboard(page, base);
  await historyAndSuggestion(page, base);
  await timeline(page, base);
  await exportOrder(page, base);
  await manyValues(page, base);
  await phoneFilters(browser, base);
  await wordsOnly(page, base);
  await fieldCompletion(page, base);
  await page.screenshot({path: path.join(screenshotDir, 'robustness-desktop.png')});
  const before = problems.length;
  await serverStopped(page, base, index);
  // The stopped server's refused requests are the point of that step, not problems.
  problems.splice(before);

  step = 'finishing';
  if (problems.length) failures.push(...problems);
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
