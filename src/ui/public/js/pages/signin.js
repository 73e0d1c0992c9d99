// Sign-in: one form per sign-in method (today the API token); the credentials are checked against
// the API before they are kept, so a wrong token shows the API's own message here.
import { useState } from 'preact/hooks';
import { html } from '../html.js';
import { SIGN_IN_METHODS } from '../session.js';

export function SignIn({ onSignIn, message }) {
  const [methodId, setMethodId] = useState(SIGN_IN_METHODS[0].id);
  const [values, setValues] = useState({});
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const method = SIGN_IN_METHODS.find((m) => m.id === methodId);

  const submit = async (event) => {
    event.preventDefault();
    setBusy(true);
    setError('');
    try {
      await onSignIn(method, values);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
      // Nothing typed stays in the page's state once it was tried.
      setValues({});
    }
  };

  return html`<main class="signin">
    <h1>DataHub admin</h1>
    <form class="card stack" onSubmit=${submit} aria-labelledby="signin-title">
      <h2 id="signin-title">Sign in</h2>
      ${SIGN_IN_METHODS.length > 1 && html`<label>Sign in with
        <select value=${methodId} onChange=${(e) => { setMethodId(e.currentTarget.value); setValues({}); }}>
          ${SIGN_IN_METHODS.map((m) => html`<option value=${m.id}>${m.label}</option>`)}
        </select>
      </label>`}
      ${method.fields.map((f) => html`<label>${f.label}
        <input name=${f.name} type=${f.type} autocomplete=${f.autocomplete} required spellcheck="false"
          value=${values[f.name] ?? ''} onInput=${(e) => setValues({ ...values, [f.name]: e.currentTarget.value })} />
      </label>`)}
      <div class=${error || message ? 'alert' : 'alert empty'} role="alert">${error || message}</div>
      <div class="actions"><button type="submit" disabled=${busy}>Sign in</button></div>
      <p class="hint">The token stays in this browser tab only (session storage) until you sign out or close the tab.</p>
    </form>
  </main>`;
}
