import { badRequest } from "./errors";

export type MetadataValue = string | number | boolean | string[];
export type Metadata = Record<string, MetadataValue>;

type Scalar = string | number | boolean;

/**
 * Pinecone's metadata filter language: `{ field: value }` (implicit $eq), `{ field: { $op: v } }`
 * with $eq $ne $gt $gte $lt $lte $in $nin $exists, and $and / $or over sub-filters. A list-valued
 * field matches $eq / $in when any element does, as in Pinecone. Unknown operators are a 400.
 */
export function matchesFilter(metadata: Metadata, filter: unknown): boolean {
  if (filter === undefined || filter === null) return true;
  if (typeof filter !== "object" || Array.isArray(filter)) throw badRequest("filter must be an object");
  return Object.entries(filter).every(([key, condition]) => {
    if (key === "$and") return subFilters(key, condition).every((f) => matchesFilter(metadata, f));
    if (key === "$or") return subFilters(key, condition).some((f) => matchesFilter(metadata, f));
    if (key.startsWith("$")) throw badRequest(`unsupported filter operator ${key}`);
    return matchesField(metadata[key], condition);
  });
}

function subFilters(key: string, condition: unknown): unknown[] {
  if (!Array.isArray(condition)) throw badRequest(`${key} takes an array of filters`);
  return condition;
}

function matchesField(value: MetadataValue | undefined, condition: unknown): boolean {
  if (typeof condition !== "object" || condition === null || Array.isArray(condition)) {
    return equals(value, scalar("$eq", condition));
  }
  return Object.entries(condition).every(([op, operand]) => applyOperator(value, op, operand));
}

function applyOperator(value: MetadataValue | undefined, op: string, operand: unknown): boolean {
  switch (op) {
    case "$eq":
      return equals(value, scalar(op, operand));
    case "$ne":
      return value !== undefined && !equals(value, scalar(op, operand));
    case "$in":
      return list(op, operand).some((item) => equals(value, item));
    case "$nin":
      return value !== undefined && !list(op, operand).some((item) => equals(value, item));
    case "$exists":
      return (value !== undefined) === Boolean(operand);
    case "$gt":
    case "$gte":
    case "$lt":
    case "$lte":
      return compare(value, op, operand);
    default:
      throw badRequest(`unsupported filter operator ${op}`);
  }
}

function equals(value: MetadataValue | undefined, operand: Scalar): boolean {
  if (Array.isArray(value)) return value.some((item) => item === operand);
  return value === operand;
}

function compare(value: MetadataValue | undefined, op: string, operand: unknown): boolean {
  if (typeof operand !== "number") throw badRequest(`${op} takes a number`);
  if (typeof value !== "number") return false;
  if (op === "$gt") return value > operand;
  if (op === "$gte") return value >= operand;
  if (op === "$lt") return value < operand;
  return value <= operand;
}

function scalar(op: string, operand: unknown): Scalar {
  if (typeof operand === "string" || typeof operand === "number" || typeof operand === "boolean") return operand;
  throw badRequest(`${op} takes a string, number or boolean`);
}

function list(op: string, operand: unknown): Scalar[] {
  if (!Array.isArray(operand)) throw badRequest(`${op} takes an array`);
  return operand.map((item) => scalar(op, item));
}
