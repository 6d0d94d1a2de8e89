// Configuration: rules on/off, severity overrides, global and per-rule options, strict validation with one-line errors.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { resolveConfig, loadConfigFile } from '../lib/engine/config';
import { defineRule } from '../lib/engine/types';
import { InputError } from '../lib/errors';

const a = defineRule({
  id: 'ZL998', slug: 'a', service: 't', title: 'A', severity: 'error', rationale: 'r', fix: { cloudformation: 'x', cdk: 'y' }, resourceTypes: [],
  options: { minZones: { default: 2, description: 'zones' } },
  check: () => undefined,
});
const b = defineRule({
  id: 'ZL999', slug: 'b', service: 't', title: 'B', severity: 'warning', rationale: 'r', fix: { cloudformation: 'x', cdk: 'y' }, resourceTypes: [],
  options: { minZones: { default: 2, description: 'zones' }, days: { default: 7, description: 'days' } },
  check: () => undefined,
});

test('defaults', () => {
  expect(resolveConfig([a, b]).map((r) => [r.rule.id, r.severity, r.options])).toEqual([
    ['ZL998', 'error', { minZones: 2 }],
    ['ZL999', 'warning', { minZones: 2, days: 7 }],
  ]);
});

test('global options apply to every rule declaring them; per-rule options win', () => {
  const r = resolveConfig([a, b], { options: { minZones: 3 }, rules: { ZL999: { options: { minZones: 4, days: 14 } } } });
  expect(r.map((x) => x.options)).toEqual([{ minZones: 3 }, { minZones: 4, days: 14 }]);
});

test('rules can be turned off and re-graded, also by qualified id', () => {
  const r = resolveConfig([a, b], { rules: { ZL998: 'off', 'zonelint::ZL999': 'error' } });
  expect(r.map((x) => [x.rule.id, x.severity])).toEqual([['ZL999', 'error']]);
});

test.each([
  [{ rules: { ZL000: 'off' } }, /unknown rule "ZL000"/],
  [{ rules: { ZL998: 'loud' } }, /"loud" is not off, on, error, warning or info/],
  [{ options: { minZone: 2 } }, /unknown option "minZone" \(known: days, minZones\)/],
  [{ options: { minZones: 'two' } }, /option "minZones" must be a number/],
  [{ rules: { ZL998: { options: { days: 3 } } } }, /rule ZL998 has no option "days"/],
  [{ colour: true }, /unknown config key "colour"/],
])('invalid config %j is a one-line error naming the file', (config, message) => {
  expect(() => resolveConfig([a, b], config as never, 'zonelint.config.json')).toThrow(InputError);
  expect(() => resolveConfig([a, b], config as never, 'zonelint.config.json')).toThrow(message);
  try {
    resolveConfig([a, b], config as never, 'zonelint.config.json');
  } catch (e) {
    expect((e as Error).message.startsWith('zonelint.config.json: ')).toBe(true);
    expect((e as Error).message).not.toContain('\n');
  }
});

test('config files are found in the working directory, JSON or YAML', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zonelint-config-'));
  expect(loadConfigFile(undefined, dir)).toEqual({ config: {} });
  fs.writeFileSync(path.join(dir, '.zonelintrc.yaml'), 'options:\n  minZones: 3\nrules:\n  ZL301: off\n');
  const found = loadConfigFile(undefined, dir);
  expect(found.config).toEqual({ options: { minZones: 3 }, rules: { ZL301: 'off' } });
  expect(found.file).toBe('.zonelintrc.yaml');
  expect(() => loadConfigFile(path.join(dir, 'missing.json'), dir)).toThrow(/missing\.json: config file not found/);
  fs.rmSync(dir, { recursive: true, force: true });
});
