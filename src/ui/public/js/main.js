// The admin page's entry: the sign-in form, and once signed in the page shell (shell.js). Only what
// the sign-in form needs is imported here, so it shows as soon as those few modules are in; the shell
// and the chart library are asked for as soon as a session exists (the server preloads the shell's
// modules after these, so they are usually here by then).
import { render } from 'preact';
import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import { createApi } from './api.js';
import { html } from './html.js';
import { SignIn } from './pages/signin.js';
import { clearSession, loadSession, saveSession } from './session.js';
import { loadUplot } from './uplot.js';

let shell;
/** The signed-in part of the page, and the chart library its first page (Overview) draws with. */
function loadShell() {
  // The chart library parses while the shell's modules and the first data load; a failure shows
  // on the charts themselves (chart.js asks again), not here.
  void loadUplot().catch(() => undefined);
  shell ??= import('./shell.js').catch((err) => {
    shell = undefined;
    throw err;
  });
  return shell;
}

function App() {
  const [session, setSession] = useState(loadSession);
  const [notice, setNotice] = useState('');
  const [Shell, setShell] = useState(null);
  const [loadError, setLoadError] = useState('');

  const signOut = useCallback((message = '') => {
    clearSession();
    setSession(null);
    setNotice(message);
  }, []);
  const api = useMemo(
    () => session && createApi(session.authorization, (err) => signOut(`Signed out: ${err.message}`)),
    [session, signOut],
  );

  useEffect(() => {
    if (!session || Shell) return;
    let current = true;
    loadShell().then(
      (m) => current && setShell(() => m.Shell),
      (err) => current && setLoadError(`The page could not load (${err instanceof Error ? err.message : String(err)}); reload to try again.`),
    );
    return () => {
      current = false;
    };
  }, [session, Shell]);

  useEffect(() => {
    if (!session) document.title = 'Sign in · DataHub admin';
  }, [session]);

  const signIn = async (method, values) => {
    const authorization = await method.authorize(values);
    // Checked before it is kept: a wrong token throws the API's message to the form.
    await createApi(authorization).get('/stats/tsdb');
    const next = { method: method.id, authorization };
    saveSession(next);
    setNotice('');
    setSession(next);
  };

  if (!session) return html`<${SignIn} onSignIn=${signIn} message=${notice} />`;
  if (!Shell) {
    return html`<main id="main" aria-busy=${loadError ? undefined : 'true'}>
      ${loadError ? html`<p class="alert" role="alert">${loadError}</p>` : html`<p>Loading…</p>`}
    </main>`;
  }
  return html`<${Shell} api=${api} signOut=${signOut} />`;
}

// Signed in already (a reload): ask for the shell before the first render, not after it.
if (loadSession()) void loadShell().catch(() => undefined);
render(html`<${App} />`, document.getElementById('app'));
