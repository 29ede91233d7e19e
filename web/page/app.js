// Briefings search page. Hand-written, no framework, no build step; served by
// `briefings serve` from the binary. Talks only to its own origin (/api/...).
//
// All state lives in the URL: ?q=&domain=&domain=&since=&until=&sort=&id=
// The server's JSON (searcher/json_output.h) is read through need(), one name per value:
// a field the server renames or drops shows an error instead of an empty page.
// Every string from a briefing is inserted as text (textContent / text nodes). The
// server's *_html fields (escaped text plus <mark>) are never assigned to innerHTML:
// they are split on <mark>, unescaped and rebuilt as nodes by appendMarked().
'use strict';

(function () {
  const PAGE_SIZE = 20;
  const DEBOUNCE_MS = 200;
  const MAX_DOMAINS_SHOWN = 40;

  const $ = (id) => document.getElementById(id);
  const layout = document.querySelector('.layout');
  const el = {
    form: $('search-form'), q: $('q'), sort: $('sort'), since: $('since'), until: $('until'),
    domains: $('domains'), domainsEmpty: $('domains-empty'), clear: $('clear'),
    facets: $('facets'), filtersToggle: $('filters-toggle'),
    error: $('error'), results: $('results'), status: $('status'), suggestion: $('suggestion'),
    timeline: $('timeline'), chart: $('timeline-chart'), list: $('result-list'),
    empty: $('empty'), more: $('more'),
    briefing: $('briefing'), back: $('back'), bHeadline: $('b-headline'), bMeta: $('b-meta'),
    bBody: $('b-body'), bHosts: $('b-hosts'), bPaths: $('b-paths'),
    bRelatedSection: $('b-related-section'), bRelated: $('b-related'), home: $('home'),
  };

  // ---------------------------------------------------------------- state and URL

  function emptyState() {
    return { q: '', domains: [], since: '', until: '', sort: 'relevance', id: '' };
  }

  function readUrl() {
    const p = new URLSearchParams(location.search);
    const s = emptyState();
    s.q = p.get('q') || '';
    s.domains = p.getAll('domain').filter(Boolean);
    s.since = p.get('since') || '';
    s.until = p.get('until') || '';
    const sort = p.get('sort') || 'relevance';
    s.sort = ['relevance', 'newest', 'oldest'].includes(sort) ? sort : 'relevance';
    s.id = p.get('id') || '';
    return s;
  }

  // The query string of a state; `withId` false drops the open briefing.
  function queryString(s, withId) {
    const p = new URLSearchParams();
    if (s.q) p.set('q', s.q);
    for (const d of s.domains) p.append('domain', d);
    if (s.since) p.set('since', s.since);
    if (s.until) p.set('until', s.until);
    if (s.sort && s.sort !== 'relevance') p.set('sort', s.sort);
    if (withId && s.id) p.set('id', s.id);
    const text = p.toString();
    return text ? '?' + text : '';
  }

  function searchKey(s) { return queryString(s, false); }

  let state = readUrl();
  const changeListeners = [];  // the page's other files (window.briefingsPage.onChange)
  let typingEntry = false;  // the current history entry was made by typing
  let openedHere = false;   // the open briefing has this page's results entry behind it

  function commit(next, how) {
    openedHere = !!next.id && !state.id;
    const url = location.pathname + queryString(next, true);
    if (how === 'replace') history.replaceState(null, '', url);
    else history.pushState(null, '', url);
    const before = state;
    state = next;
    apply(before);
  }

  // Brings the page in line with `state`; `before` is the state it showed.
  function apply(before) {
    syncControls();
    for (const listener of changeListeners) listener();
    if (!before || searchKey(before) !== searchKey(state)) runSearch(0);
    if (state.id) {
      if (!before || before.id !== state.id || searchKey(before) !== searchKey(state)) {
        openBriefing(state.id);
      }
    } else {
      closeBriefing(before && before.id);
    }
  }

  function syncControls() {
    // The box is left alone while the user types in it (a debounced commit may lag behind).
    if (document.activeElement !== el.q && el.q.value !== state.q) el.q.value = state.q;
    el.sort.value = state.sort;
    if (document.activeElement !== el.since) el.since.value = state.since;
    if (document.activeElement !== el.until) el.until.value = state.until;
    document.title = state.q ? state.q + ' – Briefings' : 'Briefings';
  }

  // ---------------------------------------------------------------- safe rendering

  const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
  function unescapeHtml(text) {
    return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (m, name) => {
      if (name[0] === '#') {
        const code = name[1] === 'x' || name[1] === 'X'
          ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
        return Number.isFinite(code) && code > 0 && code < 0x110000
          ? String.fromCodePoint(code) : m;
      }
      return Object.prototype.hasOwnProperty.call(ENTITIES, name) ? ENTITIES[name] : m;
    });
  }

  // Appends `html` (escaped text with <mark>...</mark>) to `parent` as text nodes and <mark>
  // elements. Any other markup stays literal text.
  function appendMarked(parent, html) {
    const parts = String(html).split(/(<mark>|<\/mark>)/);
    let target = parent;
    for (const part of parts) {
      if (part === '<mark>') {
        if (target === parent) {
          target = document.createElement('mark');
          parent.appendChild(target);
        }
      } else if (part === '</mark>') {
        target = parent;
      } else if (part) {
        target.appendChild(document.createTextNode(unescapeHtml(part)));
      }
    }
  }

  function make(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text != null) node.textContent = String(text);
    return node;
  }

  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }

  function chipList(hosts, tag) {
    const list = make(tag || 'ul', 'chips');
    if (tag === 'span') list.setAttribute('role', 'list');
    for (const h of hosts || []) {
      const chip = make(tag === 'span' ? 'span' : 'li', 'chip', h);
      if (tag === 'span') chip.setAttribute('role', 'listitem');
      list.appendChild(chip);
    }
    return list;
  }

  function formatDate(iso) {
    if (!iso) return 'undated';
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
    if (!m) return iso;
    const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
    return d.toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });
  }

  function plural(n, one, many) { return n + ' ' + (n === 1 ? one : many); }

  // ---------------------------------------------------------------- network

  class HttpError extends Error {
    constructor(status, body) {
      super((body && body.error) || ('HTTP ' + status));
      this.status = status;
      this.body = body;
    }
  }

  // An answer without a field this page reads: the server and the page disagree.
  class ShapeError extends Error {}

  // obj[name], which the server always sends (it may be null); throws ShapeError otherwise.
  function need(obj, name) {
    if (obj === null || typeof obj !== 'object' || !Object.prototype.hasOwnProperty.call(obj, name)) {
      throw new ShapeError('the server’s answer has no field "' + name + '"');
    }
    return obj[name];
  }

  async function getJson(url, signal) {
    const response = await fetch(url, { signal, headers: { Accept: 'application/json' } });
    let body = null;
    try { body = await response.json(); } catch (e) { body = null; }
    if (!response.ok) throw new HttpError(response.status, body);
    return body;
  }

  function showError(message, retry) {
    clear(el.error);
    el.error.appendChild(make('span', '', message + ' '));
    if (retry) {
      const b = make('button', 'link-button', 'Try again');
      b.type = 'button';
      b.addEventListener('click', () => { hideError(); retry(); });
      el.error.appendChild(b);
    }
    el.error.hidden = false;
  }
  function hideError() { el.error.hidden = true; clear(el.error); }

  function describeFailure(err) {
    if (err instanceof HttpError) {
      if (err.status === 503) return 'The index is not available: ' + err.message;
      return err.message;
    }
    if (err instanceof ShapeError) return 'This page cannot read the server’s answer: ' + err.message + '.';
    return 'Cannot reach the briefings server. Is `briefings serve` still running?';
  }

  // ---------------------------------------------------------------- search

  let searchSeq = 0;
  let searchAbort = null;
  let lastResult = null;
  let shownCount = 0;

  function apiParams(s, offset) {
    const p = new URLSearchParams();
    p.set('q', s.q);
    for (const d of s.domains) p.append('domain', d);
    if (s.since) p.set('since', s.since);
    if (s.until) p.set('until', s.until);
    if (s.sort) p.set('sort', s.sort);
    p.set('offset', String(offset));
    p.set('limit', String(PAGE_SIZE));
    return p;
  }

  function hasFilters(s) { return s.domains.length > 0 || !!s.since || !!s.until; }

  async function runSearch(offset) {
    const seq = ++searchSeq;
    if (searchAbort) searchAbort.abort();
    searchAbort = new AbortController();
    const s = state;
    if (offset === 0) announceShown(null);
    if (!s.q.trim() && !hasFilters(s)) {
      renderIntro();
      return;
    }
    el.results.setAttribute('aria-busy', 'true');
    try {
      const data = await getJson('/api/search?' + apiParams(s, offset), searchAbort.signal);
      if (seq !== searchSeq) return;  // a newer search started: drop this answer
      hideError();
      renderResults(data, offset);
      if (offset === 0) announceShown(s, need(data, 'watermark'));
    } catch (err) {
      if (seq !== searchSeq || (err && err.name === 'AbortError')) return;
      if (err instanceof HttpError && err.status === 400) {
        renderBadInput(err);
      } else {
        showError(describeFailure(err), () => runSearch(offset));
        el.status.textContent = '';
      }
    } finally {
      if (seq === searchSeq) el.results.removeAttribute('aria-busy');
    }
  }

  function renderResults(data, offset) {
    lastResult = data;
    const hits = need(data, 'results');
    const total = need(data, 'total');
    if (offset === 0) {
      clear(el.list);
      shownCount = 0;
    }
    hits.forEach((hit, i) => el.list.appendChild(renderHit(hit, offset + i)));
    shownCount = offset + hits.length;
    el.status.textContent = statusLine(data, total);
    renderSuggestion(need(data, 'suggestion'), need(data, 'corrections'));
    const facets = need(data, 'facets');
    renderDomains(need(facets, 'domain'));
    renderTimeline(need(facets, 'month'));
    el.more.hidden = !(total > shownCount && hits.length > 0);
    renderEmpty(total === 0);
  }

  // "Showing 20 of 26 briefings (3 with every word) in 4 ms", as the terminal counts them:
  // a relaxed result lists briefings lacking some words after those holding every one.
  function statusLine(data, total) {
    const allWords = need(data, 'total_all_words');
    const ms = need(data, 'elapsed_ms');
    let status = total === 0 ? 'No briefings found'
      : (total > shownCount ? 'Showing ' + shownCount + ' of ' : '') + plural(total, 'briefing', 'briefings');
    if (need(data, 'relaxed') && total > allWords) status += ' (' + allWords + ' with every word)';
    return status + ' in ' + (ms < 1 ? '<1' : Math.round(ms)) + ' ms';
  }

  function renderHit(hit, index) {
    const li = make('li', 'result');
    const h = make('h2');
    const a = make('a', 'result-link');
    const id = need(hit, 'id');
    a.href = location.pathname + queryString(Object.assign({}, state, { id }), true);
    a.dataset.id = id;
    a.dataset.index = String(index);
    const headline = need(hit, 'headline_html');
    appendMarked(a, headline || '(no headline)');
    h.appendChild(a);
    li.appendChild(h);

    const meta = make('div', 'meta');
    const date = need(hit, 'date');
    const time = make('time', '', formatDate(date));
    if (date) time.dateTime = date;
    meta.appendChild(time);
    const hosts = need(hit, 'domains');
    if (hosts.length) {
      meta.appendChild(make('span', 'visually-hidden', 'Sources:'));
      meta.appendChild(chipList(hosts.slice(0, 8)));
      if (hosts.length > 8) meta.appendChild(make('span', '', '+' + (hosts.length - 8) + ' more'));
    }
    const missing = need(hit, 'missing');
    if (missing.length) {
      const note = make('span', 'missing', 'Missing: ');
      for (const word of missing) note.appendChild(make('s', '', word));
      meta.appendChild(note);
    }
    li.appendChild(meta);

    const snippet = make('p', 'snippet');
    appendMarked(snippet, need(hit, 'snippet_html'));
    li.appendChild(snippet);
    return li;
  }

  // "Did you mean Bedrock pricing? (Bedrok → Bedrock)", as the terminal prints it: the link
  // runs the suggested query, and the words the server changed are emphasised in it and
  // listed after it.
  function renderSuggestion(suggestion, corrections) {
    clear(el.suggestion);
    if (!suggestion || suggestion === state.q) { el.suggestion.hidden = true; return; }
    const changed = corrections.map((c) => [need(c, 'typed'), need(c, 'suggested')]);
    el.suggestion.appendChild(document.createTextNode('Did you mean '));
    const next = Object.assign({}, state, { q: suggestion, id: '' });
    const a = make('a');
    a.href = location.pathname + queryString(next, true);
    appendEmphasised(a, suggestion, changed.map(([, suggested]) => suggested));
    a.addEventListener('click', (e) => {
      e.preventDefault();
      el.q.value = suggestion;
      typingEntry = false;
      commit(next, 'push');
    });
    el.suggestion.appendChild(a);
    el.suggestion.appendChild(document.createTextNode('?'));
    if (changed.length) {
      const list = make('span', 'changes', ' (');
      changed.forEach(([typed, suggested], i) => {
        list.appendChild(document.createTextNode((i ? ', ' : '') + typed + ' → '));
        list.appendChild(make('em', '', suggested));
      });
      list.appendChild(document.createTextNode(')'));
      el.suggestion.appendChild(list);
    }
    el.suggestion.hidden = false;
  }

  const WORD_CHAR = /[\p{L}\p{N}]/u;
  function isWordAt(text, at, length) {
    return !WORD_CHAR.test(text.charAt(at - 1)) && !WORD_CHAR.test(text.charAt(at + length));
  }

  // Appends `text` as text nodes, with each of `words` (found in order, as whole words) in
  // an <em>.
  function appendEmphasised(parent, text, words) {
    let from = 0;
    for (const word of words) {
      if (!word) continue;
      let at = text.indexOf(word, from);
      while (at >= 0 && !isWordAt(text, at, word.length)) at = text.indexOf(word, at + 1);
      if (at < 0) continue;
      if (at > from) parent.appendChild(document.createTextNode(text.slice(from, at)));
      parent.appendChild(make('em', '', word));
      from = at + word.length;
    }
    if (from < text.length) parent.appendChild(document.createTextNode(text.slice(from)));
  }

  function renderDomains(domains) {
    clear(el.domains);
    const list = domains.map((d) => ({ value: need(d, 'value'), count: need(d, 'count') }));
    const shown = list.slice(0, MAX_DOMAINS_SHOWN);
    for (const sel of state.domains) {
      if (!shown.some((d) => d.value === sel)) {
        const found = list.find((d) => d.value === sel);
        shown.unshift(found || { value: sel, count: 0 });
      }
    }
    shown.forEach((d, i) => {
      const li = make('li');
      const label = make('label');
      const box = document.createElement('input');
      box.type = 'checkbox';
      box.id = 'domain-' + i;
      box.value = d.value;
      box.checked = state.domains.includes(d.value);
      box.addEventListener('change', () => {
        const set = state.domains.filter((x) => x !== d.value);
        if (box.checked) set.push(d.value);
        typingEntry = false;
        commit(Object.assign({}, state, { domains: set, id: '' }), 'push');
      });
      label.appendChild(box);
      label.appendChild(make('span', 'name', d.value));
      const count = make('span', 'count', d.count);
      count.setAttribute('aria-label', plural(d.count, 'briefing', 'briefings'));
      label.appendChild(count);
      li.appendChild(label);
      el.domains.appendChild(li);
    });
    el.domainsEmpty.hidden = shown.length > 0;
  }

  // ---------------------------------------------------------------- timeline

  const SVG = 'http://www.w3.org/2000/svg';

  function monthRange(first, last) {
    const out = [];
    let [y, m] = first.split('-').map(Number);
    const [ly, lm] = last.split('-').map(Number);
    for (let guard = 0; guard < 600 && (y < ly || (y === ly && m <= lm)); ++guard) {
      out.push(y + '-' + String(m).padStart(2, '0'));
      if (++m > 12) { m = 1; ++y; }
    }
    return out;
  }

  let timelineData = null;
  function renderTimeline(months, caption) {
    timelineData = [months, caption];
    clear(el.chart);
    $('timeline-caption').textContent = caption || 'Matching briefings per month';
    const valid = months.map((m) => ({ value: need(m, 'value'), count: need(m, 'count') }))
      .filter((m) => /^\d{4}-\d{2}$/.test(m.value) && m.count > 0)
      .sort((a, b) => (a.value < b.value ? -1 : 1));
    if (!valid.length) { el.timeline.hidden = true; return; }
    el.timeline.hidden = false;  // shown before measuring its width
    const counts = new Map(valid.map((m) => [m.value, m.count]));
    const all = monthRange(valid[0].value, valid[valid.length - 1].value);
    const max = Math.max(...valid.map((m) => m.count));
    const W = Math.max(200, Math.round(el.chart.clientWidth || 600)), H = 72, LABEL = 14;
    const gap = all.length > 60 ? 1 : 2;
    const bw = Math.min(48, Math.max(2, (W - gap * (all.length - 1)) / Math.max(all.length, 1)));
    const span = all.length * (bw + gap) - gap;
    const svg = document.createElementNS(SVG, 'svg');
    svg.setAttribute('viewBox', '0 0 ' + W + ' ' + H);
    svg.setAttribute('width', String(W));
    svg.setAttribute('height', String(H));
    svg.setAttribute('role', 'group');
    svg.setAttribute('aria-labelledby', 'timeline-caption');
    const selected = state.since && state.since === state.until ? state.since : '';
    all.forEach((month, i) => {
      const count = counts.get(month) || 0;
      const x = i * (bw + gap);
      const h = count ? Math.max(3, ((H - LABEL - 2) * count) / max) : 0;
      const bar = document.createElementNS(SVG, 'rect');
      bar.setAttribute('x', x.toFixed(2));
      bar.setAttribute('y', (H - LABEL - h).toFixed(2));
      bar.setAttribute('width', bw.toFixed(2));
      bar.setAttribute('height', h.toFixed(2));
      // A transparent full-height hit area makes small bars easy to click.
      const hit = document.createElementNS(SVG, 'rect');
      hit.setAttribute('x', x.toFixed(2));
      hit.setAttribute('y', '0');
      hit.setAttribute('width', bw.toFixed(2));
      hit.setAttribute('height', String(H - LABEL));
      hit.setAttribute('fill', 'transparent');
      const g = document.createElementNS(SVG, 'g');
      g.setAttribute('class', 'bar' + (month === selected ? ' selected' : ''));
      bar.setAttribute('class', 'bar' + (month === selected ? ' selected' : ''));
      if (count) {
        g.setAttribute('tabindex', '0');
        g.setAttribute('role', 'button');
        g.setAttribute('aria-label', month + ': ' + plural(count, 'briefing', 'briefings') +
          (month === selected ? ' (selected; activate to clear)' : '; activate to show only this month'));
        const title = document.createElementNS(SVG, 'title');
        title.textContent = month + ': ' + plural(count, 'briefing', 'briefings');
        g.appendChild(title);
        const activate = () => {
          typingEntry = false;
          const next = month === selected ? { since: '', until: '' } : { since: month, until: month };
          commit(Object.assign({}, state, next, { id: '' }), 'push');
        };
        g.addEventListener('click', activate);
        g.addEventListener('keydown', (e) => {
          if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); activate(); }
        });
      } else {
        g.setAttribute('aria-hidden', 'true');
      }
      g.appendChild(hit);
      g.appendChild(bar);
      svg.appendChild(g);
    });
    // Axis labels: first and last month (and the middle one when there is room).
    // Each label needs about 50 px; show as many evenly spaced ones as fit.
    const room = Math.max(1, Math.floor(span / 56));
    const step = Math.max(1, Math.ceil(all.length / room));
    const labels = all.map((_, i) => i).filter((i) => i % step === 0);
    for (const i of [...new Set(labels)]) {
      const t = document.createElementNS(SVG, 'text');
      t.setAttribute('class', 'axis');
      const x = i * (bw + gap) + bw / 2;
      t.setAttribute('x', x.toFixed(2));
      t.setAttribute('y', String(H - 2));
      t.setAttribute('text-anchor', i === 0 ? 'start' : x + 30 > W ? 'end' : 'middle');
      t.setAttribute('aria-hidden', 'true');
      t.textContent = all[i];
      if (all.length === 1) { t.setAttribute('x', '0'); t.setAttribute('text-anchor', 'start'); }
      svg.appendChild(t);
    }
    el.chart.appendChild(svg);
    drawnWidth = W;
  }

  let resizeTimer = 0;
  let drawnWidth = 0;
  window.addEventListener('resize', () => {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(() => {
      const w = el.chart.clientWidth;
      if (timelineData && !el.timeline.hidden && w && w !== drawnWidth) renderTimeline(...timelineData);
    }, 100);
  });

  // ---------------------------------------------------------------- empty and intro states

  function renderEmpty(isEmpty) {
    clear(el.empty);
    el.empty.hidden = !isEmpty;
    if (!isEmpty) return;
    el.empty.appendChild(make('h2', '', 'No briefings match “' + state.q + '”' +
      (hasFilters(state) ? ' with these filters' : '')));
    const tips = make('ul');
    if (hasFilters(state)) {
      const li = make('li');
      const b = make('button', 'link-button', 'Remove all filters');
      b.type = 'button';
      b.addEventListener('click', clearFilters);
      li.appendChild(b);
      li.appendChild(document.createTextNode(' and search everything.'));
      tips.appendChild(li);
    }
    tips.appendChild(make('li', '', 'Use fewer or more general words.'));
    tips.appendChild(make('li', '', 'Check the spelling, or try OR between alternatives: chips OR semiconductors.'));
    tips.appendChild(make('li', '', 'Search one field: headline:apple, or a source: domain:cnbc.com.'));
    el.empty.appendChild(tips);
  }

  function renderBadInput(err) {
    clear(el.list);
    el.more.hidden = true;
    el.timeline.hidden = true;
    el.suggestion.hidden = true;
    el.status.textContent = '';
    clear(el.empty);
    el.empty.hidden = false;
    const p = err.body && err.body.parameter;
    el.empty.appendChild(make('h2', '', 'This search cannot be run'));
    el.empty.appendChild(make('p', '', err.message + (p ? ' (' + p + ')' : '')));
  }

  let intro = null;
  async function renderIntro() {
    clear(el.list);
    el.more.hidden = true;
    el.suggestion.hidden = true;
    el.timeline.hidden = true;
    clear(el.empty);
    el.empty.hidden = false;
    el.status.textContent = '';
    const seq = searchSeq;
    try {
      if (!intro) intro = await getJson('/api/stats');
      if (seq !== searchSeq) return;
      hideError();
    } catch (err) {
      if (seq !== searchSeq) return;
      showError(describeFailure(err), () => runSearch(0));
      return;
    }
    el.empty.appendChild(make('h2', '', 'Search ' + plural(need(intro, 'documents'), 'briefing', 'briefings')));
    if (need(intro, 'first_date')) {
      el.empty.appendChild(make('p', '', 'From ' + formatDate(intro.first_date) + ' to ' +
        formatDate(need(intro, 'last_date')) + '. Type a few words, e.g. a company, a product or a person.'));
    } else {
      el.empty.appendChild(make('p', '', 'The index is empty: run `briefings index FOLDER` and reload.'));
    }
    renderDomains(need(intro, 'domains').slice(0, MAX_DOMAINS_SHOWN));
    renderTimeline(need(intro, 'months'), 'Briefings per month');
    announceShown(state, '');
  }

  // ---------------------------------------------------------------- briefing view

  let briefingSeq = 0;
  let savedScroll = 0;

  async function openBriefing(id) {
    const seq = ++briefingSeq;
    if (el.briefing.hidden) savedScroll = window.scrollY;
    el.results.hidden = true;
    el.briefing.hidden = false;
    el.facets.hidden = true;
    layout.classList.add('reading');
    clear(el.bHeadline); clear(el.bMeta); clear(el.bBody); clear(el.bHosts); clear(el.bPaths);
    clear(el.bRelated);
    el.bRelatedSection.hidden = true;
    el.bHeadline.textContent = 'Loading…';
    const p = new URLSearchParams();
    if (state.q) p.set('q', state.q);
    const qs = p.toString();
    try {
      const b = await getJson('/api/briefing/' + encodeURIComponent(id) + (qs ? '?' + qs : ''));
      if (seq !== briefingSeq) return;
      hideError();
      renderBriefing(b);
      el.briefing.focus();
    } catch (err) {
      if (seq !== briefingSeq) return;
      el.bHeadline.textContent = err instanceof HttpError && err.status === 404
        ? 'This briefing is no longer in the index' : 'The briefing could not be loaded';
      if (!(err instanceof HttpError)) showError(describeFailure(err), () => openBriefing(id));
      return;
    }
    try {
      const rel = await getJson('/api/related/' + encodeURIComponent(id));
      if (seq !== briefingSeq) return;
      renderRelated(need(rel, 'results'));
    } catch (err) {
      // Related briefings are optional, but an answer this page cannot read is a fault.
      if (seq === briefingSeq && err instanceof ShapeError) showError(describeFailure(err));
    }
  }

  function renderBriefing(b) {
    clear(el.bHeadline);
    appendMarked(el.bHeadline, need(b, 'headline_html') || '(no headline)');
    document.title = (need(b, 'headline') || 'Briefing') + ' – Briefings';
    const date = need(b, 'date');
    const time = make('time', '', formatDate(date));
    if (date) time.dateTime = date;
    el.bMeta.appendChild(time);
    const source = need(b, 'date_source');
    if (source && source !== 'none') {
      el.bMeta.appendChild(make('span', '', '(date from ' + ({ option: 'the --date option', metadata: 'the file’s metadata', text: 'the text', mtime: 'the file’s modification time' }[source] || source) + ')'));
    }
    need(b, 'paragraphs').forEach((sentences, pi) => {
      const p = make('p', pi === 0 ? 'summary' : '');
      sentences.forEach((s, si) => {
        if (si > 0) p.appendChild(document.createTextNode(' '));
        const span = make('span', 'sentence');
        appendMarked(span, need(s, 'html'));
        p.appendChild(span);
        const hosts = need(s, 'hosts');
        if (hosts.length) {
          p.appendChild(make('span', 'visually-hidden', ' Sources: '));
          p.appendChild(chipList(hosts, 'span'));
        }
      });
      el.bBody.appendChild(p);
    });
    const hosts = need(b, 'domains');
    for (const h of hosts) el.bHosts.appendChild(make('li', 'chip', h));
    if (!hosts.length) el.bHosts.appendChild(make('li', '', 'No sources cited.'));
    for (const path of need(b, 'paths')) el.bPaths.appendChild(make('li', '', path));
  }

  function renderRelated(items) {
    clear(el.bRelated);
    for (const r of items.slice(0, 8)) {
      const li = make('li');
      const id = need(r, 'id');
      const a = make('a', '', need(r, 'headline') || '(no headline)');
      a.href = location.pathname + queryString(Object.assign({}, state, { id }), true);
      a.dataset.id = id;
      li.appendChild(a);
      const date = need(r, 'date');
      if (date) li.appendChild(make('span', 'meta-inline', ' — ' + formatDate(date)));
      el.bRelated.appendChild(li);
    }
    el.bRelatedSection.hidden = items.length === 0;
  }

  function closeBriefing(previousId) {
    if (el.briefing.hidden) return;
    briefingSeq++;
    el.briefing.hidden = true;
    el.results.hidden = false;
    el.facets.hidden = false;
    layout.classList.remove('reading');
    syncControls();
    if (timelineData && el.chart.clientWidth && el.chart.clientWidth !== drawnWidth) {
      renderTimeline(...timelineData);
    }
    window.scrollTo(0, savedScroll);
    // Put focus back on the result that was opened.
    const link = previousId && el.list.querySelector('a[data-id="' + CSS.escape(previousId) + '"]');
    if (link) link.focus();
  }

  // ---------------------------------------------------------------- events

  let debounceTimer = 0;
  el.q.addEventListener('input', () => {
    clearTimeout(debounceTimer);
    debounceTimer = setTimeout(() => {
      const next = Object.assign({}, state, { q: el.q.value, id: '' });
      if (searchKey(next) === searchKey(state) && !state.id) return;
      commit(next, typingEntry ? 'replace' : 'push');
      typingEntry = true;
    }, DEBOUNCE_MS);
  });

  el.form.addEventListener('submit', (e) => {
    e.preventDefault();
    clearTimeout(debounceTimer);
    const next = Object.assign({}, state, { q: el.q.value, id: '' });
    typingEntry = false;
    if (searchKey(next) === searchKey(state) && !state.id) {
      runSearch(0);  // Enter on the same query searches again (e.g. after an error)
    } else {
      commit(next, 'push');
    }
  });

  el.sort.addEventListener('change', () => {
    typingEntry = false;
    commit(Object.assign({}, state, { sort: el.sort.value, id: '' }), 'push');
  });

  function dateChanged(input, key) {
    const value = input.value.trim();
    if (value && !/^\d{4}(-\d{2}(-\d{2})?)?$/.test(value)) {
      input.setAttribute('aria-invalid', 'true');
      return;
    }
    input.removeAttribute('aria-invalid');
    typingEntry = false;
    commit(Object.assign({}, state, { [key]: value, id: '' }), 'push');
  }
  el.since.addEventListener('change', () => dateChanged(el.since, 'since'));
  el.until.addEventListener('change', () => dateChanged(el.until, 'until'));

  function clearFilters() {
    typingEntry = false;
    commit(Object.assign({}, state, { domains: [], since: '', until: '', sort: 'relevance', id: '' }), 'push');
  }
  el.clear.addEventListener('click', clearFilters);

  el.more.addEventListener('click', () => runSearch(shownCount));

  el.filtersToggle.addEventListener('click', () => {
    const open = !el.facets.classList.contains('open');
    el.facets.classList.toggle('open', open);
    el.filtersToggle.setAttribute('aria-expanded', String(open));
  });

  function openFromLink(e) {
    const a = e.target.closest('a[data-id]');
    if (!a || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    typingEntry = false;
    commit(Object.assign({}, state, { id: a.dataset.id }), 'push');
  }
  el.list.addEventListener('click', openFromLink);
  el.bRelated.addEventListener('click', openFromLink);

  el.back.addEventListener('click', goBack);
  el.home.addEventListener('click', (e) => {
    e.preventDefault();
    el.q.value = '';
    typingEntry = false;
    commit(emptyState(), 'push');
    el.q.focus();
  });

  function goBack() {
    if (openedHere) history.back();
    else commit(Object.assign({}, state, { id: '' }), 'push');
  }

  window.addEventListener('popstate', () => {
    const before = state;
    state = readUrl();
    typingEntry = false;
    openedHere = false;
    clearTimeout(debounceTimer);
    el.q.value = state.q;
    apply(before);
  });

  function resultLinks() { return Array.from(el.list.querySelectorAll('a.result-link')); }

  document.addEventListener('keydown', (e) => {
    if (e.defaultPrevented || e.metaKey || e.ctrlKey || e.altKey) return;
    const active = document.activeElement;
    const typing = active && (active.tagName === 'INPUT' || active.tagName === 'SELECT' ||
      active.tagName === 'TEXTAREA' || active.isContentEditable);
    if (e.key === '/' && !typing) {
      e.preventDefault();
      if (state.id) goBack();
      el.q.focus();
      el.q.select();
      return;
    }
    if (e.key === 'Escape') {
      if (state.id) { e.preventDefault(); goBack(); return; }
      if (active === el.q && el.q.value) return;  // the search box clears itself
      return;
    }
    if ((e.key === 'ArrowDown' || e.key === 'ArrowUp') && !state.id) {
      const links = resultLinks();
      if (!links.length) return;
      const inList = links.indexOf(active);
      if (active !== el.q && inList < 0) return;
      e.preventDefault();
      let next;
      if (inList < 0) next = e.key === 'ArrowDown' ? 0 : -1;
      else next = inList + (e.key === 'ArrowDown' ? 1 : -1);
      if (next < 0) { el.q.focus(); return; }
      if (next >= links.length) next = links.length - 1;
      links[next].focus();
      links[next].scrollIntoView({ block: 'nearest' });
    }
  });

  // ---------------------------------------------------------------- hooks for other files

  // saved.js reads the search shown and shows another through these, and nothing else.
  window.briefingsPage = {
    search: () => ({ q: state.q, domains: state.domains.slice(), since: state.since, until: state.until }),
    show(search) {
      el.q.value = search.q || '';
      typingEntry = false;
      commit(Object.assign(emptyState(), search), 'push');
    },
    onChange(listener) { changeListeners.push(listener); },
  };

  // ---------------------------------------------------------------- live.js hooks

  // Tells live.js what the page shows (the search's parameters and the watermark of its
  // answer; '' to count from now; null for nothing), and searches again when it asks.
  function announceShown(s, watermark) {
    let detail = null;
    if (s) {
      const p = apiParams(s, 0);
      ['sort', 'offset', 'limit'].forEach((name) => p.delete(name));
      detail = { params: p.toString(), watermark };
    }
    document.dispatchEvent(new CustomEvent('briefings:shown', { detail }));
  }
  document.addEventListener('briefings:refresh', () => {
    intro = null;
    runSearch(0);
  });

  // ---------------------------------------------------------------- start

  syncControls();
  el.q.value = state.q;
  apply(null);
  if (!state.id) el.q.focus();
})();
