// Parley's search page, the analyst's panel: attention over time (with the share of the
// archive), what stands out, what appears with the matches, and the export of every hit.
// It follows the search: app.js announces each finished search with a 'parley:search'
// event (query and filters), and this panel asks /analyze/* for the same match set while
// it is open. Clicking a value asks app.js to add it as a filter ('parley:filter').
// Text from the server goes in with text nodes only, as in app.js.
'use strict';

(() => {
  const SVG = 'http://www.w3.org/2000/svg';
  const $ = (selector, root = document) => root.querySelector(selector);

  // app.js (loaded first) lends its element builder (text goes in as text nodes), its run
  // for a value from the archive (bidi-isolated) and its requests (errors a person can read).
  const {h, iso, getJson} = window.ParleyPage;

  function svg(tag, attrs, ...children) {
    const node = document.createElementNS(SVG, tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (key === 'dataset') Object.assign(node.dataset, value);
      else node.setAttribute(key, String(value));
    }
    for (const child of children) node.append(child instanceof Node ? child : String(child));
    return node;
  }

  const numberFormat = new Intl.NumberFormat('en');
  const fmt = (n) => numberFormat.format(Number(n) || 0);
  const percent = (x) => `${(100 * x).toFixed(x < 0.1 ? 1 : 0)}%`;
  const plural = (n, one, many) => `${fmt(n)} ${Number(n) === 1 ? one : many}`;

  const panel = $('#analysis');
  if (!panel) return;
  const tabs = [...panel.querySelectorAll('[role="tab"]')];
  const views = {
    timeline: $('#analysis-timeline'),
    'stands-out': $('#analysis-stands-out'),
    cooccur: $('#analysis-cooccur'),
  };
  const controls = {
    interval: $('#timeline-interval'),
    share: $('#timeline-share'),
    compare: $('#timeline-compare'),
    field: $('#stands-out-field'),
    level: $('#cooccur-level'),
  };
  const exportCsv = $('#export-csv');
  const exportNdjson = $('#export-ndjson');
  const exportLimit = $('#export-limit');
  // One export file holds at most this many matches (the server's largest export page);
  // past it, the file is the first page and the API's cursor (X-Next-Cursor) has the rest.
  const EXPORT_SIZE = 50000;

  let search = null;          // {q, filters} of the search shown
  let active = 'timeline';
  let controller = null;
  let timeline = null;        // the last /analyze/timeline answer, redrawn on the share toggle

  function params(extra) {
    const p = new URLSearchParams();
    p.set('q', search.q);
    for (const filter of search.filters) p.append('filter', filter);
    if (search.entities === false) p.set('entities', 'false');  // "words only"
    for (const [key, value] of Object.entries(extra || {})) p.set(key, value);
    return p;
  }

  function addFilter(facet, value) {
    document.dispatchEvent(new CustomEvent('parley:filter', {detail: {facet, value}}));
  }

  // What the server says of a view's query beyond the search's own notes: a "Compare"
  // series it could not read (year:twenty, ignored: the line is every match) or read
  // otherwise (foo:bar, searched as words) must not be drawn as if it were what was typed.
  function showNotes(view, notes) {
    let list = view.querySelector('.analysis-notes');
    if (!list) {
      list = h('ul', {class: 'notes analysis-notes', 'data-testid': 'analysis-notes'});
      view.append(list);
    }
    const own = (Array.isArray(notes) ? notes : []).filter((n) => n && !search.notes.includes(n));
    list.replaceChildren(...own.map((note) => h('li', null, note)));
    list.hidden = !own.length;
  }

  function setState(view, value, message) {
    view.dataset.state = value;
    const status = view.querySelector('.analysis-status');
    status.textContent = message || '';
    status.hidden = !message;
  }

  // ------------------------------------------------------------ timeline

  // "actor:China, actor:\"United States\", sanctions": the comparison's series, split at
  // commas outside quotes.
  function compareSeries() {
    const parts = [];
    let current = '', quoted = false;
    for (const c of controls.compare.value) {
      if (c === '"') quoted = !quoted;
      if (c === ',' && !quoted) {
        parts.push(current);
        current = '';
      } else {
        current += c;
      }
    }
    parts.push(current);
    return parts.map((p) => p.trim()).filter(Boolean).slice(0, 6);
  }

  // The frame both timeline charts draw on: the axis, the value ticks at zero and at the
  // top, and a label under every tenth bucket or so. `x` and `y` place the marks.
  function chartFrame(buckets, max, share) {
    const width = 720, height = 200, left = 48, bottom = 24, top = 8;
    const step = (width - left) / buckets.length;
    const label = (v) => (share ? percent(v) : fmt(v));
    const frame = {
      width, height, left, bottom, step,
      x: (i) => left + i * step + step / 2,
      y: (v) => top + (height - top - bottom) * (1 - v / max),
      nodes: [
        svg('line', {x1: left, x2: width, y1: height - bottom, y2: height - bottom, class: 'axis'}),
        svg('text', {x: left - 6, y: top + 10, 'text-anchor': 'end', class: 'tick'}, label(max)),
        svg('text', {x: left - 6, y: height - bottom, 'text-anchor': 'end', class: 'tick'}, label(0)),
      ],
    };
    const labelEvery = Math.max(1, Math.ceil(buckets.length / 10));
    buckets.forEach((b, i) => {
      if (i % labelEvery === 0) {
        // A label near the right edge ends there rather than being cut ("2024-1").
        const anchor = frame.x(i) > width - 30 ? 'end' : 'middle';
        frame.nodes.push(svg('text', {x: anchor === 'end' ? width : frame.x(i), y: height - 6,
                                      'text-anchor': anchor, class: 'tick'}, b.label));
      }
    });
    return frame;
  }

  function chartSvg(frame, ariaLabel, marks) {
    return svg('svg', {
      viewBox: `0 0 ${frame.width} ${frame.height}`, role: 'img', class: 'timeline-svg', 'aria-label': ariaLabel,
    }, ...frame.nodes, ...marks);
  }

  const perPeriod = (share) => `per ${timeline.interval}${share ? ', as a share of the archive' : ''}`;

  // Several series: one line each, with a legend.
  function drawComparison(chart, share) {
    const all = timeline.series;
    const value = (b) => (share ? b.share : b.count);
    const max = Math.max(...all.flatMap((s) => s.buckets.map(value))) || 1;
    const frame = chartFrame(all[0].buckets, max, share);
    const lines = all.map((s, k) => {
      const points = s.buckets.map((b, i) => `${frame.x(i).toFixed(1)},${frame.y(value(b)).toFixed(1)}`).join(' ');
      return svg('polyline', {
        points, class: `series series-${k}`, 'data-testid': 'timeline-series',
        dataset: {name: s.name, total: String(s.total), counts: s.buckets.map((b) => b.count).join(',')},
      }, svg('title', {}, `${s.name}: ${fmt(s.total)} paragraphs`));
    });
    chart.replaceChildren(chartSvg(frame, `${all.map((s) => s.name).join(', ')} ${perPeriod(share)}`, lines),
      h('ul', {class: 'timeline-legend', 'data-testid': 'timeline-legend'},
        all.map((s, k) => h('li', {class: `series-${k}`},
          h('span', {class: 'swatch', 'aria-hidden': 'true'}), iso(s.name), ` (${fmt(s.total)})`))),
      numbersTable([timeline.interval, ...all.map((s) => h('bdi', null, s.name))], all[0].buckets,
        (i) => all.map((s) => (share ? percent(s.buckets[i].share) : fmt(s.buckets[i].count)))));
    setCaption(`${plural(all.length, 'series', 'series')}; each point is the matches of the ${timeline.interval}` +
      (share ? ', as a share of every paragraph of that period.' : '.'));
  }

  // The chart's numbers as a table, under a disclosure: the SVG is one image to a screen
  // reader and to the keyboard, and an analyst wants the exact counts of every period.
  // The rows are built when it is opened (a daily timeline has thousands).
  let tableOpen = false;

  function numbersTable(columns, buckets, cells) {
    const table = h('table', {class: 'timeline-table', 'data-testid': 'timeline-table'});
    const details = h('details', {class: 'timeline-numbers', open: tableOpen},
      h('summary', null, 'The numbers'), table);
    const fill = () => {
      if (table.rows.length) return;
      table.append(
        h('thead', null, h('tr', null, columns.map((c) => h('th', {scope: 'col'}, c)))),
        h('tbody', null, buckets.map((b, i) => h('tr', null,
          h('th', {scope: 'row'}, b.label), cells(i).map((c) => h('td', null, c))))));
    };
    details.addEventListener('toggle', () => {
      tableOpen = details.open;
      if (details.open) fill();
    });
    if (tableOpen) fill();
    return details;
  }

  function setCaption(text) {
    views.timeline.querySelector('.analysis-caption').textContent = text;
  }

  function drawTimeline() {
    const view = views.timeline;
    const chart = view.querySelector('.timeline-chart');
    // Series asked for in "Compare" are drawn as such, with a legend, even one alone: the
    // chart then shows them, not the matches, and must say so.
    if (timeline && timeline.compared && timeline.series.length && timeline.series[0].buckets.length) {
      drawComparison(chart, controls.share.checked);
      view.dataset.axis = controls.share.checked ? 'share' : 'count';
      setState(view, 'ready');
      return;
    }
    const series = timeline && timeline.series[0];
    if (!series || !series.buckets.length) {
      chart.replaceChildren();
      setCaption('');  // the last chart's caption would contradict the message
      setState(view, 'ready', 'No dated paragraph matches.');
      return;
    }
    const share = controls.share.checked;
    const buckets = series.buckets;
    const value = (b) => (share ? b.share : b.count);
    const max = Math.max(...buckets.map(value)) || 1;
    const frame = chartFrame(buckets, max, share);
    const {left, step, height, bottom, y} = frame;
    const bars = buckets.map((b, i) => {
      const v = value(b);
      const text = `${b.label}: ${fmt(b.count)} of ${fmt(b.archive)} paragraphs (${percent(b.share)})`;
      return svg('rect', {
        x: left + i * step + step * 0.1, width: Math.max(1, step * 0.8),
        y: y(v), height: Math.max(0, height - bottom - y(v)),
        class: b.count ? 'bar' : 'bar is-empty',
        'data-testid': 'timeline-bar',
        dataset: {label: b.label, count: String(b.count), archive: String(b.archive), share: String(b.share)},
      }, svg('title', {}, text));
    });
    chart.replaceChildren(chartSvg(frame, `Matching paragraphs ${perPeriod(share)}`, bars),
      numbersTable([timeline.interval, 'matching paragraphs', 'all paragraphs', 'share'], buckets,
        (i) => [fmt(buckets[i].count), fmt(buckets[i].archive), percent(buckets[i].share)]));
    const dated = buckets.reduce((n, b) => n + b.count, 0);
    const peak = buckets.reduce((a, b) => (value(b) > value(a) ? b : a));
    setCaption(
      `${plural(dated, 'dated paragraph', 'dated paragraphs')}${series.undated ? ` (${fmt(series.undated)} undated)` : ''}; ` +
      `peak ${peak.label}: ${share ? `${percent(peak.share)} of what the archive holds` : plural(peak.count, 'paragraph', 'paragraphs')}.`);
    view.dataset.axis = share ? 'share' : 'count';
    setState(view, 'ready');
  }

  async function loadTimeline(signal) {
    const p = params({interval: controls.interval.value});
    const series = compareSeries();
    for (const part of series) p.append('series', part);
    const answer = await getJson(`analyze/timeline?${p}`, signal);
    if (signal.aborted) return;
    timeline = {...answer, compared: series.length > 0};
    drawTimeline();
    return answer;
  }

  // ------------------------------------------------------------ stands out

  async function loadStandsOut(signal) {
    const view = views['stands-out'];
    const field = controls.field.value;
    const data = await getJson(`analyze/stands-out?${params({field, limit: '15', min_count: '2'})}`, signal);
    if (signal.aborted) return;
    const list = view.querySelector('.stands-out-list');
    const filterable = field !== 'word';
    list.replaceChildren(...data.items.map((item) => h('li', {
      'data-testid': 'stands-out-item',
      dataset: {value: item.value, score: String(item.score), foreground: String(item.foreground)},
    },
    filterable
      ? h('button', {type: 'button', class: 'link', title: `Filter by ${item.value}`,
        onclick: () => addFilter(field, item.value)}, iso(item.value))
      : iso(item.value, {class: 'word', title: `stem: ${item.stem || item.value}`}),
    h('span', {class: 'stands-out-counts'},
      `${percent(item.foreground_share)} of matches vs ${percent(item.background_share)} of the archive ` +
      `(${fmt(item.foreground)} / ${fmt(item.background)})`),
    h('span', {class: 'score', title: 'log-likelihood G²'}, `G² ${item.score.toFixed(1)}`))));
    view.querySelector('.analysis-caption').textContent = data.items.length
      ? `Over-represented in ${fmt(data.foreground_total)} matching paragraphs${data.sampled ? ' (a sample)' : ''}` +
        ` against the ${fmt(data.background_total)} of the archive, by log-likelihood G².`
      : 'Nothing stands out: the matches look like the archive.';
    setState(view, 'ready');
    return data;
  }

  // ------------------------------------------------------------ co-occurrence

  async function loadCooccurrence(signal) {
    const view = views.cooccur;
    const level = controls.level.value;
    const data = await getJson(`analyze/cooccur?${params({level, limit: '15'})}`, signal);
    if (signal.aborted) return;
    const unit = level === 'article' ? 'articles' : 'paragraphs';
    const rows = data.items.map((item) => h('tr', {
      'data-testid': 'cooccur-row',
      dataset: {value: item.value, together: String(item.together), total: String(item.total)},
    },
    h('th', {scope: 'row'}, h('button', {type: 'button', class: 'link', title: `Filter by ${item.value}`,
      onclick: () => addFilter('actor', item.value)}, iso(item.value))),
    h('td', {}, fmt(item.together)),
    h('td', {}, fmt(item.total)),
    h('td', {}, item.npmi.toFixed(2))));
    view.querySelector('tbody').replaceChildren(...rows);
    view.querySelector('.cooccur-unit').textContent = `matching ${unit}`;
    view.querySelector('.analysis-caption').textContent =
      `Actors in the ${fmt(data.matches)} matching ${unit} (of ${fmt(data.archive)}); NPMI from −1 (avoid each other) ` +
      'through 0 (independent) to 1 (always together).';
    setState(view, 'ready');
    return data;
  }

  // ------------------------------------------------------------ wiring

  const loaders = {timeline: loadTimeline, 'stands-out': loadStandsOut, cooccur: loadCooccurrence};

  async function load() {
    if (!search || !panel.open) return;
    if (controller) controller.abort();
    controller = new AbortController();
    const {signal} = controller;
    const view = views[active];
    setState(view, 'loading', 'Counting…');
    try {
      const answer = await loaders[active](signal);
      if (!signal.aborted) showNotes(view, answer && answer.notes);
    } catch (error) {
      if (signal.aborted) return;
      setState(view, 'error', `The view failed: ${error.message}`);
      showNotes(view, []);
    }
  }

  function select(name) {
    active = name;
    for (const tab of tabs) {
      const on = tab.dataset.view === name;
      tab.setAttribute('aria-selected', on ? 'true' : 'false');
      tab.tabIndex = on ? 0 : -1;
      views[tab.dataset.view].hidden = !on;
    }
    load();
  }

  // The export lists the matches in the order the page shows them (newest first, ...).
  function updateExportLinks(paragraphs, sort) {
    const size = String(EXPORT_SIZE);
    const order = sort && sort !== 'relevance' ? {sort} : {};
    exportCsv.href = `analyze/export?${params({format: 'csv', size, ...order})}`;
    exportNdjson.href = `analyze/export?${params({format: 'ndjson', size, ...order})}`;
    exportLimit.hidden = !(paragraphs > EXPORT_SIZE);
    exportLimit.textContent = exportLimit.hidden ? ''
      : `(the first ${EXPORT_SIZE.toLocaleString()} of ${paragraphs.toLocaleString()}; /analyze/export pages through the rest)`;
  }

  for (const tab of tabs) tab.addEventListener('click', () => select(tab.dataset.view));
  // The keys of a tab list: arrows to the neighbour (round the ends), Home and End to the
  // first and the last; the tab reached is selected.
  panel.addEventListener('keydown', (event) => {
    if (event.target.getAttribute('role') !== 'tab') return;
    const here = tabs.indexOf(event.target);
    const to = {ArrowLeft: here - 1, ArrowRight: here + 1, Home: 0, End: tabs.length - 1}[event.key];
    if (to === undefined) return;
    event.preventDefault();
    const next = tabs[(to + tabs.length) % tabs.length];
    next.focus();
    select(next.dataset.view);
  });
  panel.addEventListener('toggle', load);
  controls.interval.addEventListener('change', load);
  // While a timeline loads, the one drawn is another search's: the toggle waits for the new one.
  controls.share.addEventListener('change', () => {
    if (timeline && views.timeline.dataset.state !== 'loading') drawTimeline();
  });
  controls.compare.addEventListener('change', load);
  controls.field.addEventListener('change', load);
  controls.level.addEventListener('change', load);

  // A search that failed leaves nothing to analyse: the panel would show (and export) the
  // previous search's matches under the new query.
  document.addEventListener('parley:search-failed', () => {
    if (controller) controller.abort();
    search = null;
    timeline = null;
    panel.hidden = true;
  });

  document.addEventListener('parley:search', (event) => {
    search = {q: event.detail.q, filters: event.detail.filters, entities: event.detail.entities,
              notes: event.detail.notes || []};
    panel.hidden = false;
    updateExportLinks(Number(event.detail.paragraphs) || 0, event.detail.sort);
    load();
  });
})();
