// The chart library on demand: uPlot's minified build (a classic script setting window.uPlot) and its
// stylesheet, added to the document on first use, so the sign-in form never waits for either.

let loading;

function add(tag, attributes) {
  return new Promise((resolve, reject) => {
    const el = Object.assign(document.createElement(tag), attributes);
    el.onload = resolve;
    el.onerror = () => {
      el.remove();
      reject(new Error('the chart library did not load'));
    };
    document.head.append(el);
  });
}

/** Resolves to the uPlot constructor once script and stylesheet are in (a chart never shows unstyled). */
export function loadUplot() {
  loading ??= Promise.all([
    add('script', { src: 'vendor/uPlot.iife.min.js' }),
    add('link', { rel: 'stylesheet', href: 'vendor/uPlot.min.css' }),
  ]).then(
    () => globalThis.uPlot,
    (err) => {
      // The next chart tries again (a server restart, a dropped connection).
      loading = undefined;
      throw err;
    },
  );
  return loading;
}
