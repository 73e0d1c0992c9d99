// DB users of the active source: a table of users with their privileges per database; create ("User
// name", "Password", grants, "Create user"), grant and revoke per database, reset a password, delete
// after a confirmation. Passwords go only into request bodies and are cleared once sent.
import { useState } from 'preact/hooks';
import { seg } from '../api.js';
import { Messages, Modal, useActions, useConfirm, useLoad } from '../components.js';
import { html } from '../html.js';

const PRIVILEGES = ['READ', 'WRITE', 'ALL'];

function CreateUser({ databases, canWrite, busy, onCreate }) {
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [grants, setGrants] = useState({});
  const submit = async (event) => {
    event.preventDefault();
    const list = Object.entries(grants).filter(([, p]) => p !== '').map(([database, privileges]) => ({ database, privileges }));
    if (await onCreate({ name, password, grants: list })) {
      setName('');
      setGrants({});
    }
    setPassword('');
  };
  return html`<form class="card stack" onSubmit=${submit} aria-labelledby="create-user">
    <h2 id="create-user">New user</h2>
    <div class="inline">
      <label>User name
        <input name="name" value=${name} required maxlength="255" autocomplete="off" disabled=${!canWrite} onInput=${(e) => setName(e.currentTarget.value)} />
      </label>
      <label>Password
        <input name="password" type="password" value=${password} required autocomplete="new-password" disabled=${!canWrite} onInput=${(e) => setPassword(e.currentTarget.value)} />
      </label>
    </div>
    <fieldset>
      <legend>Grants</legend>
      ${databases.length === 0 && html`<p class="muted">No databases yet.</p>`}
      <div class="grants">
        ${databases.map((db) => html`<label>${db}
          <select value=${grants[db] ?? ''} disabled=${!canWrite} onChange=${(e) => setGrants({ ...grants, [db]: e.currentTarget.value })}>
            <option value="">none</option>
            ${PRIVILEGES.map((p) => html`<option value=${p}>${p}</option>`)}
          </select>
        </label>`)}
      </div>
    </fieldset>
    <div class="actions"><button type="submit" disabled=${!canWrite || busy}>Create user</button></div>
  </form>`;
}

function UserRow({ user, databases, canWrite, busy, onChange, onPassword, onDelete }) {
  const [database, setDatabase] = useState(databases[0] ?? '');
  const [privileges, setPrivileges] = useState('READ');
  const db = databases.includes(database) ? database : (databases[0] ?? '');
  const off = !canWrite || busy || db === '';
  return html`<tr data-user=${user.name}>
    <th scope="row">${user.name}</th>
    <td>${user.grants.length === 0
      ? html`<span class="muted">none</span>`
      : html`<ul class="grant-list">${user.grants.map((g) => html`<li><span class="name">${g.database}</span> <span class="badge">${g.privileges}</span></li>`)}</ul>`}</td>
    <td>
      <div class="inline tight">
        <select aria-label=${`Database for ${user.name}`} value=${db} disabled=${!canWrite} onChange=${(e) => setDatabase(e.currentTarget.value)}>
          ${databases.map((d) => html`<option value=${d}>${d}</option>`)}
        </select>
        <select aria-label=${`Privileges for ${user.name}`} value=${privileges} disabled=${!canWrite} onChange=${(e) => setPrivileges(e.currentTarget.value)}>
          ${PRIVILEGES.map((p) => html`<option value=${p}>${p}</option>`)}
        </select>
        <button type="button" class="small" disabled=${off} aria-label=${`Grant ${privileges} on ${db} to ${user.name}`}
          onClick=${() => onChange('grant_privileges', user.name, db, privileges)}>Grant</button>
        <button type="button" class="small" disabled=${off} aria-label=${`Revoke ${privileges} on ${db} from ${user.name}`}
          onClick=${() => onChange('revoke_privileges', user.name, db, privileges)}>Revoke</button>
      </div>
      <div class="inline tight">
        <button type="button" class="small" disabled=${!canWrite || busy} aria-label=${`Reset password of ${user.name}`} onClick=${() => onPassword(user.name)}>Reset password</button>
        <button type="button" class="small danger" disabled=${!canWrite || busy} aria-label=${`Delete user ${user.name}`} onClick=${() => onDelete(user.name)}>Delete</button>
      </div>
    </td>
  </tr>`;
}

function PasswordDialog({ user, error, onSet, onClose }) {
  const [password, setPassword] = useState('');
  const submit = async (event) => {
    event.preventDefault();
    const value = password;
    setPassword('');
    await onSet(value);
  };
  return html`<${Modal} title=${`Reset password of ${user}`} onClose=${onClose}>
    <${Messages} error=${error} />
    <form class="stack" onSubmit=${submit}>
      <label>New password
        <input type="password" required autocomplete="new-password" value=${password} onInput=${(e) => setPassword(e.currentTarget.value)} />
      </label>
      <div class="actions">
        <button type="button" onClick=${onClose}>Cancel</button>
        <button type="submit">Set password</button>
      </div>
    </form>
  <//>`;
}

export function Users({ api, canWrite }) {
  const users = useLoad(() => api.get('/stats/users'), [api]);
  const dbs = useLoad(() => api.get('/stats/db'), [api]);
  const actions = useActions();
  const [dialog, confirm] = useConfirm();
  const [passwordFor, setPasswordFor] = useState(null);
  const databases = (dbs.value ?? []).map((d) => d.name).sort();

  const create = async (body) => {
    const r = await actions.run(() => api.post('/stats/users', body), `User ${body.name} created.`);
    users.reload();
    return r.ok;
  };
  const change = async (action, user, database, privileges) => {
    const verb = action === 'grant_privileges' ? 'granted to' : 'revoked from';
    await actions.run(() => api.put(`/stats/users/${seg(user)}/${action}`, { database, privileges }), `${privileges} on ${database} ${verb} ${user}.`);
    users.reload();
  };
  const setPassword = async (password) => {
    const user = passwordFor;
    const r = await actions.run(() => api.put(`/stats/users/${seg(user)}/password`, { password }), `Password of ${user} reset.`);
    if (r.ok) setPasswordFor(null);
  };
  const remove = async (user) => {
    if (!(await confirm(`Delete user ${user} and all of their grants?`, 'Delete user'))) return;
    await actions.run(() => api.del(`/stats/users/${seg(user)}/delete`), `User ${user} deleted.`);
    users.reload();
  };

  return html`
    <h1>Users</h1>
    <${Messages} error=${actions.error || users.error || dbs.error} status=${actions.status} />
    <${CreateUser} databases=${databases} canWrite=${canWrite} busy=${actions.busy} onCreate=${create} />
    <table class="card">
      <caption>DB users and their privileges by database</caption>
      <thead><tr><th scope="col">User</th><th scope="col">Privileges by database</th><th scope="col">Actions</th></tr></thead>
      <tbody>
        ${(users.value ?? []).map((u) => html`<${UserRow} key=${u.name} user=${u} databases=${databases} canWrite=${canWrite}
          busy=${actions.busy} onChange=${change} onPassword=${setPasswordFor} onDelete=${remove} />`)}
      </tbody>
    </table>
    ${users.value?.length === 0 && html`<p class="muted">No DB users yet.</p>`}
    ${passwordFor && html`<${PasswordDialog} user=${passwordFor} error=${actions.error} onSet=${setPassword} onClose=${() => setPasswordFor(null)} />`}
    ${dialog}
  `;
}
