/** A duration for people: `45m`, `30h`, `3d 4h` (negative counts as 0). */
export function formatAge(ms: number): string {
  if (ms < 0) ms = 0;
  const m = Math.floor(ms / 60000);
  if (m < 60) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h}h`;
  const d = Math.floor(h / 24);
  return h % 24 ? `${d}d ${h % 24}h` : `${d}d`;
}

/** Parses `24h`, `90m`, `7d`, `1d12h`, or a bare number of hours. Returns milliseconds, or undefined when invalid. */
export function parseDuration(text: string): number | undefined {
  const t = text.trim();
  if (/^\d+(\.\d+)?$/.test(t)) return Number(t) * 3600_000;
  const re = /(\d+(?:\.\d+)?)\s*(w|d|h|m|s)/gy;
  let total = 0;
  let matched = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(t))) {
    const n = Number(m[1]);
    total += n * { w: 604800_000, d: 86400_000, h: 3600_000, m: 60_000, s: 1000 }[m[2] as 'w' | 'd' | 'h' | 'm' | 's'];
    matched = re.lastIndex;
  }
  return matched === t.length && matched > 0 ? total : undefined;
}
