// One live line chart: a uPlot instance created when the set of series changes and fed new data on
// every scrape. role="img" with a label: the numbers beside each chart are its text alternative.
import { useEffect, useRef } from 'preact/hooks';
import { html } from './html.js';
import { loadUplot } from './uplot.js';

// Distinguishable on white and for the common colour-vision deficiencies (Okabe–Ito, darkened).
const PALETTE = ['#0064a8', '#c2410c', '#047857', '#a21caf', '#b45309', '#0e7490', '#be123c', '#4b5563'];
const HEIGHT = 180;

export function Chart({ label, names, data, format, max }) {
  const box = useRef(null);
  const plot = useRef(null);
  const key = names.join('\u0000');
  const latest = useRef(data);
  latest.current = data;
  useEffect(() => {
    const el = box.current;
    const width = () => Math.max(240, el.clientWidth);
    let resize;
    let gone = false;
    void loadUplot().then((uPlot) => {
      if (gone) return;
      plot.current = new uPlot(
        {
          width: width(),
          height: HEIGHT,
          legend: { live: false },
          cursor: { drag: { x: false, y: false } },
          scales: { x: { time: true }, y: max === undefined ? { range: (_u, _lo, hi) => [0, Math.max(hi, 1)] } : { range: [0, max] } },
          axes: [{}, { size: 80, values: (_u, ticks) => ticks.map((v) => format(v)) }],
          series: [{}, ...names.map((name, i) => ({ label: name, stroke: PALETTE[i % PALETTE.length], width: 1.5 }))],
        },
        latest.current,
        el,
      );
      el.dataset.samples = String(latest.current[0].length);
      resize = new ResizeObserver(() => plot.current?.setSize({ width: width(), height: HEIGHT }));
      resize.observe(el);
    });
    return () => {
      gone = true;
      resize?.disconnect();
      plot.current?.destroy();
      plot.current = null;
    };
    // Deps: rebuilt only when the series change
  }, [key]);
  useEffect(() => {
    if (!plot.current) return;
    plot.current.setData(data);
    box.current.dataset.samples = String(data[0].length);
  }, [data]);
  // data-samples: how many samples the chart has drawn (set once uPlot has them; tests and the bench read it).
  return html`<div class="chart" ref=${box} role="img" aria-label=${label}></div>`;
}
