// Overview: live charts of /stats/metrics (CPU, memory, network rates per interface, storage per
// mount, DeviceHub message rate), scraped every few seconds, with the latest values as numbers.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { Chart } from '../chart.js';
import { Messages } from '../components.js';
import { formatBytes, formatCount, formatPercent, formatRate } from '../format.js';
import { addSample, createHistory, groupData } from '../history.js';
import { html } from '../html.js';
import { parseExposition } from '../prom.js';

export const POLL_MS = 2000;

const pct = (v) => `${Math.round(v)} %`;
const perSecond = (v) => formatRate(v);
const msgs = (v) => `${formatCount(v)}/s`;

function Card({ id, title, children }) {
  return html`<section class="card" aria-labelledby=${id}><h2 id=${id}>${title}</h2>${children}</section>`;
}

function Numbers({ items }) {
  return html`<dl class="numbers">${items.map(([k, v]) => html`<div><dt>${k}</dt><dd>${v}</dd></div>`)}</dl>`;
}

export function Overview({ api }) {
  const history = useRef(createHistory());
  const [version, setVersion] = useState(0);
  const [error, setError] = useState('');

  useEffect(() => {
    let stopped = false;
    let timer;
    const tick = async () => {
      try {
        const text = await api.get('/stats/metrics');
        addSample(history.current, parseExposition(text), Date.now() / 1000);
        setVersion((v) => v + 1);
        setError('');
      } catch (err) {
        setError(err instanceof Error ? err.message : String(err));
      }
      if (!stopped) timer = setTimeout(tick, POLL_MS);
    };
    void tick();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [api]);

  const h = history.current;
  const charts = useMemo(
    () => ({
      cpu: [h.t.slice(), h.cpu.user.slice(), h.cpu.system.slice(), h.cpu.idle.slice()],
      memory: [h.t.slice(), h.memory.slice()],
      rx: groupData(h, h.rx),
      tx: groupData(h, h.tx),
      storage: groupData(h, h.storage),
      messages: [h.t.slice(), h.messages.slice()],
    }),
    [version],
  );
  const last = h.last;
  const interfaces = charts.rx.names;

  return html`
    <h1>Overview</h1>
    <p class="hint">Host metrics from <code>/stats/metrics</code>, refreshed every ${POLL_MS / 1000} s.</p>
    <${Messages} error=${error} />
    ${last === null
      ? html`<p aria-busy="true">Loading metrics…</p>`
      : html`<div class="grid">
          <${Card} id="cpu" title="CPU">
            <${Chart} label="CPU user, system and idle percent over time" names=${['user', 'system', 'idle']} data=${charts.cpu} format=${pct} max=${100} />
            <${Numbers} items=${[['User', formatPercent(last.cpu.user)], ['System', formatPercent(last.cpu.system)], ['Idle', formatPercent(last.cpu.idle)]]} />
          <//>
          <${Card} id="memory" title="Memory">
            <${Chart} label="Memory used percent over time" names=${['used']} data=${charts.memory} format=${pct} max=${100} />
            <${Numbers} items=${[['Used', formatPercent(last.memory)]]} />
          <//>
          <${Card} id="rx" title="Network receive">
            <${Chart} label="Bytes received per second, per interface" names=${charts.rx.names} data=${charts.rx.data} format=${perSecond} />
          <//>
          <${Card} id="tx" title="Network transmit">
            <${Chart} label="Bytes transmitted per second, per interface" names=${charts.tx.names} data=${charts.tx.data} format=${perSecond} />
          <//>
          <${Card} id="messages" title="DeviceHub messages">
            <${Chart} label="DeviceHub messages received per second" names=${['messages/s']} data=${charts.messages} format=${msgs} />
            <${Numbers} items=${[['Rate', last.messageRate === null ? '–' : `${formatCount(last.messageRate, 1)}/s`], ['Total', formatCount(last.messages)]]} />
          <//>
          <${Card} id="storage" title="Storage">
            <${Chart} label="Storage used percent per mount" names=${charts.storage.names} data=${charts.storage.data} format=${pct} max=${100} />
          <//>
        </div>
        <div class="grid wide">
          <section class="card" aria-labelledby="net-table">
            <h2 id="net-table">Interfaces</h2>
            <table>
              <thead><tr><th scope="col">Interface</th><th scope="col">Receive</th><th scope="col">Transmit</th></tr></thead>
              <tbody>${interfaces.map((name) => html`<tr><th scope="row">${name}</th><td>${formatRate(last.rx.get(name))}</td><td>${formatRate(last.tx.get(name))}</td></tr>`)}</tbody>
            </table>
          </section>
          <section class="card" aria-labelledby="mount-table">
            <h2 id="mount-table">Mounts</h2>
            <table>
              <thead><tr><th scope="col">Mount</th><th scope="col">Used</th><th scope="col">Size</th><th scope="col">Available</th><th scope="col">Use</th></tr></thead>
              <tbody>${last.storage.map((m) => html`<tr><th scope="row">${m.mount}</th><td>${formatBytes(m.usedBytes)}</td><td>${formatBytes(m.sizeBytes)}</td><td>${formatBytes(m.availableBytes)}</td><td>${formatPercent(m.usedPercent)}</td></tr>`)}</tbody>
            </table>
          </section>
        </div>`}
  `;
}
