// "3 new briefings": while the page shows a search (or the start page), asks the server
// twice a second how many briefings added since then that search matches (GET /api/new,
// with the watermark of the answer shown), and offers them above the results. Nothing on
// the page moves until the user asks: the button runs the search again.
//
// Talks to app.js through two DOM events only: 'briefings:shown' (app.js: the parameters
// and watermark of what it now shows, or null while it shows nothing to count against) and
// 'briefings:refresh' (this file: search again). Asks nothing while the tab is hidden, backs
// off when the server does not answer, and never waits more than TIMEOUT_MS for one answer.
'use strict';

(function () {
  const POLL_MS = 500;
  const MAX_BACKOFF_MS = 30000;
  const TIMEOUT_MS = 10000;

  const results = document.getElementById('results');
  const notice = document.createElement('div');
  notice.id = 'live-notice';
  notice.className = 'live-notice';
  notice.setAttribute('role', 'status');  // read out when it appears, without moving focus
  const button = document.createElement('button');
  button.type = 'button';
  button.id = 'live-button';
  notice.appendChild(button);
  notice.hidden = true;
  results.insertBefore(notice, document.getElementById('status'));

  let shown = null;  // { params, watermark } of what the page shows
  let timer = 0;
  let failures = 0;

  function offer(text) {
    if (button.textContent !== text) button.textContent = text;
    notice.hidden = false;
  }

  function withdraw() {
    notice.hidden = true;
    button.textContent = '';
  }

  function schedule(ms) {
    clearTimeout(timer);
    timer = setTimeout(poll, ms);
  }

  function answered(asked, body) {
    if (!asked.watermark) {
      asked.watermark = body.watermark;  // the start page: count from now
    } else if (body.new > 0) {
      offer(body.new + (body.new === 1 ? ' new briefing' : ' new briefings') + ': show');
    }
  }

  async function poll() {
    const asked = shown;
    if (!asked || document.hidden) return;  // visibilitychange starts it again
    const params = new URLSearchParams(asked.params);
    if (asked.watermark) params.set('after', asked.watermark);
    const abort = new AbortController();
    const limit = setTimeout(() => abort.abort(), TIMEOUT_MS);
    try {
      const response = await fetch('/api/new?' + params,
        { signal: abort.signal, headers: { Accept: 'application/json' } });
      if (!response.ok) throw new Error('HTTP ' + response.status);
      const body = await response.json();
      failures = 0;
      if (asked === shown) answered(asked, body);
    } catch (err) {
      failures = Math.min(failures + 1, 10);
    } finally {
      clearTimeout(limit);
    }
    if (asked === shown) schedule(Math.min(MAX_BACKOFF_MS, POLL_MS * 2 ** failures));
  }

  document.addEventListener('briefings:shown', (e) => {
    withdraw();
    clearTimeout(timer);
    shown = e.detail ? { params: e.detail.params, watermark: e.detail.watermark } : null;
    // Without a watermark (the start page), ask for one at once: what is committed between
    // the page's answer and this one is not counted.
    if (shown) schedule(shown.watermark ? POLL_MS : 0);
  });

  document.addEventListener('visibilitychange', () => {
    if (!document.hidden && shown) schedule(0);
  });

  button.addEventListener('click', () => {
    withdraw();
    results.focus({ preventScroll: true });
    document.dispatchEvent(new CustomEvent('briefings:refresh'));
  });
})();
