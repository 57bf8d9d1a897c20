/**
 * Standard 5-field cron (minute hour day-of-month month day-of-week) in UTC, with `*`,
 * lists, ranges and steps. `TZ=` prefixes other than UTC and 6-field (seconds) specs are
 * refused rather than run at the wrong time.
 */
export interface CronSchedule {
  next(after: number): number;
}

const fieldRanges: Array<[number, number]> = [
  [0, 59],
  [0, 23],
  [1, 31],
  [1, 12],
  [0, 6],
];

export function parseCron(spec: string): CronSchedule {
  let expr = spec.trim();
  const tz = /^(?:CRON_)?TZ=(\S+)\s+/.exec(expr);
  if (tz) {
    if (tz[1] !== "UTC" && tz[1] !== "Etc/UTC") throw new Error(`cron "${spec}": only UTC is supported`);
    expr = expr.slice(tz[0].length);
  }
  const fields = expr.split(/\s+/);
  if (fields.length !== 5) throw new Error(`cron "${spec}": expected 5 fields`);
  const sets = fields.map((field, i) => parseField(field, fieldRanges[i] ?? [0, 0], spec));
  const [minutes, hours, days, months, weekdays] = sets as [Set<number>, Set<number>, Set<number>, Set<number>, Set<number>];
  const dayRestricted = fields[2] !== "*";
  const weekdayRestricted = fields[4] !== "*";

  return {
    next(after) {
      const t = new Date(Math.floor(after / 60_000) * 60_000 + 60_000);
      // A year of minutes bounds the search; every valid spec matches well within it.
      for (let i = 0; i < 527_040; i++) {
        const dayOk =
          dayRestricted && weekdayRestricted
            ? days.has(t.getUTCDate()) || weekdays.has(t.getUTCDay())
            : days.has(t.getUTCDate()) && weekdays.has(t.getUTCDay());
        if (months.has(t.getUTCMonth() + 1) && dayOk && hours.has(t.getUTCHours()) && minutes.has(t.getUTCMinutes())) {
          return t.getTime();
        }
        t.setTime(t.getTime() + 60_000);
      }
      throw new Error(`cron "${spec}" never fires`);
    },
  };
}

function parseField(field: string, [min, max]: [number, number], spec: string): Set<number> {
  const values = new Set<number>();
  for (const part of field.split(",")) {
    const match = /^(\*|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/.exec(part);
    if (!match) throw new Error(`cron "${spec}": unsupported field "${field}"`);
    const from = match[1] === "*" ? min : Number(match[2]);
    const to = match[1] === "*" ? max : match[3] !== undefined ? Number(match[3]) : match[4] ? max : from;
    const step = match[4] ? Number(match[4]) : 1;
    if (from < min || to > max || step < 1) throw new Error(`cron "${spec}": "${part}" out of range`);
    for (let v = from; v <= to; v += step) values.add(max === 6 && v === 7 ? 0 : v);
  }
  return values;
}
