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
    let uPlot;
    let width = 0;
    let gone = false;
    // Created once both the library and the box's width are known. The width comes from a
    // ResizeObserver, which reports every chart's box after one layout; reading clientWidth here
    // forced a layout per chart (each new chart invalidates the last), and the observer's first
    // report then redrew every chart at the width it already had.
    const create = () => {
      if (gone || !uPlot || width === 0 || plot.current) return;
      plot.current = new uPlot(
        {
          width,
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
    };
    const resize = new ResizeObserver(([entry]) => {
      const next = Math.max(240, Math.floor(entry.contentRect.width));
      if (next === width) return;
      width = next;
      if (plot.current) plot.current.setSize({ width, height: HEIGHT });
      else create();
    });
    resize.observe(el);
    void loadUplot().then((lib) => {
      uPlot = lib;
      create();
    });
    return () => {
      gone = true;
      resize.disconnect();
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
