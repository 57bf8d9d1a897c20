import { describe, expect, it } from "vitest";
import { edgesOf, lines, targetsOf } from "./test-fixtures";

const repoPaths = [
  "go.mod",
  "main.go",
  "cmd/server/main.go",
  "internal/store/store.go",
  "internal/store/store_test.go",
  "internal/docs/README.md",
  "pkg/api/api.go",
  "vendor/github.com/pkg/errors/errors.go",
];
const goModulePath = "example.com/app";

describe("Go imports", () => {
  it("resolves module-internal packages to their directories", () => {
    const text = lines(
      "// Package main runs the server.",
      "package main",
      "",
      "import (",
      '\t"context"',
      '\t// "example.com/app/commented"',
      '\tstore "example.com/app/internal/store"',
      '\t. "example.com/app/pkg/api"',
      '\t_ "example.com/app/internal/docs" // a directory without Go files',
      '\troot "example.com/app"',
      "\t`github.com/pkg/errors`",
      '\t"github.com/other/lib"',
      ")",
      "",
      'import "C"',
      'import log "log/slog"',
    );
    expect(edgesOf("import", { path: "cmd/server/main.go", text, repoPaths, goModulePath })).toEqual([
      ["C", null],
      ["context", null],
      ["example.com/app", "."],
      ["example.com/app/internal/docs", null],
      ["example.com/app/internal/store", "internal/store"],
      ["example.com/app/pkg/api", "pkg/api"],
      ["github.com/other/lib", null],
      ["github.com/pkg/errors", "vendor/github.com/pkg/errors"],
      ["log/slog", null],
    ]);
  });

  it("leaves module paths unresolved without go.mod's module path", () => {
    expect(edgesOf("import", { path: "main.go", text: 'package main\nimport "example.com/app/pkg/api"\n', repoPaths })).toEqual([
      ["example.com/app/pkg/api", null],
    ]);
  });

  it("does not treat a module that merely shares a prefix as internal", () => {
    expect(edgesOf("import", { path: "main.go", text: 'package main\nimport "example.com/application/pkg/api"\n', repoPaths, goModulePath })).toEqual([
      ["example.com/application/pkg/api", null],
    ]);
  });

  it("ignores import-looking lines in raw strings and block comments", () => {
    const text = lines("package main", "/*", 'import "fake/one"', "*/", "var tmpl = `", 'import "fake/two"', "`", 'import "real"');
    expect(targetsOf("import", "main.go", text)).toEqual(["real"]);
  });
});
