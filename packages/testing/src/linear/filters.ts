import { GraphQLError } from "graphql";

// Linear's filter inputs (`{ updatedAt: { gte } , team: { key: { eq } }, and, or }`) over fake records.

type Comparator = { eq?: unknown; gt?: unknown; gte?: unknown; lt?: unknown; in?: unknown[]; neq?: unknown; nin?: unknown[]; null?: boolean };
export type Filter = Record<string, unknown> & { and?: Filter[]; or?: Filter[] };
/** How each filter field reads a record: a scalar (compared) or a nested record set (filtered). */
export type FieldReaders<T> = Record<string, (record: T) => unknown>;

export function matchesComparator(value: unknown, comparator: Comparator): boolean {
  const v = comparable(value);
  if (comparator.null !== undefined && (value === null || value === undefined) !== comparator.null) return false;
  if (comparator.eq !== undefined && v !== comparable(comparator.eq)) return false;
  if (comparator.neq !== undefined && v === comparable(comparator.neq)) return false;
  if (comparator.in && !comparator.in.map(comparable).includes(v)) return false;
  if (comparator.nin?.map(comparable).includes(v)) return false;
  if (comparator.gt !== undefined && !(v !== null && v > comparable(comparator.gt)!)) return false;
  if (comparator.gte !== undefined && !(v !== null && v >= comparable(comparator.gte)!)) return false;
  if (comparator.lt !== undefined && !(v !== null && v < comparable(comparator.lt)!)) return false;
  return true;
}

/** Dates compare as epoch milliseconds; ISO strings and numbers both work. */
function comparable(value: unknown): string | number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "number") return value;
  const text = String(value);
  if (/^\d{4}-\d{2}-\d{2}T/.test(text)) {
    const ms = Date.parse(text);
    if (Number.isNaN(ms)) throw new GraphQLError(`Invalid date: ${text}`, { extensions: { type: "invalid input", code: "INVALID_INPUT" } });
    return ms;
  }
  return text;
}

export function matchesFilter<T>(
  record: T,
  filter: Filter | undefined | null,
  readers: FieldReaders<T>,
  nested: Record<string, (record: T, filter: Filter) => boolean> = {},
): boolean {
  if (!filter) return true;
  for (const [field, condition] of Object.entries(filter)) {
    if (condition === undefined || condition === null) continue;
    if (field === "and") {
      if (!(condition as Filter[]).every((f) => matchesFilter(record, f, readers, nested))) return false;
    } else if (field === "or") {
      if (!(condition as Filter[]).some((f) => matchesFilter(record, f, readers, nested))) return false;
    } else if (nested[field]) {
      if (!nested[field](record, condition as Filter)) return false;
    } else if (readers[field]) {
      if (!matchesComparator(readers[field](record), condition as Comparator)) return false;
    } else {
      throw new GraphQLError(`The fake does not implement the filter field "${field}"`);
    }
  }
  return true;
}
