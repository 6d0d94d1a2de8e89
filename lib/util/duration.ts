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

const UNIT_SECONDS = { w: 604800, d: 86400, h: 3600, m: 60, s: 1 } as const;

/** Seconds of a sequence of `<number><unit>` parts (`1d12h`, `90 m`), units w, d, h, m, s; undefined when it is not one. */
function unitsSeconds(t: string): number | undefined {
  const re = /(\d+(?:\.\d+)?)\s*(w|d|h|m|s)/gy;
  let total = 0;
  let matched = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(t))) {
    total += Number(m[1]) * UNIT_SECONDS[m[2] as keyof typeof UNIT_SECONDS];
    matched = re.lastIndex;
  }
  return matched === t.length && matched > 0 ? total : undefined;
}

/** Parses `24h`, `90m`, `7d`, `1d12h`, or a bare number of hours. Returns milliseconds, or undefined when invalid. */
export function parseDuration(text: string): number | undefined {
  const t = text.trim();
  if (/^\d+(\.\d+)?$/.test(t)) return Number(t) * 3600_000;
  const s = unitsSeconds(t);
  return s === undefined ? undefined : s * 1000;
}

/**
 * A duration written for people (`15m`, `1h`, `90s`, `1d12h`, `0`) in seconds; undefined when it is not one. Units:
 * s, m, h, d, w; a bare number is not accepted (minutes or hours? say which).
 */
export function parseDurationSeconds(text: string): number | undefined {
  const t = text.trim().toLowerCase();
  if (t === '0') return 0;
  return unitsSeconds(t);
}
