// Parley's search page: plain JavaScript, no framework, no build step.
//
// The whole state (q, filters, sort, page, and the article being read) lives in the URL's
// query string, so a search can be shared and the browser's back and forward buttons work.
// Every piece of text from the server is put in the page with textContent or text nodes,
// never as HTML.
'use strict';

(() => {
  const FACETS = ['actor', 'actor_type', 'topic', 'year', 'author', 'source'];
  const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
  const SORTS = ['relevance', 'date', 'date-asc'];
  const PAGE_SIZE = 10;
  // The server pages through the first 10,000 matches only (offset + limit); past them a
  // query must be narrowed, so the pager offers no page beyond.
  const RESULT_WINDOW = 10000;
  const LAST_PAGE = Math.floor(RESULT_WINDOW / PAGE_SIZE);
  const FACET_SHOWN = 8;        // values listed before "Show all"
  // Values per facet asked with each search. Every list as first shown, and the year
  // histogram of any archive but a very old one, need no more, and an archive of 50,000
  // authors does not send them all (megabytes) with every page turned. A facet that has
  // more (the answer holds one value over) gets its full list in one more request when it
  // is shown in full, searched with its box, holds a ticked value past them, or is drawn
  // (the years).
  const FACET_VALUES = 200;
  const SUGGEST_DELAY_MS = 150;
  const SNIPPET_LENGTH = 220;
  const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August',
                  'September', 'October', 'November', 'December'];

  const $ = (selector, root = document) => root.querySelector(selector);
  const $$ = (selector, root = document) => Array.from(root.querySelectorAll(selector));

  // ---------------------------------------------------------------- DOM helpers

  // h('a', {href: url, class: 'x'}, 'text', child): builds an element. Strings become text
  // nodes, so nothing is ever parsed as HTML.
  function h(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === 'class') node.className = value;
      else if (key === 'dataset') Object.assign(node.dataset, value);
      else if (key.startsWith('on') && typeof value === 'function') {
        node.addEventListener(key.slice(2), value);
      } else node.setAttribute(key, value === true ? '' : String(value));
    }
    for (const child of children.flat(Infinity)) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : String(child));
    }
    return node;
  }

  // A value from the archive (a name, a title, a source) in a run of its own: a bidi control
  // in it, such as a right-to-left override never closed, ends with it instead of reversing
  // the date or the names beside it, and each value takes its own direction (an Arabic name
  // reads right to left inside an English line).
  const iso = (text, attrs) => h('bdi', attrs, text);

  // The same for text that can only be a string (document.title): first-strong isolate
  // and pop directional isolate around it.
  const isoText = (text) => `\u2068${text}\u2069`;

  // A language tag from the data as an element's lang (a screen reader's voice, the glyphs
  // of Chinese and Japanese), or null.
  const langOf = (tag) => (typeof tag === 'string' && /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/.test(tag) ? tag : null);

  // The analyst's panel (analysis.js) builds its elements and asks the server with the same
  // helpers (getJson is hoisted from below).
  window.ParleyPage = {h, iso, getJson};

  // Only http(s) links from the data become hrefs (no javascript: or data: URLs).
  function safeUrl(url) {
    if (typeof url !== 'string' || !url) return null;
    try {
      const parsed = new URL(url, location.href);
      return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
    } catch {
      return null;
    }
  }

  const numberFormat = new Intl.NumberFormat('en');
  const fmt = (n) => numberFormat.format(Number(n) || 0);
  const plural = (n, one, many) => `${fmt(n)} ${Number(n) === 1 ? one : many}`;

  function formatDate(date) {
    if (!date) return 'undated';
    const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(date);
    if (!m) return date;
    const month = m[2] ? MONTHS[Number(m[2]) - 1] : null;
    if (m[3] && month) return `${Number(m[3])} ${month} ${m[1]}`;
    if (month) return `${month} ${m[1]}`;
    return m[1];
  }

  function dateNode(date) {
    return date ? h('time', {datetime: date}, formatDate(date)) : h('span', null, 'undated');
  }

  // The snippet with its matches in <mark>. `spans` are [begin, end) byte offsets into the
  // UTF-8 text, while JavaScript strings count UTF-16 units: cut the UTF-8 bytes, decode
  // each piece.
  function highlighted(text, spans) {
    const fragment = document.createDocumentFragment();
    const bytes = new TextEncoder().encode(text || '');
    const decoder = new TextDecoder();
    const cuts = (Array.isArray(spans) ? spans : [])
      .filter((span) => Array.isArray(span) && span.length >= 2)
      .map(([begin, end]) => [Math.max(0, Number(begin) | 0), Math.min(bytes.length, Number(end) | 0)])
      .filter(([begin, end]) => end > begin)
      .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    let position = 0;
    for (const [begin, end] of cuts) {
      if (begin < position) continue;  // overlapping span: keep the first
      if (begin > position) fragment.append(decoder.decode(bytes.subarray(position, begin)));
      fragment.append(h('mark', null, decoder.decode(bytes.subarray(begin, end))));
      position = end;
    }
    if (position < bytes.length) fragment.append(decoder.decode(bytes.subarray(position)));
    return fragment;
  }

  // Accent- and case-insensitive comparison key for the facet value search.
  const foldKey = (s) => String(s).normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();

  // ---------------------------------------------------------------- state and URL

  const elements = {
    form: $('#search-form'),
    input: $('#q'),
    suggestions: $('#suggestions'),
    layout: $('#layout'),
    facetsToggle: $('#facets-toggle'),
    clearFilters: $('#clear-filters'),
    facetsDone: $('#facets-done'),
    main: $('#main'),
    resultsView: $('#results-view'),
    articleView: $('#article-view'),
    didYouMean: $('#did-you-mean'),
    total: $('#total'),
    sort: $('#sort'),
    group: $('#group-articles'),
    words: $('#words-only'),
    dateFrom: $('#date-from'),
    dateTo: $('#date-to'),
    dateClear: $('#date-clear'),
    activeFilters: $('#active-filters'),
    histogram: $('#histogram'),
    histogramBars: $('#histogram-bars'),
    message: $('#message'),
    hits: $('#hits'),
    pager: $('#pager'),
    notes: $('#notes'),
    announcer: $('#announcer'),
    skipLink: $('#skip-link'),
  };

  let state = readState();
  let lastSearch = null;          // the last /search response, for the facet value search
  let lastSearchParams = '';      // what it was asked with, but for facets and paging
  let fullFacets = new Map();     // facet -> every value, for lastSearch, once loaded
  let fullFacetLoads = new Map(); // facet -> its request in flight
  const expandedFacets = new Set();
  const facetFilterText = {actor: '', author: ''};
  let renderCount = 0;

  function parseFilter(filter) {
    const colon = filter.indexOf(':');
    if (colon <= 0 || colon === filter.length - 1) return null;
    return {facet: filter.slice(0, colon), value: filter.slice(colon + 1)};
  }

  function readState() {
    const params = new URLSearchParams(location.search);
    const filters = [];
    for (const filter of params.getAll('filter')) {
      if (parseFilter(filter) && !filters.includes(filter)) filters.push(filter);
    }
    const page = Number.parseInt(params.get('page') || '1', 10);
    const paragraph = /^#p(\d+)$/.exec(location.hash);
    return {
      q: params.get('q') || '',
      filters,
      sort: SORTS.includes(params.get('sort')) ? params.get('sort') : 'relevance',
      group: params.get('group') === 'article',
      // "words only": a word naming an actor finds the word, not also the actor's tags.
      words: params.get('entities') === 'off',
      from: ISO_DAY.test(params.get('from') || '') ? params.get('from') : '',
      to: ISO_DAY.test(params.get('to') || '') ? params.get('to') : '',
      page: Number.isFinite(page) && page > 0 ? page : 1,
      article: params.get('article') || null,
      paragraph: paragraph ? Number(paragraph[1]) : null,
    };
  }

  function urlFor(s) {
    const params = new URLSearchParams();
    if (s.q) params.set('q', s.q);
    for (const filter of s.filters) params.append('filter', filter);
    if (s.sort !== 'relevance') params.set('sort', s.sort);
    if (s.group) params.set('group', 'article');
    if (s.words) params.set('entities', 'off');
    if (s.from) params.set('from', s.from);
    if (s.to) params.set('to', s.to);
    if (s.page > 1) params.set('page', String(s.page));
    if (s.article) params.set('article', s.article);
    const query = params.toString();
    return location.pathname + (query ? `?${query}` : '') +
           (s.article && s.paragraph ? `#p${s.paragraph}` : '');
  }

  // `focus` says where the focus goes once the new state is drawn (see settleFocus):
  // 'results' (a page link: the new page is read from its top), or the data-focus-key of a
  // control drawn again. Without it, the focused control's own key is used.
  function navigate(changes, {replace = false, focus = null} = {}) {
    state = {...state, ...changes};
    if (!state.article) state.paragraph = null;
    const url = urlFor(state);
    // Searching again for what is shown adds no step for the back button to undo.
    if (replace || url === location.pathname + location.search + location.hash) history.replaceState(null, '', url);
    else history.pushState(null, '', url);
    const active = document.activeElement;
    focusPlan = active && active !== document.body
      ? {focus: focus || (active.dataset && active.dataset.focusKey) || null}
      : (focus ? {focus} : null);
    render();
  }

  // A plain click on an in-page link navigates without reloading; modified clicks (new tab)
  // are left to the browser.
  function inPageLink(attrs, changes, ...children) {
    const target = {...state, ...changes};
    const {focus, ...rest} = attrs || {};
    return h('a', {
      ...rest,
      href: urlFor(target),
      onclick: (event) => {
        if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
        event.preventDefault();
        navigate(changes, {focus});
      },
    }, ...children);
  }

  // Drawing a new state replaces the controls a keyboard user acts on (a page link, a filter
  // chip, a tag, "Back to the results"): the focus would fall to <body> and the next Tab
  // start again at the top of the page. After the render, the focus goes where navigate()
  // planned: the top of the results for a new page (scrolled into view: the pager is at the
  // bottom), else the same control drawn again, else the results.
  let focusPlan = null;

  function settleFocus() {
    const plan = focusPlan;
    focusPlan = null;
    if (!plan) return;
    const main = elements.main;
    if (plan.focus === 'results') {
      if (main.getBoundingClientRect().top < 0) main.scrollIntoView({block: 'start'});
      main.focus({preventScroll: true});
      return;
    }
    const active = document.activeElement;
    if (active && active !== document.body && active.isConnected) return;  // still on a live control
    const again = plan.focus ? $(`[data-focus-key="${CSS.escape(plan.focus)}"]`) : null;
    if (again && again.offsetParent !== null) {
      again.focus({preventScroll: true});
      again.scrollIntoView({block: 'nearest'});
    } else {
      main.focus({preventScroll: true});
    }
  }

  // The date range as a query-syntax filter ("date:2021-01-01..2022-06-30"), or null.
  function dateFilter(s) {
    if (!s.from && !s.to) return null;
    return `date:${s.from}..${s.to}`;
  }

  // A facet value as the server reads it: quoted, with " and \ escaped, when it holds what
  // would otherwise make it a query (a colon, a quote) or spaces at its ends.
  function serverFilter(filter) {
    const parsed = parseFilter(filter);
    if (!parsed || !/[:"\\]|^\s|\s$/.test(parsed.value)) return filter;
    return `${parsed.facet}:"${parsed.value.replace(/[\\"]/g, (c) => '\\' + c)}"`;
  }

  function hasFilter(facet, value) {
    return state.filters.includes(`${facet}:${value}`);
  }

  function toggleFilter(facet, value, on, {focus = null} = {}) {
    const filter = `${facet}:${value}`;
    const filters = state.filters.filter((f) => f !== filter);
    if (on) filters.push(filter);
    navigate({filters, page: 1, article: null}, {focus});
  }

  // ---------------------------------------------------------------- server

  let searchController = null;

  // What a request that got no answer says: fetch's own "Failed to fetch" names no cause.
  const NO_ANSWER = 'the server did not answer (is parley-serve still running?)';

  async function getJson(path, signal) {
    let response;
    try {
      response = await fetch(new URL(path, document.baseURI), {
        signal,
        headers: {Accept: 'application/json'},
      });
    } catch (error) {
      if (signal && signal.aborted) throw error;
      throw new Error(NO_ANSWER);
    }
    let body = null;
    try {
      body = await response.json();
    } catch {
      body = null;
    }
    if (!response.ok) {
      const message = body && typeof body.error === 'string' ? body.error : `HTTP ${response.status}`;
      throw Object.assign(new Error(message), {status: response.status});
    }
    if (!body || typeof body !== 'object') throw new Error('the server sent no JSON');
    return body;
  }

  // "Try again" where it may help: no answer, or the server's own trouble (5xx, 503 while
  // busy); a bad query or a missing article will not pass (null).
  function retryButton(error) {
    if (error.status < 500) return null;
    return h('button', {type: 'button', class: 'link', 'data-testid': 'retry',
                        onclick: () => { focusPlan = {focus: null}; render(); }}, 'Try again');
  }

  function setBusy(busy) {
    elements.main.dataset.state = busy ? 'loading' : 'ready';
    elements.main.setAttribute('aria-busy', busy ? 'true' : 'false');
  }

  function finishRender(ok) {
    settleFocus();
    renderCount += 1;
    elements.main.dataset.render = String(renderCount);
    elements.main.dataset.state = ok ? 'ready' : 'error';
    elements.main.setAttribute('aria-busy', 'false');
  }

  // What a screen reader says once the page has changed (index.html's #announcer). The same
  // words again (the same search twice) would change nothing and be said by none: a
  // no-break space at the end makes them new.
  function announce(text) {
    const region = elements.announcer;
    region.textContent = text && region.textContent === text ? `${text}\u00a0` : text;
  }

  function showMessage(text, kind) {
    if (kind === 'error') announce(text);
    elements.message.textContent = text;
    elements.message.className = `message ${kind || ''}`;
    elements.message.hidden = !text;
  }

  // ---------------------------------------------------------------- rendering

  function render() {
    elements.input.value = state.q;
    elements.sort.value = state.sort;
    elements.group.checked = state.group;
    elements.words.checked = state.words;
    elements.dateFrom.value = state.from;
    elements.dateTo.value = state.to;
    elements.dateClear.hidden = !state.from && !state.to;
    document.title = state.q ? `${isoText(state.q)} — Parley` : 'Parley — search op-eds';
    elements.layout.classList.toggle('reading', Boolean(state.article));
    elements.skipLink.textContent = state.article ? 'Skip to the article' : 'Skip to the results';
    closeSuggestions();
    if (searchController) searchController.abort();
    searchController = new AbortController();
    if (state.article) showArticle(searchController.signal);
    else runSearch(searchController.signal);
  }

  async function runSearch(signal) {
    elements.articleView.hidden = true;
    elements.articleView.replaceChildren();
    elements.resultsView.hidden = false;
    renderActiveFilters();
    setBusy(true);
    const matchParams = searchParams();
    const params = new URLSearchParams(matchParams);
    params.set('facets', FACETS.join(','));
    params.set('facet_size', String(FACET_VALUES + 1));
    params.set('limit', String(PAGE_SIZE));
    // A page past the window (an old link, a typed URL) shows the window's last page.
    params.set('offset', String((Math.min(state.page, LAST_PAGE) - 1) * PAGE_SIZE));
    params.set('sort', state.sort);
    params.set('snippet_length', String(SNIPPET_LENGTH));
    let data;
    try {
      data = await getJson(`search?${params}`, signal);
    } catch (error) {
      if (signal.aborted) return;
      // Nothing of the previous search stays on show as if it answered this one: not its
      // counts, its suggestion, nor the analyst's panel (its views and export links).
      lastSearch = null;
      didYouMeanSeq += 1;
      elements.didYouMean.hidden = true;
      elements.total.textContent = '';
      elements.hits.replaceChildren();
      elements.pager.hidden = true;
      elements.histogram.hidden = true;
      elements.notes.hidden = true;
      renderFacets(null);
      document.dispatchEvent(new CustomEvent('parley:search-failed'));
      elements.facetsDone.textContent = 'Show the results';
      showMessage(`The search failed: ${error.message}`, 'error');
      const retry = retryButton(error);
      if (retry) elements.message.append(' ', retry);
      finishRender(false);
      return;
    }
    if (signal.aborted) return;
    lastSearch = data;
    lastSearchParams = matchParams.toString();
    fullFacets = new Map();
    fullFacetLoads = new Map();
    // The order the server used: a search with nothing to rank by (no query words) comes
    // newest first, and the menu says so rather than "by relevance".
    if (SORTS.includes(data.sort) && data.sort !== elements.sort.value) {
      elements.sort.value = data.sort;
      elements.sort.title = 'Nothing to rank by relevance: newest first';
    } else {
      elements.sort.title = '';
    }
    showMessage('', '');
    adoptFacetSpelling(data);
    renderTotal(data);
    const found = Number(data.total_paragraphs ?? data.total) || 0;
    elements.facetsDone.textContent = found ? `Show ${plural(found, 'paragraph', 'paragraphs')}` : 'No paragraphs match';
    renderHits(data);
    const pages = renderPager(data);
    renderNotes(data);
    announce(`${elements.total.textContent}${pages > 1 ? ` Page ${fmt(Math.min(state.page, pages))} of ${fmt(pages)}.` : ''}`);
    const searchSuggestion = typeof data.did_you_mean === 'string' ? data.did_you_mean : null;
    renderFacets(data);
    renderHistogram(data);
    // The analyst's panel (analysis.js) follows the search.
    const filters = state.filters.map(serverFilter);
    if (dateFilter(state)) filters.push(dateFilter(state));
    const paragraphs = Number(data.total_paragraphs ?? data.total) || 0;
    // The order shown (data.sort: "newest first" when nothing ranks) is the export's order.
    const sort = SORTS.includes(data.sort) ? data.sort : state.sort;
    document.dispatchEvent(new CustomEvent('parley:search',
      {detail: {q: state.q, filters, paragraphs, sort, entities: !state.words,
                notes: Array.isArray(data.notes) ? data.notes : []}}));
    finishRender(true);
    updateDidYouMean(state.q, signal, searchSuggestion);
  }

  // A shared or typed URL may spell a value in another case (actor:china): the server
  // matches it all the same, and the page takes the facet's own spelling, so that the
  // value's box is ticked instead of the value being listed again, empty and ticked.
  function adoptFacetSpelling(data) {
    const filters = [];
    for (const filter of state.filters) {
      const {facet, value} = parseFilter(filter);
      const values = data.facets && Array.isArray(data.facets[facet]) ? data.facets[facet].map((v) => String(v.value)) : [];
      const own = values.includes(value) ? value : values.find((v) => v.toLowerCase() === value.toLowerCase());
      const spelled = own === undefined ? filter : `${facet}:${own}`;
      if (!filters.includes(spelled)) filters.push(spelled);
    }
    if (filters.join('\n') === state.filters.join('\n')) return;
    state = {...state, filters};
    history.replaceState(null, '', urlFor(state));
    renderActiveFilters();
  }

  // What the search matches: its query, filters, dates and grouping.
  function searchParams() {
    const params = new URLSearchParams();
    params.set('q', state.q);
    for (const filter of state.filters) params.append('filter', serverFilter(filter));
    if (dateFilter(state)) params.append('filter', dateFilter(state));
    if (state.group) params.set('group', 'article');
    if (state.words) params.set('entities', 'false');
    return params;
  }

  function renderTotal(data) {
    const paragraphs = data.total_paragraphs ?? data.total ?? 0;
    const articles = data.total_articles ?? 0;
    const total = data.total ?? paragraphs;
    const parts = [];
    if (!paragraphs) {
      parts.push(state.q || state.filters.length || state.from || state.to ? 'No paragraphs match.' : 'The archive is empty.');
    } else {
      if (!state.q && !state.filters.length && !state.from && !state.to) parts.push('All ');
      parts.push(`${plural(paragraphs, 'paragraph', 'paragraphs')} in ${plural(articles, 'article', 'articles')}`);
      const page = Math.min(state.page, LAST_PAGE);
      const first = (page - 1) * PAGE_SIZE + 1;
      const last = Math.min(total, page * PAGE_SIZE);
      if (first > total) parts.push(`; page ${fmt(state.page)} is past the end`);
      else if (page < state.page) parts.push(`; page ${fmt(state.page)} is past the first ${fmt(RESULT_WINDOW)}: showing ${fmt(first)}–${fmt(last)}`);
      else if (total > PAGE_SIZE || total !== paragraphs) {
        parts.push(`; showing ${fmt(first)}–${fmt(last)} of ${fmt(total)}`);
      }
    }
    elements.total.replaceChildren(h('span', {class: 'total-count'}, parts.join('')));
    if (data.duplicates_hidden > 0) {
      // Copies of one article republished by other outlets are listed once ("also published by").
      elements.total.append(h('span', {class: 'total-duplicates'},
        ` (${plural(data.duplicates_hidden, 'republished copy', 'republished copies')} shown once)`));
    }
  }

  function renderHits(data) {
    const hits = Array.isArray(data.hits) ? data.hits : [];
    elements.hits.replaceChildren(...hits.map(renderHit));
    elements.hits.start = hits.length ? Number(hits[0].rank) || 1 : 1;
  }

  function renderHit(hit) {
    const url = safeUrl(hit.url);
    const title = hit.title || '(untitled)';
    // The title's matches marked as the snippet's are (a hit found by its title shows why).
    const titleText = () => (hit.title ? highlighted(hit.title, hit.title_spans) : title);
    const lang = langOf(hit.language);
    const meta = [];
    const authors = Array.isArray(hit.authors) ? hit.authors.filter(Boolean) : [];
    if (authors.length) meta.push(h('span', {class: 'hit-authors'}, authorList(authors)));
    meta.push(dateNode(hit.date));
    if (hit.source) meta.push(iso(hit.source, {class: 'hit-source'}));
    const metaLine = [];
    meta.forEach((part, i) => {
      if (i) metaLine.push(h('span', {class: 'sep', 'aria-hidden': 'true'}, ' · '));
      metaLine.push(part);
    });

    const paragraph = Number(hit.paragraph) || 1;
    const where = hit.paragraph_count
      ? `paragraph ${fmt(paragraph)} of ${fmt(hit.paragraph_count)}`
      : `paragraph ${fmt(paragraph)}`;

    return h('li', {class: 'hit', 'data-testid': 'result', dataset: {articleId: hit.article_id ?? ''}},
      h('h3', {class: 'hit-title', 'data-testid': 'result-title', lang},
        url ? h('a', {href: url, rel: 'noopener noreferrer', target: '_blank'}, titleText()) : titleText()),
      h('p', {class: 'hit-meta', 'data-testid': 'result-meta'}, metaLine),
      h('p', {class: 'hit-snippet', 'data-testid': 'result-snippet', lang}, highlighted(hit.snippet, hit.spans)),
      h('p', {class: 'hit-where'},
        inPageLink({class: 'hit-paragraph', 'data-testid': 'result-paragraph-link',
                    'aria-label': `Read ${where} of “${title}”`,
                    dataset: {focusKey: paragraphKey(hit.article_id, paragraph)}},
                   {article: hit.article_id, paragraph, page: state.page}, where),
        hit.matched_paragraphs > 1 ? ` · ${plural(hit.matched_paragraphs, 'paragraph', 'paragraphs')} match` : null),
      renderTags(hit.actors, hit.topics, hit.actor_info, hit.topic_evidence, paragraphKey(hit.article_id, paragraph), hit.mentioned_topics),
      renderRepublished(hit.republished));
  }

  // Names separated by commas, each in a run of its own; one the author filter selects is
  // marked, as a filtered actor's names are in the snippet.
  function authorList(authors) {
    return authors.flatMap((author, i) => {
      const name = hasFilter('author', author) ? h('mark', null, iso(author)) : iso(author);
      return i ? [', ', name] : [name];
    });
  }

  // The focus key of a result's paragraph link, so that "Back to the results" can return to it.
  const paragraphKey = (articleId, paragraph) => `paragraph:${articleId ?? ''}#${paragraph}`;

  // What a tag's tooltip adds: an actor's type (and a leader's state), a topic's cues.
  function tagNote(facet, value, actorInfo, evidence) {
    if (facet === 'actor' && actorInfo && actorInfo[value]) {
      const info = actorInfo[value];
      return ` (${String(info.type || '').replace('_', ' ')}${info.of ? ` of ${info.of}` : ''})`;
    }
    if ((facet === 'topic' || facet === 'mentioned_topic') && evidence && Array.isArray(evidence[value]) && evidence[value].length) {
      return ` (cues: ${evidence[value].join(', ')})`;
    }
    return '';
  }

  // Topics named once are shown apart, as mentions (the mentioned_topic filter).
  function renderTags(actors, topics, actorInfo, evidence, where, mentioned) {
    const tags = [];
    const about = Array.isArray(topics) ? topics : [];
    const passing = (Array.isArray(mentioned) ? mentioned : []).filter((t) => !about.includes(t));
    for (const [facet, values] of [['actor', actors], ['topic', about], ['mentioned_topic', passing]]) {
      for (const value of Array.isArray(values) ? values : []) {
        const on = hasFilter(facet, value);
        const note = tagNote(facet, value, actorInfo, evidence);
        tags.push(h('li', null, h('button', {
          type: 'button',
          class: `tag tag-${facet}${on ? ' is-selected' : ''}`,
          'aria-pressed': on ? 'true' : 'false',
          title: (on ? `Remove the filter ${facet}: ${value}`
                     : facet === 'mentioned_topic' ? `Show only paragraphs mentioning ${value}`
                     : `Show only paragraphs with ${facet} ${value}`) + note,
          dataset: where ? {focusKey: `tag:${where}:${facet}:${value}`} : null,
          onclick: () => toggleFilter(facet, value, !on),
        }, iso(value))));
      }
    }
    return tags.length ? h('ul', {class: 'tags', 'aria-label': 'Actors and topics'}, tags) : null;
  }

  function renderRepublished(copies) {
    if (!Array.isArray(copies) || !copies.length) return null;
    const items = [];
    copies.forEach((copy, i) => {
      if (i) items.push(', ');
      const name = copy.source || copy.title || copy.url || 'another outlet';
      const url = safeUrl(copy.url);
      items.push(url ? h('a', {href: url, rel: 'noopener noreferrer', target: '_blank', title: copy.title || null}, iso(name))
                     : iso(name));
    });
    return h('p', {class: 'republished', 'data-testid': 'result-republished'}, 'Also published by ', items);
  }

  function pageNumbers(current, count) {
    const pages = new Set([1, count, current - 2, current - 1, current, current + 1, current + 2]);
    return [...pages].filter((p) => p >= 1 && p <= count).sort((a, b) => a - b);
  }

  function renderPager(data) {
    const total = Number(data.total) || 0;
    const count = Math.min(Math.ceil(total / PAGE_SIZE), LAST_PAGE);
    if (count <= 1) {
      elements.pager.hidden = true;
      elements.pager.replaceChildren();
      return count;
    }
    const current = Math.min(state.page, count);
    const items = [];
    // A number is named "Page 3"; Previous and Next by their words (a name that holds the
    // visible text, for those who speak to their computer), the arrows left unsaid.
    const pageLink = (page, label, extra, name = `Page ${page}`) => inPageLink(
      {class: `page-link ${extra || ''}`, 'data-testid': 'page-link', 'aria-label': name,
       'aria-current': page === state.page ? 'page' : null, focus: 'results'},
      {page}, label);
    const arrow = (text) => h('span', {'aria-hidden': 'true'}, text);
    items.push(state.page > 1
      ? pageLink(Math.min(state.page - 1, count), [arrow('‹ '), 'Previous'], 'page-prev', 'Previous page')
      : h('span', {class: 'page-link page-prev is-disabled', 'aria-disabled': 'true'}, arrow('‹ '), 'Previous'));
    let previous = 0;
    for (const page of pageNumbers(current, count)) {
      if (page > previous + 1) items.push(h('span', {class: 'page-gap', 'aria-hidden': 'true'}, '…'));
      items.push(pageLink(page, fmt(page)));
      previous = page;
    }
    items.push(state.page < count
      ? pageLink(state.page + 1, ['Next', arrow(' ›')], 'page-next', 'Next page')
      : h('span', {class: 'page-link page-next is-disabled', 'aria-disabled': 'true'}, 'Next', arrow(' ›')));
    if (count * PAGE_SIZE < total) {
      items.push(h('span', {class: 'page-window', 'data-testid': 'page-window'},
                   `the first ${fmt(RESULT_WINDOW)} only: narrow the search to see the rest`));
    }
    elements.pager.replaceChildren(...items);
    elements.pager.hidden = false;
    return count;
  }

  function renderNotes(data) {
    // The search's "did you mean" is the link above the results, not a note as well.
    const suggestion = typeof data.did_you_mean === 'string' ? `did you mean: ${data.did_you_mean}?` : null;
    const notes = Array.isArray(data.notes) ? data.notes.filter((note) => note && note !== suggestion) : [];
    elements.notes.replaceChildren(...notes.map((note) => h('li', null, note)));
    elements.notes.hidden = !notes.length;
  }

  // ---------------------------------------------------------------- facets

  function facetComplete(data, facet) {
    const values = data && data.facets && data.facets[facet];
    return fullFacets.has(facet) || !Array.isArray(values) || values.length <= FACET_VALUES;
  }

  // Every value of a facet for the search shown, in one request (see FACET_VALUES); the
  // lists are drawn again when it answers.
  function loadFullFacet(facet) {
    if (!lastSearch || facetComplete(lastSearch, facet) || fullFacetLoads.has(facet)) return;
    const asked = lastSearchParams;
    const signal = searchController.signal;
    const params = new URLSearchParams(asked);
    params.set('facets', facet);
    params.set('facet_size', '0');
    params.set('limit', '0');
    params.set('snippets', 'false');
    const load = getJson(`search?${params}`, signal).then((data) => {
      if (signal.aborted || asked !== lastSearchParams || !data.facets || !Array.isArray(data.facets[facet])) return;
      fullFacets.set(facet, data.facets[facet]);
      renderFacets(lastSearch);
      if (facet === 'year') renderHistogram(lastSearch);
    }).catch(() => {
      // The first FACET_VALUES stay on show; the next render may ask again.
      if (fullFacetLoads.get(facet) === load) fullFacetLoads.delete(facet);
    });
    fullFacetLoads.set(facet, load);
  }

  function facetValues(data, facet) {
    const answered = data && data.facets && Array.isArray(data.facets[facet]) ? data.facets[facet] : [];
    const values = (fullFacets.get(facet) || answered.slice(0, FACET_VALUES))
      .filter((v) => v && v.value !== undefined && v.value !== null)
      .map((v) => ({value: String(v.value), count: Number(v.count) || 0}));
    // A ticked value stays listed even when nothing matches it any more.
    for (const filter of state.filters) {
      const parsed = parseFilter(filter);
      if (parsed && parsed.facet === facet && !values.some((v) => v.value === parsed.value)) {
        values.push({value: parsed.value, count: 0});
      }
    }
    if (facet === 'year') values.sort((a, b) => b.value.localeCompare(a.value));
    return values;
  }

  // Re-rendering replaces the checkboxes and bars: the one that had the focus gets it back.
  function keepFocus(draw) {
    const focused = document.activeElement && document.activeElement.id;
    draw();
    if (focused && document.activeElement !== document.getElementById(focused)) {
      const again = document.getElementById(focused);
      if (again) again.focus({preventScroll: true});
    }
  }

  function renderFacets(data) {
    keepFocus(() => renderFacetLists(data));
  }

  function renderFacetLists(data) {
    for (const facet of FACETS) {
      const section = $(`.facet[data-facet="${facet}"]`);
      const list = $('.facet-values', section);
      const more = $('.facet-more', section);
      const all = facetValues(data, facet);
      const filterText = foldKey(facetFilterText[facet] || '');
      const complete = facetComplete(data, facet);
      // A ticked value past the first FACET_VALUES would show a count of 0.
      const tickedMissing = !complete && state.filters.some((f) => {
        const parsed = parseFilter(f);
        return parsed.facet === facet && !data.facets[facet].slice(0, FACET_VALUES).some((v) => String(v.value) === parsed.value);
      });
      if (!complete && (expandedFacets.has(facet) || filterText || tickedMissing)) loadFullFacet(facet);
      const matching = filterText ? all.filter((v) => foldKey(v.value).includes(filterText)) : all;
      const expanded = expandedFacets.has(facet) || filterText;
      const shown = expanded ? matching
        : matching.filter((v, i) => i < FACET_SHOWN || hasFilter(facet, v.value));
      list.replaceChildren(...shown.map((v) => renderFacetValue(facet, v)));
      if (!shown.length) {
        // Without an answer (the search failed) there is nothing to say about the values.
        if (data) list.append(h('li', {class: 'facet-empty'}, filterText ? 'No match' : 'None'));
      }
      const hiddenCount = matching.length - shown.length;
      if (!expanded && (hiddenCount > 0 || !complete)) {
        // Past FACET_VALUES the number is not known until the full list comes.
        more.textContent = complete ? `Show all ${fmt(matching.length)}` : `Show all (over ${fmt(FACET_VALUES)})`;
        more.hidden = false;
      } else if (expandedFacets.has(facet) && matching.length > FACET_SHOWN && !filterText) {
        more.textContent = 'Show fewer';
        more.hidden = false;
      } else {
        more.hidden = true;
      }
      // "Show all" / "Show fewer" discloses the rest of the list: say which state it is in.
      more.setAttribute('aria-expanded', expandedFacets.has(facet) ? 'true' : 'false');
      section.classList.toggle('has-selection', state.filters.some((f) => f.startsWith(`${facet}:`)));
    }
    const active = state.filters.length + (state.from || state.to ? 1 : 0);
    elements.facetsToggle.textContent = active ? `Filters (${active})` : 'Filters';
    elements.clearFilters.hidden = !active;
  }

  function renderFacetValue(facet, {value, count}) {
    const on = hasFilter(facet, value);
    const id = `facet-${facet}-${foldKey(value).replace(/[^a-z0-9]+/g, '-')}-${hashCode(value)}`;
    return h('li', {class: `facet-value${on ? ' is-selected' : ''}${count ? '' : ' is-empty'}`,
                    'data-testid': 'facet-value', dataset: {facet, value, count: String(count)}},
      h('input', {type: 'checkbox', id, checked: on, 'data-testid': 'facet-checkbox',
                  onchange: (event) => toggleFilter(facet, value, event.target.checked)}),
      h('label', {for: id},
        iso(value, {class: 'facet-label'}),
        h('span', {class: 'facet-count', 'data-testid': 'facet-count',
                   'aria-label': plural(count, 'paragraph', 'paragraphs')}, fmt(count))));
  }

  function hashCode(s) {
    let hash = 0;
    for (const c of s) hash = (Math.imul(hash, 31) + c.codePointAt(0)) | 0;
    return (hash >>> 0).toString(36);
  }

  function renderActiveFilters() {
    // A removed chip hands the focus to the chip after it (or before it, for the last).
    const keys = state.filters.map((filter) => `chip:${filter}`);
    if (state.from || state.to) keys.push('chip:dates');
    const neighbour = (i) => keys[i + 1] || keys[i - 1] || null;
    const items = state.filters.map((filter, i) => {
      const {facet, value} = parseFilter(filter);
      return h('li', null, h('button', {
        type: 'button', class: 'chip', 'data-testid': 'active-filter',
        'aria-label': `Remove the filter ${facet}: ${value}`, dataset: {focusKey: keys[i]},
        onclick: () => toggleFilter(facet, value, false, {focus: neighbour(i)}),
      }, h('span', {class: 'chip-facet'}, `${facet}: `), iso(value), h('span', {class: 'chip-x', 'aria-hidden': 'true'}, ' ×')));
    });
    if (state.from || state.to) {
      const range = `${state.from || '…'} to ${state.to || '…'}`;
      items.push(h('li', null, h('button', {
        type: 'button', class: 'chip', 'data-testid': 'active-filter',
        'aria-label': `Remove the dates ${range}`, dataset: {focusKey: 'chip:dates'},
        onclick: () => navigate({from: '', to: '', page: 1}, {focus: neighbour(keys.length - 1)}),
      }, h('span', {class: 'chip-facet'}, 'dates: '), range, h('span', {class: 'chip-x', 'aria-hidden': 'true'}, ' ×'))));
    }
    elements.activeFilters.replaceChildren(...items);
    elements.activeFilters.hidden = !items.length;
  }

  function renderHistogram(data) {
    keepFocus(() => renderHistogramBars(data));
  }

  // The bar's height through the CSSOM: the page's Content-Security-Policy (index.html)
  // refuses style attributes.
  function barFill(percent) {
    const fill = h('span', {class: 'bar-fill'});
    fill.style.height = `${percent}%`;
    return fill;
  }

  function renderHistogramBars(data) {
    if (!facetComplete(data, 'year')) loadFullFacet('year');
    const years = new Map();
    for (const {value, count} of facetValues(data, 'year')) {
      if (/^\d{4}$/.test(value)) years.set(Number(value), count);
    }
    if (!years.size) {
      elements.histogram.hidden = true;
      elements.histogramBars.replaceChildren();
      return;
    }
    const first = Math.min(...years.keys());
    const last = Math.max(...years.keys());
    const all = last - first <= 150 ? Array.from({length: last - first + 1}, (_, i) => first + i)
                                    : [...years.keys()].sort((a, b) => a - b);
    const max = Math.max(1, ...years.values());
    const labelEvery = Math.max(1, Math.ceil(all.length / 12));
    const bars = all.map((year, i) => {
      const count = years.get(year) || 0;
      const on = hasFilter('year', String(year));
      const label = `${year}: ${plural(count, 'paragraph', 'paragraphs')}`;
      return h('button', {
        type: 'button',
        id: `year-bar-${year}`,
        class: `bar${on ? ' is-selected' : ''}${count ? '' : ' is-empty'}`,
        'data-testid': 'year-bar', dataset: {year: String(year), count: String(count)},
        'aria-pressed': on ? 'true' : 'false',
        'aria-label': on ? `${label} (selected; click to remove)` : label,
        title: label,
        disabled: !count && !on,
        onclick: () => toggleFilter('year', String(year), !on),
      },
      barFill(count ? Math.max(4, (100 * count) / max) : 0),
      h('span', {class: 'bar-year', 'aria-hidden': 'true'},
        i % labelEvery === 0 || i === all.length - 1 ? String(year) : ''));
    });
    elements.histogramBars.replaceChildren(...bars);
    elements.histogram.hidden = false;
  }

  // ---------------------------------------------------------------- "Did you mean"

  let didYouMeanSeq = 0;

  // The search's own suggestion (a query that found nothing) when it has one, else what
  // /suggest makes of the words.
  async function updateDidYouMean(q, signal, fromSearch) {
    const seq = ++didYouMeanSeq;
    elements.didYouMean.hidden = true;
    elements.didYouMean.replaceChildren();
    if (!q.trim()) return;
    let data = {did_you_mean: fromSearch};
    if (!fromSearch) {
      try {
        data = await getJson(`suggest?${new URLSearchParams({q, limit: '1'})}`, signal);
      } catch {
        return;  // a suggestion is a nicety: no error for it
      }
    }
    if (seq !== didYouMeanSeq || signal.aborted || state.q !== q) return;
    const suggestion = typeof data.did_you_mean === 'string' ? data.did_you_mean.trim() : '';
    if (!suggestion || suggestion === q) return;
    elements.didYouMean.replaceChildren('Did you mean ',
      inPageLink({'data-testid': 'did-you-mean-link'}, {q: suggestion, page: 1, article: null},
                 h('strong', null, iso(suggestion))),
      '?');
    elements.didYouMean.hidden = false;
    announce(`${elements.announcer.textContent.trim()} Did you mean ${suggestion}?`);
  }

  // ---------------------------------------------------------------- article view

  // The query's matches in the article's paragraphs, by paragraph number, and in its title:
  // the article searched with the page's query and filters, each matching paragraph's snippet
  // long enough to be its whole text (2,000 characters). A longer paragraph, or a failed
  // search, stays unmarked: the article is shown all the same.
  async function articleMarks(articleId, signal) {
    const marks = {paragraphs: new Map(), title: null};
    // (The query syntax has no escape for a quote inside a quoted value.)
    if ((!state.q.trim() && !state.filters.length) || articleId.includes('"')) return marks;
    const params = searchParams();
    params.delete('group');
    params.append('filter', `article:"${articleId}"`);
    for (const [name, value] of [['limit', '1000'], ['facets', 'none'], ['snippet_length', '2000'],
                                 ['duplicates', 'show'], ['feedback', 'false']]) params.set(name, value);
    try {
      const data = await getJson(`search?${params}`, signal);
      for (const hit of Array.isArray(data.hits) ? data.hits : []) {
        marks.paragraphs.set(Number(hit.paragraph), {text: hit.snippet, spans: hit.spans});
        if (!marks.title) marks.title = {text: hit.title, spans: hit.title_spans};
      }
    } catch {
      // unmarked, as without a query
    }
    return marks;
  }

  async function showArticle(signal) {
    elements.resultsView.hidden = true;
    elements.articleView.hidden = false;
    setBusy(true);
    const view = elements.articleView;
    // Back at the results, the focus returns to the link that opened the article.
    const back = inPageLink({class: 'back-link', 'data-testid': 'back-to-results',
                             focus: paragraphKey(state.article, state.paragraph)},
                            {article: null, paragraph: null},
                            state.q || state.filters.length ? '← Back to the results' : '← Search');
    view.replaceChildren(h('p', null, back), h('p', {class: 'message'}, 'Loading the article…'));
    const marksFor = articleMarks(state.article, signal);  // beside the article, not after it
    let article;
    try {
      article = await getJson(`articles?${new URLSearchParams({id: state.article})}`, signal);
    } catch (error) {
      if (signal.aborted) return;
      const message = `Cannot show the article: ${error.message}`;
      view.replaceChildren(h('p', null, back), h('p', {class: 'message error'}, message, retryButton(error)));
      announce(message);
      renderFacets(lastSearch);
      finishRender(false);
      return;
    }
    if (signal.aborted) return;
    const marks = await marksFor;
    if (signal.aborted) return;
    const url = safeUrl(article.url);
    const authors = Array.isArray(article.authors) ? article.authors.filter(Boolean) : [];
    const meta = [];
    if (authors.length) meta.push(h('span', null, authorList(authors)));
    meta.push(dateNode(article.date));
    if (article.source) meta.push(iso(article.source));
    const metaLine = [];
    meta.forEach((part, i) => {
      if (i) metaLine.push(h('span', {class: 'sep', 'aria-hidden': 'true'}, ' · '));
      metaLine.push(part);
    });
    const paragraphs = Array.isArray(article.paragraphs) ? article.paragraphs : [];
    const lang = langOf(article.language);
    const items = paragraphs.map((p, i) => {
      const number = Number(p.paragraph) || i + 1;
      const target = number === state.paragraph;
      const marked = marks.paragraphs.get(number);
      const text = p.text || '';
      return h('li', {id: `p${number}`, value: String(number), tabindex: target ? '-1' : null,
                      class: `article-paragraph${target ? ' is-target' : ''}`,
                      'data-testid': 'article-paragraph', 'aria-current': target ? 'true' : null},
        h('p', {lang}, marked && marked.text === text ? highlighted(text, marked.spans) : text),
        renderTags(p.actors, p.topics, p.actor_info, p.topic_evidence, undefined, p.mentioned_topics),
        h('a', {class: 'paragraph-anchor', href: urlFor({...state, paragraph: number}),
                'aria-label': `Link to paragraph ${number}`,
                onclick: (event) => {
                  event.preventDefault();
                  navigate({paragraph: number}, {replace: true});
                }}, `¶ ${number}`));
    });
    // The title marked as the results' titles are, when the search saw this same title.
    const title = article.title && marks.title && marks.title.text === article.title
      ? highlighted(article.title, marks.title.spans) : article.title || '(untitled)';
    view.replaceChildren(
      h('p', null, back),
      h('header', {class: 'article-header'},
        h('h2', {class: 'article-title', 'data-testid': 'article-title', lang, tabindex: '-1'},
          url ? h('a', {href: url, rel: 'noopener noreferrer', target: '_blank'}, title) : title),
        h('p', {class: 'hit-meta'}, metaLine),
        renderRepublished(article.republished)),
      h('ol', {class: 'article-paragraphs'}, items));
    document.title = `${isoText(article.title || 'Article')} — Parley`;
    renderFacets(lastSearch);
    const target = state.paragraph ? document.getElementById(`p${state.paragraph}`) : null;
    announce(`Article: ${article.title || '(untitled)'}` +
             (target ? `, paragraph ${fmt(state.paragraph)} of ${fmt(paragraphs.length)}.` : '.'));
    const firstRender = renderCount === 0;
    finishRender(true);
    if (target) {
      target.scrollIntoView({block: 'center'});
      target.focus({preventScroll: true});
    } else {
      window.scrollTo(0, 0);
      // Opened by a link now hidden with the results: the focus starts at the title rather
      // than being lost; a page loaded on the article keeps the browser's own start.
      const active = document.activeElement;
      if (!firstRender && (!active || active === document.body || !active.isConnected || active.closest('[hidden]'))) {
        $('.article-title', view).focus({preventScroll: true});
      }
    }
  }

  // ---------------------------------------------------------------- completion

  const combo = {
    timer: 0,
    seq: 0,
    options: [],
    active: -1,
  };

  function closeSuggestions() {
    clearTimeout(combo.timer);
    combo.seq += 1;  // answers still on their way are dropped
    combo.options = [];
    combo.active = -1;
    elements.suggestions.hidden = true;
    elements.suggestions.replaceChildren();
    elements.input.setAttribute('aria-expanded', 'false');
    elements.input.removeAttribute('aria-activedescendant');
  }

  function openSuggestions(completions) {
    combo.options = completions;
    combo.active = -1;
    if (!completions.length) {
      closeSuggestions();
      return;
    }
    const items = completions.map((text, i) => {
      const space = text.lastIndexOf(' ');
      return h('li', {
        id: `suggestion-${i}`, role: 'option', class: 'suggestion', 'aria-selected': 'false',
        'data-testid': 'suggestion',
        onmousedown: (event) => event.preventDefault(),  // keep the focus in the box
        onclick: () => chooseSuggestion(i),
      }, space >= 0 ? text.slice(0, space + 1) : '', h('strong', null, text.slice(space + 1)));
    });
    elements.suggestions.replaceChildren(...items);
    elements.suggestions.hidden = false;
    elements.input.setAttribute('aria-expanded', 'true');
  }

  function setActiveSuggestion(index) {
    const items = $$('.suggestion', elements.suggestions);
    combo.active = index;
    items.forEach((item, i) => item.setAttribute('aria-selected', i === index ? 'true' : 'false'));
    if (index >= 0 && items[index]) {
      elements.input.setAttribute('aria-activedescendant', items[index].id);
      items[index].scrollIntoView({block: 'nearest'});
    } else {
      elements.input.removeAttribute('aria-activedescendant');
    }
  }

  function chooseSuggestion(index) {
    const text = combo.options[index];
    if (text === undefined) return;
    elements.input.value = text;
    closeSuggestions();
    submitSearch();
  }

  // The last word as a field's value (actor:chi, author:"kenji m, -topic:sanc): /suggest
  // completes words of the text, not values of a facet, so these come from /facets/{name}
  // (a word of the value starting so), written back as the query syntax reads them.
  const FIELD_VALUE = /(^|\s)([+-]?)(actor|actor_type|topic|author|source|lineage|year):(?:"([^"]*)|([^\s"]*))$/u;

  function fieldCompletion(text) {
    const m = FIELD_VALUE.exec(text);
    const prefix = m ? (m[4] ?? m[5]) : '';
    if (!prefix || !prefix.trim()) return null;
    return {facet: m[3] === 'lineage' ? 'actor' : m[3], prefix,
            head: `${text.slice(0, m.index + m[1].length)}${m[2]}${m[3]}:`};
  }

  const quoteValue = (value) => (/[\s:"\\]/.test(value) ? `"${value.replace(/[\\"]/g, (c) => '\\' + c)}"` : value);

  async function fetchSuggestions(text) {
    const seq = ++combo.seq;
    const field = fieldCompletion(text);
    let completions;
    try {
      if (field) {
        const data = await getJson(`facets/${field.facet}?${new URLSearchParams({prefix: field.prefix, limit: '8'})}`);
        completions = (Array.isArray(data.values) ? data.values : [])
          .map((v) => `${field.head}${quoteValue(String(v.value))}`);
      } else {
        const data = await getJson(`suggest?${new URLSearchParams({q: text, limit: '8'})}`);
        completions = Array.isArray(data.completions) ? data.completions : [];
      }
    } catch {
      return;
    }
    if (seq !== combo.seq || elements.input.value !== text || document.activeElement !== elements.input) return;
    completions = completions.filter((c) => typeof c === 'string' && c.trim() && c !== text);
    openSuggestions([...new Set(completions)]);
  }

  elements.input.addEventListener('input', () => {
    clearTimeout(combo.timer);
    combo.seq += 1;
    const text = elements.input.value;
    if (!text.trim() || /\s$/.test(text)) {
      closeSuggestions();
      return;
    }
    combo.timer = setTimeout(() => fetchSuggestions(text), SUGGEST_DELAY_MS);
  });

  elements.input.addEventListener('keydown', (event) => {
    const open = !elements.suggestions.hidden && combo.options.length > 0;
    if (event.key === 'ArrowDown' && open) {
      event.preventDefault();
      setActiveSuggestion((combo.active + 1) % combo.options.length);
    } else if (event.key === 'ArrowUp' && open) {
      event.preventDefault();
      setActiveSuggestion(combo.active <= 0 ? combo.options.length - 1 : combo.active - 1);
    } else if (event.key === 'Enter' && open && combo.active >= 0) {
      event.preventDefault();
      chooseSuggestion(combo.active);
    } else if (event.key === 'Escape' && open) {
      event.preventDefault();
      closeSuggestions();
    } else if (event.key === 'Tab') {
      closeSuggestions();
    }
  });

  elements.input.addEventListener('blur', () => closeSuggestions());

  // ---------------------------------------------------------------- controls

  function submitSearch() {
    closeSuggestions();
    navigate({q: elements.input.value.trim(), page: 1, article: null});
  }

  elements.form.addEventListener('submit', (event) => {
    event.preventDefault();
    submitSearch();
  });

  elements.sort.addEventListener('change', () => navigate({sort: elements.sort.value, page: 1}));
  elements.group.addEventListener('change', () => navigate({group: elements.group.checked, page: 1}));
  elements.words.addEventListener('change', () => navigate({words: elements.words.checked, page: 1}));
  // A date typed or picked applies when it is whole (the input's value is empty until then).
  for (const input of [elements.dateFrom, elements.dateTo]) {
    input.addEventListener('change', () => {
      const from = elements.dateFrom.value, to = elements.dateTo.value;
      if ((from && !ISO_DAY.test(from)) || (to && !ISO_DAY.test(to))) return;
      if (from && to && from > to) {
        showMessage('The date range ends before it begins.', 'error');
        return;
      }
      navigate({from, to, page: 1, article: null});
    });
  }
  elements.dateClear.addEventListener('click', () => navigate({from: '', to: '', page: 1}));

  elements.clearFilters.addEventListener('click', () => navigate({filters: [], from: '', to: '', page: 1, article: null}));

  function openFacets(open) {
    elements.layout.classList.toggle('facets-open', open);
    elements.facetsToggle.setAttribute('aria-expanded', open ? 'true' : 'false');
  }

  elements.facetsToggle.addEventListener('click', () => openFacets(!elements.layout.classList.contains('facets-open')));
  // "Show N paragraphs" closes the list and goes to the results it counts.
  elements.facetsDone.addEventListener('click', () => {
    openFacets(false);
    elements.main.scrollIntoView({block: 'start'});
    elements.main.focus({preventScroll: true});
  });

  for (const section of $$('.facet[data-facet]')) {
    const facet = section.dataset.facet;
    $('.facet-more', section).addEventListener('click', () => {
      if (expandedFacets.has(facet)) expandedFacets.delete(facet);
      else expandedFacets.add(facet);
      renderFacets(lastSearch);
    });
    const filterBox = $('.facet-filter', section);
    if (filterBox) {
      filterBox.addEventListener('input', () => {
        facetFilterText[facet] = filterBox.value.trim();
        renderFacets(lastSearch);
      });
    }
  }

  // "/" puts the cursor in the search box, as on many search sites.
  document.addEventListener('keydown', (event) => {
    if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return;
    const tag = document.activeElement && document.activeElement.tagName;
    if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT') return;
    event.preventDefault();
    elements.input.focus();
    elements.input.select();
  });

  // A value clicked in the analyst's panel becomes a filter.
  document.addEventListener('parley:filter', (event) => {
    const {facet, value} = event.detail;
    if (!hasFilter(facet, value)) toggleFilter(facet, value, true);
  });

  // Escape in the article view does what "Back to the results" does (the focus returns to
  // the link that opened the article); in a field, Escape stays the field's own.
  document.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape' || event.defaultPrevented || !state.article) return;
    const tag = document.activeElement && document.activeElement.tagName;
    if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT') return;
    event.preventDefault();
    navigate({article: null, paragraph: null}, {focus: paragraphKey(state.article, state.paragraph)});
  });

  window.addEventListener('popstate', () => {
    // The browser's back and forward redraw the page under the focus: back from an article
    // it returns to the link that opened it, as "Back to the results" does; a control that
    // is gone hands it to the results (settleFocus), never to <body>.
    const leaving = state.article ? paragraphKey(state.article, state.paragraph) : null;
    state = readState();
    focusPlan = {focus: leaving && !state.article ? leaving : null};
    render();
  });

  window.addEventListener('hashchange', () => {
    const fresh = readState();
    if (fresh.article && fresh.article === state.article && fresh.paragraph !== state.paragraph) {
      state = fresh;
      render();
    }
  });

  // The first search starts once every deferred script has run (DOMContentLoaded): started
  // here, its answer could arrive while analysis.js is still downloading, which would then
  // miss the search's event and keep the analyst's panel hidden.
  if (document.readyState === 'complete') render();
  else document.addEventListener('DOMContentLoaded', () => render(), {once: true});
})();
