import { describe, expect, it } from "vitest";
import { compileExpression, evaluateKey } from "./expression";

describe("expression subset", () => {
  const scope = { event: { data: { id: 7, name: "a", nested: { ok: true } } }, async: { data: { id: 7, name: "b" } } };

  it.each([
    ["event.data.id == async.data.id", true],
    ["event.data.name != async.data.name", true],
    ["event.data.id == 7 && async.data.name == 'b'", true],
    ['event.data.name == "a" || event.data.id == 0', true],
    ["!(event.data.id > 3) || event.data.nested.ok == false", false],
    ["event.data.id >= 7 && event.data.id < 8", true],
    ["event.data.missing == null", true],
    ["event.data.missing.deeper == 1", false],
  ])("%s → %s", (source, expected) => {
    expect(compileExpression(source)(scope)).toBe(expected);
  });

  it("refuses syntax outside the subset and unknown variables", () => {
    expect(() => compileExpression("size(event.data.items) > 1")).toThrow(/unsupported expression/);
    expect(() => compileExpression("user.id == 1")).toThrow(/unknown variable "user"/);
    expect(() => compileExpression("async.data.x == 1", ["event"])).toThrow(/unknown variable "async"/);
    expect(() => compileExpression("event.data.id ==")).toThrow(/unexpected end/);
  });

  it("turns key expressions into stable strings", () => {
    expect(evaluateKey(compileExpression("event.data.id"), scope)).toBe("7");
    expect(evaluateKey(compileExpression("event.data.nope"), scope)).toBe("null");
  });
});
