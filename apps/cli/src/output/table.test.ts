import { describe, expect, it } from "vitest";
import { renderTable } from "./table";

describe("renderTable", () => {
  it("pads columns and right-aligns columns of numbers only", () => {
    const table = renderTable([
      ["source", "docs"],
      ["alpha", "3"],
      ["b", "120"],
    ]);
    expect(table.split("\n")).toEqual(["source  docs", "alpha      3", "b        120"]);
    expect(
      renderTable([
        ["name", "value"],
        ["status", "ok"],
        ["files", "3"],
      ]).split("\n"),
    ).toEqual(["name    value", "status  ok", "files   3"]);
  });
});
