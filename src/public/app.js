// Progressive enhancement only: every page works without this file.
import { initAll } from '/assets/vendor/govuk-frontend.min.js';
import { initAll as initMoj } from '/assets/vendor/moj-frontend.min.js';

initAll();
initMoj();

// Import progress: poll the job and move the bar; reload when it has finished. Without JavaScript the page
// offers a refresh link instead.
for (const el of document.querySelectorAll('[data-module="app-import-progress"]')) {
  const bar = el.querySelector('progress');
  const text = el.querySelector('[data-progress-text]');
  const url = el.getAttribute('data-progress-url');
  const poll = async () => {
    try {
      const res = await window.fetch(url, { headers: { accept: 'application/json' }, credentials: 'same-origin' });
      if (!res.ok) return;
      const job = await res.json();
      if (job.status !== 'importing') {
        window.location.reload();
        return;
      }
      bar.value = job.processed;
      text.textContent = `${job.processed.toLocaleString('en-GB')} of ${job.total.toLocaleString('en-GB')} notifications`;
    } catch {
      // try again on the next tick
    }
    window.setTimeout(poll, 1000);
  };
  window.setTimeout(poll, 1000);
}
