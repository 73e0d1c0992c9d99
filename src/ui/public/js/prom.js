// A parser for the Prometheus text exposition format 0.0.4, as much of it as /stats/metrics uses:
// samples with optional labels and timestamp; comments, blank and malformed lines are skipped.
// Pure: tested table-driven in Node (test/ui/prom.test.ts).

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})?[ \t]+(\S+)(?:[ \t]+-?\d+)?[ \t]*$/;
const LABEL = /\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*=\s*"((?:[^"\\]|\\.)*)"\s*(,|$)/y;

function unescape(value) {
  return value.replace(/\\(.)/g, (_m, c) => (c === 'n' ? '\n' : c));
}

function parseLabels(text) {
  const labels = {};
  LABEL.lastIndex = 0;
  while (LABEL.lastIndex < text.length) {
    const m = LABEL.exec(text);
    if (!m) return null;
    labels[m[1]] = unescape(m[2]);
    if (m[3] === '') break;
  }
  return labels;
}

function parseValue(text) {
  if (text === '+Inf' || text === 'Inf') return Infinity;
  if (text === '-Inf') return -Infinity;
  if (text === 'NaN') return NaN;
  const n = Number(text);
  return text.trim() === '' || Number.isNaN(n) ? null : n;
}

/** Text → Map of metric name → [{ labels, value }], in the order they appear. */
export function parseExposition(text) {
  const families = new Map();
  for (const raw of String(text).split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const m = SAMPLE.exec(line);
    if (!m) continue;
    const labels = m[3] === undefined ? {} : parseLabels(m[3]);
    const value = parseValue(m[4]);
    if (labels === null || value === null) continue;
    if (!families.has(m[1])) families.set(m[1], []);
    families.get(m[1]).push({ labels, value });
  }
  return families;
}

/** The value of an unlabelled sample, or undefined. */
export function single(families, name) {
  return families.get(name)?.[0]?.value;
}

/** label value → sample value for one labelled family (the vendor's families use `name`). */
export function byLabel(families, name, label = 'name') {
  const out = new Map();
  for (const s of families.get(name) ?? []) if (s.labels[label] !== undefined) out.set(s.labels[label], s.value);
  return out;
}
