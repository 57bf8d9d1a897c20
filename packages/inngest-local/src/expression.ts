/**
 * The subset of Inngest's CEL expressions that inngest-local evaluates (triggers' `if`,
 * waitForEvent `if`/`match`, cancelOn `if`, and keys for concurrency/idempotency/
 * singleton/debounce):
 *   paths      event.data.sourceId, async.data.repo.id   (missing fields are null)
 *   literals   'single' or "double" quoted strings, numbers, true, false, null
 *   operators  == != < <= > >=  &&  ||  !  and parentheses
 * Anything else fails to compile, so a config using it is refused instead of misread.
 */
export type Expression = (scope: Record<string, unknown>) => unknown;

type Token = { kind: "path"; parts: string[] } | { kind: "literal"; value: unknown } | { kind: "op"; value: string };

const operators = ["==", "!=", "<=", ">=", "&&", "||", "<", ">", "!", "(", ")"];

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const rest = source.slice(i);
    const space = /^\s+/.exec(rest);
    if (space) {
      i += space[0].length;
      continue;
    }
    const str = /^'((?:[^'\\]|\\.)*)'|^"((?:[^"\\]|\\.)*)"/.exec(rest);
    if (str) {
      const raw = str[1] ?? str[2] ?? "";
      tokens.push({ kind: "literal", value: raw.replace(/\\(.)/g, "$1") });
      i += str[0].length;
      continue;
    }
    const num = /^-?\d+(\.\d+)?/.exec(rest);
    if (num) {
      tokens.push({ kind: "literal", value: Number(num[0]) });
      i += num[0].length;
      continue;
    }
    const ident = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*/.exec(rest);
    if (ident) {
      const word = ident[0];
      if (word === "true" || word === "false") tokens.push({ kind: "literal", value: word === "true" });
      else if (word === "null") tokens.push({ kind: "literal", value: null });
      else tokens.push({ kind: "path", parts: word.split(".") });
      i += word.length;
      continue;
    }
    const op = operators.find((candidate) => rest.startsWith(candidate));
    if (!op) throw new Error(`unsupported syntax at "${rest.slice(0, 12)}"`);
    tokens.push({ kind: "op", value: op });
    i += op.length;
  }
  return tokens;
}

const binaryPrecedence: Record<string, number> = {
  "||": 1,
  "&&": 2,
  "==": 3,
  "!=": 3,
  "<": 4,
  "<=": 4,
  ">": 4,
  ">=": 4,
};

export function compileExpression(source: string, roots: readonly string[] = ["event", "async"]): Expression {
  let tokens: Token[];
  try {
    tokens = tokenize(source);
  } catch (err) {
    throw new ExpressionError(source, (err as Error).message);
  }
  let pos = 0;

  const parsePrimary = (): Expression => {
    const token = tokens[pos++];
    if (!token) throw new ExpressionError(source, "unexpected end");
    if (token.kind === "literal") return () => token.value;
    if (token.kind === "path") {
      const [root] = token.parts;
      if (!root || !roots.includes(root)) {
        throw new ExpressionError(source, `unknown variable "${root}" (supported: ${roots.join(", ")})`);
      }
      return (scope) => lookup(scope, token.parts);
    }
    if (token.value === "!") {
      const operand = parsePrimary();
      return (scope) => !truthy(operand(scope));
    }
    if (token.value === "(") {
      const inner = parseBinary(0);
      const close = tokens[pos++];
      if (close?.kind !== "op" || close.value !== ")") throw new ExpressionError(source, "missing )");
      return inner;
    }
    throw new ExpressionError(source, `unexpected "${token.value}"`);
  };

  const parseBinary = (minPrecedence: number): Expression => {
    let left = parsePrimary();
    for (;;) {
      const token = tokens[pos];
      const precedence = token?.kind === "op" ? binaryPrecedence[token.value] : undefined;
      if (token?.kind !== "op" || precedence === undefined || precedence <= minPrecedence) {
        return left;
      }
      pos++;
      const right = parseBinary(precedence);
      left = combine(token.value, left, right);
    }
  };

  const expression = parseBinary(0);
  if (pos !== tokens.length) throw new ExpressionError(source, "unexpected trailing tokens");
  return expression;
}

export class ExpressionError extends Error {
  constructor(source: string, reason: string) {
    super(`unsupported expression "${source}": ${reason}`);
    this.name = "ExpressionError";
  }
}

function combine(op: string, left: Expression, right: Expression): Expression {
  switch (op) {
    case "&&":
      return (scope) => truthy(left(scope)) && truthy(right(scope));
    case "||":
      return (scope) => truthy(left(scope)) || truthy(right(scope));
    case "==":
      return (scope) => equal(left(scope), right(scope));
    case "!=":
      return (scope) => !equal(left(scope), right(scope));
    default:
      return (scope) => compare(op, left(scope), right(scope));
  }
}

function lookup(scope: Record<string, unknown>, parts: string[]): unknown {
  let current: unknown = scope;
  for (const part of parts) {
    if (current === null || typeof current !== "object") return null;
    current = (current as Record<string, unknown>)[part];
  }
  return current ?? null;
}

function truthy(value: unknown): boolean {
  return value === true;
}

function equal(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a === "object" && a !== null && typeof b === "object" && b !== null) {
    return JSON.stringify(a) === JSON.stringify(b);
  }
  return false;
}

function compare(op: string, a: unknown, b: unknown): boolean {
  const comparable = (typeof a === "number" && typeof b === "number") || (typeof a === "string" && typeof b === "string");
  if (!comparable) return false;
  const [x, y] = [a as number | string, b as number | string];
  if (op === "<") return x < y;
  if (op === "<=") return x <= y;
  if (op === ">") return x > y;
  return x >= y;
}

/** Evaluates a key expression (concurrency, idempotency, …) to a stable string. */
export function evaluateKey(expression: Expression, scope: Record<string, unknown>): string {
  return JSON.stringify(expression(scope) ?? null);
}
