// The JSON report is written in chunks (lib/report/json.ts writeJsonValue): it must be byte for byte what
// JSON.stringify(doc, null, 2) + newline gives, for every shape of value (toJSON, undefined, functions, nesting).
import { writeJsonValue } from '../lib/report/json';

const chunked = (v: unknown) => {
  const parts: string[] = [];
  writeJsonValue(v, (c) => parts.push(c));
  return parts.join('');
};

let seed = 1;
const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;

function gen(depth: number): unknown {
  const k = Math.floor(rnd() * 12);
  if (depth > 6 || k < 3) return [1, 'a\n"b', null, true, 2.5, undefined, NaN, '[', ''][Math.floor(rnd() * 9)];
  if (k < 6) return Array.from({ length: Math.floor(rnd() * 4) * (rnd() < 0.1 ? 12 : 1) }, () => gen(depth + 1));
  if (k === 6) {
    const none = rnd() < 0.5;
    return { toJSON: () => (none ? undefined : { z: [1] }) };
  }
  if (k === 7) return () => 1;
  if (k === 8) return new Date(0);
  return Object.fromEntries(Array.from({ length: Math.floor(rnd() * 4) }, (_, i) => [`k${i}"\n`, gen(depth + 1)]));
}

test('chunked JSON equals JSON.stringify(value, null, 2) + newline', () => {
  for (let i = 0; i < 3000; i++) {
    const v = { a: gen(0), b: [gen(0), gen(0)], c: { d: gen(0), e: [gen(0)] }, u: undefined };
    expect(chunked(v)).toBe(`${JSON.stringify(v, null, 2)}\n`);
  }
});

test('a large document is handed over in several chunks with the same bytes', () => {
  const big = { findings: Array.from({ length: 20000 }, (_, i) => ({ i, message: 'x'.repeat(20), related: [{ role: 'a', n: i }] })), empty: [], none: {} };
  const parts: string[] = [];
  writeJsonValue(big, (c) => parts.push(c));
  expect(parts.length).toBeGreaterThan(10);
  expect(parts.join('')).toBe(`${JSON.stringify(big, null, 2)}\n`);
});

test('long lists of every kind of element, over several batches', () => {
  const kinds = (i: number): unknown => [i, `s${i}\n`, undefined, () => i, { toJSON: () => (i % 2 ? undefined : { t: i }) }, { a: [i, { b: i }] }, [], {}, null, [[i]]][i % 10];
  for (const n of [32, 127, 128, 129, 300, 1000]) {
    const v = { list: Array.from({ length: n }, (_, i) => kinds(i)), nested: { deeper: [Array.from({ length: n }, (_, i) => kinds(i + 3))] } };
    expect(chunked(v)).toBe(`${JSON.stringify(v, null, 2)}\n`);
    expect(chunked(v.list)).toBe(`${JSON.stringify(v.list, null, 2)}\n`);
  }
});
