// Saved searches on the search page: the list in the side column, each with its count of new
// briefings (those `briefings saved run NAME --new` would list) and its Atom feed, and "Save
// this search" for the search shown. Talks to /api/saved (web/api.h); reads and shows
// searches only through window.briefingsPage, app.js's hook for this file.
//
// Opening a saved search here counts as running it with --new: its new briefings are marked
// seen, up to the mark its count was made at, so one indexed meanwhile stays new.
// Names and queries are the user's text: always inserted as text, never as HTML.
'use strict';

(function () {
  const page = window.briefingsPage;
  const REFRESH_MS = 60_000;
  const $ = (id) => document.getElementById(id);
  const el = {
    list: $('saved-list'), empty: $('saved-empty'), open: $('save-open'), form: $('save-form'),
    name: $('save-name'), cancel: $('save-cancel'), message: $('saved-message'),
  };
  if (!page || !el.list) return;

  function make(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text != null) node.textContent = String(text);
    return node;
  }

  function say(text) { el.message.textContent = text; }

  // The answer's JSON, or an Error with the server's message.
  async function call(method, url, body) {
    const init = { method, headers: { Accept: 'application/json' } };
    if (body !== undefined) {
      init.headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    const response = await fetch(url, init);
    let data = null;
    try { data = await response.json(); } catch (e) { data = null; }
    if (!response.ok) throw new Error((data && data.error) || 'the server answered ' + response.status);
    return data;
  }

  function searchOf(saved) {
    return { q: saved.query, domains: saved.domains.slice(), since: saved.since, until: saved.until };
  }

  function pageUrl(search) {
    const p = new URLSearchParams();
    if (search.q) p.set('q', search.q);
    for (const d of search.domains) p.append('domain', d);
    if (search.since) p.set('since', search.since);
    if (search.until) p.set('until', search.until);
    const text = p.toString();
    return '/' + (text ? '?' + text : '');
  }

  // "Bedrock enterprise, cnbc.com, since 2026", as the list's tooltip.
  function described(saved) {
    const parts = [saved.query || 'every briefing', ...saved.domains];
    if (saved.since) parts.push('since ' + saved.since);
    if (saved.until) parts.push('until ' + saved.until);
    return parts.join(', ');
  }

  function item(saved) {
    const li = make('li', 'saved-item');
    const link = make('a', 'saved-link', saved.name);
    link.href = pageUrl(searchOf(saved));
    link.title = described(saved);
    link.dataset.name = saved.name;
    link.addEventListener('click', (e) => {
      if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      e.preventDefault();
      openSaved(saved);
    });
    li.appendChild(link);
    const count = make('span', 'saved-new', saved.new ? saved.new + ' new' : 'none new');
    if (saved.new) count.classList.add('has-new');
    li.appendChild(count);
    const actions = make('span', 'saved-actions');
    const feed = make('a', 'saved-feed', 'Feed');
    feed.href = saved.feed;
    feed.type = 'application/atom+xml';
    feed.setAttribute('aria-label', 'Atom feed of ' + saved.name);
    actions.appendChild(feed);
    const remove = make('button', 'link-button saved-remove', 'Remove');
    remove.type = 'button';
    remove.setAttribute('aria-label', 'Remove the saved search ' + saved.name);
    remove.addEventListener('click', () => removeSaved(saved));
    actions.appendChild(remove);
    li.appendChild(actions);
    return li;
  }

  let listSeq = 0;
  async function refresh() {
    const seq = ++listSeq;
    try {
      const data = await call('GET', '/api/saved');
      if (seq !== listSeq) return;
      const saved = Array.isArray(data && data.saved) ? data.saved : [];
      el.list.replaceChildren(...saved.map(item));
      el.empty.hidden = saved.length > 0;
    } catch (err) {
      if (seq === listSeq) say('Saved searches are not available: ' + err.message);
    }
  }

  async function openSaved(saved) {
    page.show(searchOf(saved));
    if (saved.new) {
      try {
        await call('POST', '/api/saved/' + encodeURIComponent(saved.name) + '/seen',
          { through: saved.new_through });
      } catch (err) {
        say('Could not mark “' + saved.name + '” as seen: ' + err.message);
      }
    }
    refresh();
  }

  async function removeSaved(saved) {
    try {
      await call('DELETE', '/api/saved/' + encodeURIComponent(saved.name));
      say('Removed “' + saved.name + '”.');
    } catch (err) {
      say('Could not remove “' + saved.name + '”: ' + err.message);
    }
    await refresh();
    el.list.focus();
  }

  // ---------------------------------------------------------------- saving the search shown

  function hasSearch(s) { return !!(s.q.trim() || s.domains.length || s.since || s.until); }

  // A name from the query: "Bedrock enterprise" -> "bedrock-enterprise".
  function suggestedName(q) {
    const name = q.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40);
    return !name || name === 'search' ? 'my-search' : name;
  }

  function showSaveButton() {
    const shown = hasSearch(page.search());
    el.open.hidden = !shown || !el.form.hidden;
    if (!shown) el.form.hidden = true;
  }

  function closeForm() {
    el.form.hidden = true;
    showSaveButton();
  }

  el.open.addEventListener('click', () => {
    el.form.hidden = false;
    el.open.hidden = true;
    el.name.value = suggestedName(page.search().q);
    el.name.focus();
    el.name.select();
  });
  el.cancel.addEventListener('click', () => { closeForm(); el.open.focus(); });
  el.form.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') { e.preventDefault(); closeForm(); el.open.focus(); }
  });
  el.form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const s = page.search();
    const name = el.name.value.trim();
    try {
      await call('POST', '/api/saved',
        { name, q: s.q, domain: s.domains, since: s.since, until: s.until });
      say('Saved “' + name + '”.');
      closeForm();
      await refresh();
    } catch (err) {
      say('Not saved: ' + err.message);
      el.name.focus();
    }
  });

  el.list.tabIndex = -1;
  page.onChange(showSaveButton);
  showSaveButton();
  refresh();
  // Counts change as briefings are indexed: look again while the page is in view.
  setInterval(() => { if (document.visibilityState === 'visible') refresh(); }, REFRESH_MS);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') refresh();
  });
})();
