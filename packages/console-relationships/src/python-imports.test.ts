import { describe, expect, it } from "vitest";
import { extractRelationships } from "./index";
import { edgesOf, lines, targetsOf } from "./test-fixtures";

const repoPaths = [
  "pkg/__init__.py",
  "pkg/config.py",
  "pkg/app/__init__.py",
  "pkg/app/main.py",
  "pkg/app/helpers.py",
  "pkg/app/views.py",
  "pkg/models/__init__.py",
  "pkg/models/user.py",
  "src/tool/__init__.py",
  "src/tool/cli.py",
  "src/tool/util.py",
  "services/api/app/routes.py",
  "services/api/app/db.py",
  "stubs/fast.pyi",
];

describe("Python imports", () => {
  it("resolves relative and absolute imports in a realistic module", () => {
    const text = lines(
      '"""Request handlers.',
      "",
      "import this_is_prose  (a docstring line that looks like an import)",
      "from nowhere import nothing",
      '"""',
      "from __future__ import annotations",
      "import os, sys as system",
      "import pkg.models.user",
      "from . import helpers, views  # submodules of this package",
      "from .. import config",
      "from ..models import (",
      "    User,",
      "    Group,  # trailing comment",
      ")",
      "from pkg.models.user import \\",
      "    load_user",
      "try:",
      "    import ujson as json",
      "except ImportError:",
      "    import json",
      "import typing; import logging",
      "# from .ghost import nothing",
    );
    expect(edgesOf("import", { path: "pkg/app/main.py", text, repoPaths })).toEqual([
      ["..config", "pkg/config.py"],
      ["..models", "pkg/models/__init__.py"],
      [".helpers", "pkg/app/helpers.py"],
      [".views", "pkg/app/views.py"],
      ["__future__", null],
      ["json", null],
      ["logging", null],
      ["os", null],
      ["pkg.models.user", "pkg/models/user.py"],
      ["sys", null],
      ["typing", null],
      ["ujson", null],
    ]);
  });

  it("reports the line of the statement, not of a continued name", () => {
    const found = extractRelationships({ path: "pkg/app/main.py", text: lines("", "from ..models import (", "    User,", ")"), repoPaths: new Set(repoPaths) });
    expect(found).toEqual([{ kind: "import", target: "..models", targetPath: "pkg/models/__init__.py", line: 2 }]);
  });

  it("resolves absolute imports in a src/ layout and from an enclosing project directory", () => {
    expect(edgesOf("import", { path: "src/tool/cli.py", text: "from tool.util import run\nimport tool\n", repoPaths })).toEqual([
      ["tool", "src/tool/__init__.py"],
      ["tool.util", "src/tool/util.py"],
    ]);
    expect(edgesOf("import", { path: "services/api/app/routes.py", text: "from app.db import session\n", repoPaths })).toEqual([
      ["app.db", "services/api/app/db.py"],
    ]);
  });

  it("resolves type stubs and leaves relative imports above the root unresolved", () => {
    expect(edgesOf("import", { path: "stubs/use.py", text: "import stubs.fast\nfrom ... import nope\n", repoPaths })).toEqual([
      ["...", null],
      ["stubs.fast", "stubs/fast.pyi"],
    ]);
  });

  it("ignores imports inside strings and comments and words that merely start with import", () => {
    const text = lines("query = 'from users import *'", "s = '''", "import fake", "'''", "important = 1", "imported_names = []", "# import commented");
    expect(targetsOf("import", "a.py", text)).toEqual([]);
  });
});
