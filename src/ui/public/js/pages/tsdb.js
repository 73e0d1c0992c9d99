// Time-series DB: the active source and the "Persistence" switch, the vendor list, and the source
// settings form (secrets write-only: never shown, sent only when typed) with "Test connection".
import { useEffect, useState } from 'preact/hooks';
import { Messages, useActions, useLoad } from '../components.js';
import { html } from '../html.js';

const EMPTY = { name: '', description: '', db_uri: '', db_username: '', db_password: '', db_influx2_auth_token: '', db_influx2_org_name: '' };

function Field({ label, name, form, set, type = 'text', disabled, autocomplete, required }) {
  return html`<label>${label}
    <input type=${type} name=${name} value=${form[name]} disabled=${disabled} autocomplete=${autocomplete ?? 'off'}
      required=${required} onInput=${(e) => set({ ...form, [name]: e.currentTarget.value })} />
  </label>`;
}

/** Only the fields the chosen source and vendor use; empty optional ones are left out. */
function body(type, vendor, form) {
  const fields = type === 'internal'
    ? ['name', 'description']
    : ['name', 'description', 'db_uri', ...(vendor === 'influx_v2.x' ? ['db_influx2_auth_token', 'db_influx2_org_name'] : ['db_username', 'db_password'])];
  const out = { db_vendor: type === 'internal' ? 'influx_v1.x' : vendor };
  for (const f of fields) if (form[f] !== '') out[f] = form[f];
  return out;
}

export function Tsdb({ api, canWrite }) {
  const info = useLoad(() => api.get('/stats/tsdb'), [api]);
  const vendors = useLoad(() => api.get('/stats/tsdb/dbvendors'), [api]);
  const actions = useActions();
  const [type, setType] = useState('internal');
  const [vendor, setVendor] = useState('influx_v1.x');
  const [form, setForm] = useState(EMPTY);
  const [test, setTest] = useState(null);
  const [typeTouched, setTypeTouched] = useState(false);
  useEffect(() => {
    if (info.value && !typeTouched) setType(info.value.source);
  }, [info.value, typeTouched]);

  const enabled = info.value?.is_enabled;
  const flip = async () => {
    const next = enabled ? 'disable' : 'enable';
    await actions.run(() => api.put(`/stats/tsdb/state/${next}`), `Persistence ${next}d.`);
    info.reload();
  };
  const save = async (event) => {
    event.preventDefault();
    const r = await actions.run(() => api.put(`/stats/tsdb/dbsource/${type}`, body(type, vendor, form)), `The ${type} source is saved and active.`);
    if (r.ok) setForm({ ...form, db_password: '', db_influx2_auth_token: '' });
    info.reload();
  };
  const runTest = async () => {
    setTest(null);
    const r = await actions.run(() => api.get(`/stats/tsdb/dbsource/${type}/test`));
    if (r.ok) setTest(r.result);
  };
  const external = type === 'external';
  const readOnly = !canWrite;

  return html`
    <h1>Time-series DB</h1>
    <${Messages} error=${actions.error || info.error || vendors.error} status=${actions.status} />
    <section class="card" aria-labelledby="state">
      <h2 id="state">State</h2>
      ${info.value === undefined
        ? html`<p aria-busy="true">Loading…</p>`
        : html`<p>Active source: <strong data-testid="active-source">${info.value.source}</strong></p>
          <div class="switch-row">
            <button type="button" role="switch" class="switch" aria-checked=${enabled ? 'true' : 'false'}
              disabled=${readOnly || actions.busy} onClick=${flip}>Persistence</button>
            <span aria-hidden="true">${enabled ? 'On: data is written to the active source' : 'Off: nothing is written'}</span>
          </div>`}
    </section>
    <section class="card" aria-labelledby="vendors">
      <h2 id="vendors">Vendors</h2>
      <ul>${(vendors.value ?? []).map((v) => html`<li>${v.label} <code>${v.value}</code></li>`)}</ul>
    </section>
    <section class="card" aria-labelledby="source">
      <h2 id="source">Source settings</h2>
      <p class="hint">Saving makes the source active at once. Passwords and tokens are write-only: they are never shown, so type them again whenever you save.</p>
      <form onSubmit=${save} class="stack">
        <label>Source type
          <select value=${type} onChange=${(e) => { setTypeTouched(true); setType(e.currentTarget.value); setTest(null); }}>
            <option value="internal">internal</option>
            <option value="external">external</option>
          </select>
        </label>
        <label>Vendor
          <select value=${external ? vendor : 'influx_v1.x'} disabled=${!external} onChange=${(e) => setVendor(e.currentTarget.value)}>
            ${(vendors.value ?? [{ value: 'influx_v1.x', label: 'InfluxDB v1.x' }]).map((v) => html`<option value=${v.value}>${v.label}</option>`)}
          </select>
        </label>
        <${Field} label=${external && vendor === 'influx_v2.x' ? 'Bucket' : 'Database'} name="name" form=${form} set=${setForm} required />
        <${Field} label="Description" name="description" form=${form} set=${setForm} />
        ${external && html`<${Field} label="URL" name="db_uri" type="url" form=${form} set=${setForm} required />`}
        ${external && vendor !== 'influx_v2.x' && html`
          <${Field} label="Username" name="db_username" form=${form} set=${setForm} />
          <${Field} label="Password" name="db_password" type="password" autocomplete="new-password" form=${form} set=${setForm} />`}
        ${external && vendor === 'influx_v2.x' && html`
          <${Field} label="Auth token" name="db_influx2_auth_token" type="password" autocomplete="new-password" form=${form} set=${setForm} required />
          <${Field} label="Organization" name="db_influx2_org_name" form=${form} set=${setForm} required />`}
        <div class="actions">
          <button type="submit" disabled=${readOnly || actions.busy}>Save source</button>
          <button type="button" disabled=${actions.busy} onClick=${runTest}>Test connection</button>
        </div>
      </form>
      <p class="hint">Test connection checks the saved settings of the ${type} source.</p>
      ${test && html`<dl class="numbers test-result" aria-label="Connection test result">
        <div><dt>is_connected</dt><dd data-testid="is-connected">${String(test.is_connected)}</dd></div>
        <div><dt>response</dt><dd data-testid="test-response">${test.response}</dd></div>
      </dl>`}
    </section>
  `;
}
