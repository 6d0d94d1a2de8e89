// `zonelint baseline`: records today's unsuppressed findings so that `check --baseline` fails only on new ones.
import { analyse } from '../analysis/analyse';
import { createBaseline, serializeBaseline } from '../engine/baseline';
import { loadConfigFile } from '../engine/config';
import { writeFileAtomic } from '../report/render';
import { EXIT_OK, notice } from './common';

export function baseline(inputs: string[], opts: { output: string; config?: string }): number {
  const { config, file } = loadConfigFile(opts.config);
  const { lint } = analyse(inputs, { config, configSource: file ?? 'config', onNotice: notice, blastRadius: false });
  const doc = serializeBaseline(createBaseline(lint.findings));
  const count = JSON.parse(doc).findings.length as number;
  if (opts.output === '-') process.stdout.write(doc);
  else writeFileAtomic(opts.output, doc);
  process.stderr.write(`zonelint: baseline of ${count} finding${count === 1 ? '' : 's'} written to ${opts.output === '-' ? 'stdout' : opts.output}\n`);
  return EXIT_OK;
}
