// Databases of the active source: name, human-readable size and measurements; create ("Database
// name", "Create database"); drop a database or a measurement after a confirmation.
import { useState } from 'preact/hooks';
import { seg } from '../api.js';
import { Messages, useActions, useConfirm, useLoad } from '../components.js';
import { formatBytes } from '../format.js';
import { html } from '../html.js';

function Measurements({ db, canWrite, busy, onDrop }) {
  if (db.measurements.length === 0) return html`<span class="muted">none</span>`;
  return html`<details>
    <summary>${db.measurements.length} measurement${db.measurements.length === 1 ? '' : 's'}</summary>
    <ul class="measurements">
      ${db.measurements.map((m) => html`<li>
        <span class="name">${m}</span>
        <button type="button" class="small danger" disabled=${!canWrite || busy}
          aria-label=${`Drop measurement ${m} from ${db.name}`} onClick=${() => onDrop(db.name, m)}>Drop</button>
      </li>`)}
    </ul>
  </details>`;
}

export function Databases({ api, canWrite }) {
  const list = useLoad(() => api.get('/stats/db'), [api]);
  const actions = useActions();
  const [dialog, confirm] = useConfirm();
  const [name, setName] = useState('');

  const create = async (event) => {
    event.preventDefault();
    const dbName = name;
    const r = await actions.run(() => api.post('/stats/db', { dbName }), `Database ${dbName} created.`);
    if (r.ok) setName('');
    list.reload();
  };
  const dropDatabase = async (db) => {
    if (!(await confirm(`Drop database ${db} with all its data and every grant on it? This cannot be undone.`, 'Drop database'))) return;
    await actions.run(() => api.del(`/stats/db/${seg(db)}`), `Database ${db} dropped.`);
    list.reload();
  };
  const dropMeasurement = async (db, m) => {
    if (!(await confirm(`Drop measurement ${m} from ${db} with all its data? This cannot be undone.`, 'Drop measurement'))) return;
    await actions.run(() => api.del(`/stats/db/${seg(db)}/measurements/${seg(m)}`), `Measurement ${m} dropped from ${db}.`);
    list.reload();
  };

  return html`
    <h1>Databases</h1>
    <${Messages} error=${actions.error || list.error} status=${actions.status} />
    <form class="inline card" onSubmit=${create}>
      <label>Database name
        <input name="dbName" value=${name} required maxlength="255" autocomplete="off"
          disabled=${!canWrite} onInput=${(e) => setName(e.currentTarget.value)} />
      </label>
      <button type="submit" disabled=${!canWrite || actions.busy}>Create database</button>
      <button type="button" class="secondary" onClick=${list.reload}>Refresh</button>
    </form>
    <table class="card">
      <caption>Databases of the active source</caption>
      <thead><tr><th scope="col">Name</th><th scope="col">Size</th><th scope="col">Measurements</th><th scope="col">Actions</th></tr></thead>
      <tbody>
        ${(list.value ?? []).map((db) => html`<tr data-db=${db.name}>
          <th scope="row">${db.name}</th>
          <td title=${`${db.size} bytes`}>${formatBytes(db.size)}</td>
          <td><${Measurements} db=${db} canWrite=${canWrite} busy=${actions.busy} onDrop=${dropMeasurement} /></td>
          <td><button type="button" class="small danger" disabled=${!canWrite || actions.busy}
            aria-label=${`Drop database ${db.name}`} onClick=${() => dropDatabase(db.name)}>Drop</button></td>
        </tr>`)}
      </tbody>
    </table>
    ${list.value === undefined && !list.error && html`<p aria-busy="true">Loading…</p>`}
    ${dialog}
  `;
}
