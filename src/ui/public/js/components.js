// Building blocks every page uses: the error and status regions, a run() that shows the API's
// message for any failed call, and modal dialogs (native <dialog>: focus trap and Escape for free).
import { useCallback, useEffect, useId, useRef, useState } from 'preact/hooks';
import { html } from './html.js';

/** The live regions exist before they have text, so screen readers announce changes. */
export function Messages({ error, status }) {
  return html`
    <div class=${error ? 'alert' : 'alert empty'} role="alert">${error}</div>
    <div class=${status ? 'status' : 'status empty'} role="status">${status}</div>
  `;
}

/** run(work, doneText): clears the messages, awaits work, then shows doneText or the error's message. */
export function useActions() {
  const [error, setError] = useState('');
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  const run = useCallback(async (work, doneText) => {
    setBusy(true);
    setError('');
    setStatus('');
    try {
      const result = await work();
      if (doneText) setStatus(doneText);
      return { ok: true, result };
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
      return { ok: false };
    } finally {
      setBusy(false);
    }
  }, []);
  return { error, status, busy, run, setError };
}

export function Modal({ title, onClose, children }) {
  const ref = useRef(null);
  const id = useId();
  useEffect(() => {
    const dialog = ref.current;
    dialog.showModal();
    return () => dialog.open && dialog.close();
  }, []);
  const cancel = (event) => {
    event.preventDefault();
    onClose();
  };
  return html`
    <dialog ref=${ref} aria-labelledby=${id} onCancel=${cancel}>
      <h2 id=${id}>${title}</h2>
      ${children}
    </dialog>
  `;
}

/** [dialog, confirm]: await confirm('Drop database x?', 'Drop') resolves true only on that button. */
export function useConfirm() {
  const [request, setRequest] = useState(null);
  const confirm = useCallback((message, action) => new Promise((resolve) => setRequest({ message, action, resolve })), []);
  const answer = (ok) => {
    request?.resolve(ok);
    setRequest(null);
  };
  const dialog =
    request &&
    html`<${Modal} title="Please confirm" onClose=${() => answer(false)}>
      <p>${request.message}</p>
      <div class="actions">
        <button type="button" onClick=${() => answer(false)}>Cancel</button>
        <button type="button" class="danger" onClick=${() => answer(true)}>${request.action}</button>
      </div>
    <//>`;
  return [dialog, confirm];
}

/** Calls load() now and on every reload(); keeps the last good value and the last error. */
export function useLoad(load, deps) {
  const [value, setValue] = useState(undefined);
  const [error, setError] = useState('');
  const [round, setRound] = useState(0);
  useEffect(() => {
    let current = true;
    load().then(
      (v) => current && (setValue(v), setError('')),
      (err) => current && setError(err instanceof Error ? err.message : String(err)),
    );
    return () => {
      current = false;
    };
    // Deps: the caller lists what load() reads
  }, [...deps, round]);
  const reload = useCallback(() => setRound((r) => r + 1), []);
  return { value, error, reload };
}
