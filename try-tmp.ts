import { RECOVERY_MODES, COPY_RPO } from './lib/catalog/recovery';
import { CATALOG } from './lib/catalog';
import { rtoText, rpoText } from './lib/analysis/recovery';
const out: string[] = [];
const usedBy = (id: string) => CATALOG.filter(r => r.recovery).filter(r => {
  const spec: any = r.recovery; return ['down','failover','replica'].some(k => typeof spec[k] === 'string' ? spec[k] === id : typeof spec[k] === 'function' && String(spec[k]).includes(`'${id}'`));
}).map(r => r.type.replace(/^AWS::/, ''));
out.push('| mode | what happens | RTO | RPO | the figure, as the source states it | source | judgement |', '|---|---|---|---|---|---|---|');
for (const [id, m] of Object.entries(RECOVERY_MODES) as any) {
  const rto = rtoText(m.rtoSeconds) + (m.perGiBSeconds ? ` + ${m.perGiBSeconds} s/GiB` : '');
  const rpo = m.rpo === 'none' ? 'none (0)' : m.rpo === 'copy' ? 'since the newest copy (below); none: data lost' : `${rpoText(m.rpo.seconds)} (${m.rpo.why})`;
  out.push(`| \`${id}\` | ${m.what}${usedBy(id).length ? ` — ${usedBy(id).join(', ')}` : ''} | ${rto} | ${rpo} | ${m.figure} | [${m.source.title}](${m.source.url}) | ${m.judgement ?? 'documented'} |`);
}
out.push('', '| copy | RPO | the figure | source | judgement |', '|---|---|---|---|---|');
for (const [k, c] of Object.entries(COPY_RPO) as any) out.push(`| \`${k}\` | ${c.seconds ? `up to ${rtoText({min:c.seconds,max:c.seconds})}` : 'none (0)'} | ${c.figure} | [${c.source.title}](${c.source.url}) | ${c.judgement ?? 'documented'} |`);
console.log(out.join('\n'));
