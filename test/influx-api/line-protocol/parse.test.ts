// The line-protocol parser's two shortcuts for the write path, against the slow ways they replace: the
// stored JSON it builds from the literal texts (against the engine's own encoding of the parsed values), and
// bytes decoded in 64 KiB pieces (against the same body parsed as one string), and keys remembered across
// bodies (against bodies parsed alone). Grammar and error texts are
// compared with a real influxd in auth-write.test.ts and random-requests.test.ts.
import { describe, expect, it } from 'vitest';
import { LineCache, parseLineProtocol } from '../../../src/influx-api/line-protocol/index.ts';
import { encodeFields } from '../../../src/tsdb/adapters/embedded/field-types.ts';

const NOW = 1_700_000_000_000_000_000n;

/** Each stored value with its JSON type as SQLite tells it: a number text without `.`/`e` is an integer. */
function typedValues(json: string): Record<string, [unknown, string]> {
  const out: Record<string, [unknown, string]> = {};
  const parsed = JSON.parse(json, (_key, value: unknown, context?: { source?: string }) =>
    typeof value === 'number' ? [value, /[.eE]/.test(context?.source ?? '') ? 'real' : 'integer'] : value,
  ) as Record<string, unknown>;
  for (const [k, v] of Object.entries(parsed)) out[k] = Array.isArray(v) ? (v as [unknown, string]) : [v, typeof v];
  return out;
}

describe('fieldsJson: the stored JSON from the literal texts', () => {
  it.each([
    'm value=12.345678901234567 1',
    'm value=1 1',
    'm value=-0.0,b=-0 1',
    'm value=.5,w=1.,x=01.5,y=1e5,z=2.5E-7 1',
    'm i=5i,j=-0i,k=007i,l=-9223372036854775808i 1',
    'm s="a \\"quoted\\" \\\\ text",t=true,f=F 1',
    'm,t=a a\\ b=1.5,c\\,d="x",e\\=f=2i 1',
    'm ü="ß",value=3.25 1',
  ])('%s: same values and types as the engine would encode', (line) => {
    const { points, failed } = parseLineProtocol(line, '', NOW);
    expect(failed).toEqual([]);
    const [point] = points;
    expect(point?.fieldsJson).toBeDefined();
    expect(typedValues(point!.fieldsJson!)).toEqual(typedValues(encodeFields(point!.fields)!));
    expect(Object.keys(JSON.parse(point!.fieldsJson!) as object)).toEqual(Object.keys(point!.fields));
  });

  it('leaves it to the engine when a key repeats (the later value wins)', () => {
    const [point] = parseLineProtocol('m a=1,b=2,a=3i 1', '', NOW).points;
    expect(point?.fieldsJson).toBeUndefined();
    expect(encodeFields(point!.fields)).toBe('{"a":3,"b":2.0}');
  });
});

describe('a body given as bytes, decoded in pieces', () => {
  const plain = (i: number) => `cpu,host=h${i % 7},region=eu value=${i}.5,n=${i}i ${i}\n`;

  function bodyWithQuotedNewlinesAcross(cut: number): string {
    let head = '';
    for (let i = 0; head.length < cut - 500; i++) head += plain(i);
    // A string field of 3,000 characters with a newline every 100: the first newline at or after the
    // 64 KiB mark, where a piece ends, falls inside it.
    const text = Array.from({ length: 30 }, (_, k) => `${'x'.repeat(99)}${k % 2 ? '\n' : '\\\n'}`).join('');
    let tail = '';
    for (let i = 0; tail.length < 150_000; i++) tail += plain(i) + (i % 50 === 0 ? '# comment\n\n  \n' : '') + (i % 97 === 0 ? 'bad line\n' : '');
    return `${head}mem,host=ü msg="${text}",value=1.5 42\n${tail}weather temp=-3.5,city="Zürich"`;
  }

  it('parses exactly as the whole string, across a quoted newline at a piece end, with UTF-8 and bad lines', () => {
    const body = bodyWithQuotedNewlinesAcross(64 * 1024);
    const bytes = Buffer.from(body, 'utf8');
    const cut = bytes.indexOf(10, 64 * 1024 - 1);
    const quoted = bytes.indexOf('msg="');
    expect(cut).toBeGreaterThan(quoted);
    expect(cut).toBeLessThan(bytes.indexOf('",value=1.5 42'));
    const fromBytes = parseLineProtocol(bytes, 'ms', NOW);
    const fromText = parseLineProtocol(body, 'ms', NOW);
    expect(fromBytes.points.length).toBeGreaterThan(3000);
    expect(fromBytes.failed.length).toBeGreaterThan(10);
    expect(fromBytes).toEqual(fromText);
    expect(fromBytes.points.find((p) => p.measurement === 'mem')?.fields.msg).toContain('x\n');
  });

  it('an ASCII body and the same body as UTF-8 text give the same points', () => {
    const body = Array.from({ length: 2000 }, (_, i) => plain(i)).join('');
    expect(parseLineProtocol(Buffer.from(body), 's', NOW)).toEqual(parseLineProtocol(body, 's', NOW));
  });

  it('handles an empty body and one without a final newline', () => {
    expect(parseLineProtocol(Buffer.alloc(0), '', NOW)).toEqual({ points: [], failed: [] });
    expect(parseLineProtocol(Buffer.from('m v=1 5'), '', NOW).points).toHaveLength(1);
  });
});

describe('LineCache: keys remembered across bodies', () => {
  const bodies = [
    'cpu,host=a\\ b,region=west\\,1 value=1.5 1\ncpu,host=a\\ b,region=west\\,1 value=2 2\nmem,x=y free=3i 3',
    'cpu,host=a\\ b,region=west\\,1 value=4 4\ncpu,region=west\\,1,host=a\\ b value=5 5\nbad,x=1 6\nmem,x=y free=7i 7',
    'cpu,host=a\\ b,region=west\\,1 value="s" 8\nmem,x=y,x=z free=1i 9\nmem,x=y 10\ncpu,host=a\\ b,region=west\\,1 value=1i 11',
  ];

  it('parses every body exactly as it parses alone', () => {
    const cache = new LineCache();
    for (const body of [...bodies, ...bodies]) {
      for (const form of [body, Buffer.from(body)]) {
        expect(parseLineProtocol(form, 'ms', NOW, cache)).toEqual(parseLineProtocol(form, 'ms', NOW));
      }
    }
  });

  it('gives the points of one key in later bodies the same tags object', () => {
    const cache = new LineCache();
    const first = parseLineProtocol(Buffer.from(bodies[0] ?? ''), '', NOW, cache).points;
    const later = parseLineProtocol(Buffer.from(bodies[1] ?? ''), '', NOW, cache).points;
    expect(later[0]?.tags).toBe(first[0]?.tags);
    expect(later[0]?.tags).toEqual({ host: 'a b', region: 'west,1' });
    // Another spelling of the key (tags in another order) is its own entry, with its own (equal) tags.
    expect(later[1]?.tags).not.toBe(first[0]?.tags);
    expect(later[1]?.tags).toEqual(first[0]?.tags);
  });
});
