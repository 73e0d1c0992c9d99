// The signed-in page: the header with the page links and sign-out, and one of four pages chosen by
// the URL's hash (#overview, #tsdb, #databases, #users). main.js imports it only once signed in.
import { useCallback, useEffect, useState } from 'preact/hooks';
import { probeWriteAccess } from './api.js';
import { html } from './html.js';
import { Databases } from './pages/databases.js';
import { Overview } from './pages/overview.js';
import { Tsdb } from './pages/tsdb.js';
import { Users } from './pages/users.js';

const PAGES = [
  { id: 'overview', label: 'Overview', view: Overview },
  { id: 'tsdb', label: 'Time-series DB', view: Tsdb },
  { id: 'databases', label: 'Databases', view: Databases },
  { id: 'users', label: 'Users', view: Users },
];

function currentPage() {
  const id = location.hash.replace(/^#\/?/, '');
  return PAGES.find((p) => p.id === id) ?? PAGES[0];
}

/** The page named by the hash, and a visit count: following the link of the page already open
 * loads it afresh (no hashchange fires then), as users expect of a navigation link. */
function useHashPage() {
  const [page, setPage] = useState(currentPage);
  const [visit, setVisit] = useState(0);
  useEffect(() => {
    const onHash = () => setPage(currentPage());
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, []);
  const revisit = useCallback(() => setVisit((v) => v + 1), []);
  return { page, visit, revisit };
}

export function Shell({ api, signOut }) {
  const [canWrite, setCanWrite] = useState(null);
  const { page, visit, revisit } = useHashPage();

  // The page renders at once with its controls disabled; they enable when the probe says so.
  useEffect(() => {
    let current = true;
    probeWriteAccess(api).then(
      (w) => current && setCanWrite(w),
      // A 401 already signed out; anything else leaves the page read-only rather than guessing.
      () => current && setCanWrite(false),
    );
    return () => {
      current = false;
    };
  }, [api]);

  useEffect(() => {
    document.title = `${page.label} · DataHub admin`;
  }, [page]);

  const View = page.view;
  return html`
    <header class="top">
      <span class="brand">DataHub admin</span>
      <nav aria-label="Pages">
        <ul>${PAGES.map((p) => html`<li><a href=${`#${p.id}`} aria-current=${p === page ? 'page' : undefined}
          onClick=${() => p === page && revisit()}>${p.label}</a></li>`)}</ul>
      </nav>
      <span class="role" data-testid="role">${canWrite === null ? '' : canWrite ? 'Admin access' : 'Read-only access'}</span>
      <button type="button" class="secondary" onClick=${() => signOut()}>Sign out</button>
    </header>
    ${canWrite === false && html`<p class="banner">Signed in with read-only access: everything is visible, changes are disabled.</p>`}
    <main id="main" data-ready=${canWrite !== null}>
      <${View} key=${`${page.id}:${visit}`} api=${api} canWrite=${canWrite === true} />
    </main>
  `;
}
