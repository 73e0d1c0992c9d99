// Names InfluxDB line protocol cannot carry, pure. Shared by the InfluxDB 1.x encoder, which refuses them,
// and the DeviceHub message parser, which stops them before they reach a batch whatever the active source.
// 1.x has no escape for a backslash itself: checked live on 1.6.7, a `\` right before one of `,= "` or at
// the end is lost or breaks the line.

/**
 * Why line protocol cannot carry `s` as a measurement (`measurement`) or a tag or field name or tag value,
 * or undefined when it can.
 */
export function unwritableNameReason(s: string, measurement = false): string | undefined {
  if (s === '') return 'empty';
  // A line starting with # is a comment to the 1.x parser, and # has no escape.
  if (measurement && s.startsWith('#')) return 'starts with #';
  // One scan answers for nearly every name; the data plane asks this for every message.
  if (!/[\n\r\\]/.test(s)) return undefined;
  if (/[\n\r]/.test(s)) return 'contains a newline';
  if (/\\(?=[,= "]|$)/.test(s)) return 'has a backslash before , = space " or at the end';
  return undefined;
}
