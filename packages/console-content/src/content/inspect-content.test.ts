import { describe, expect, it } from "vitest";
import { inspectContent, inspectEntry } from "./inspect-content";

const MAX = 1000;

describe("inspectContent", () => {
  it("accepts plain UTF-8 text, including non-ASCII", () => {
    expect(inspectContent(Buffer.from("const café = '☕';\n\tindent\r\n"), MAX)).toBeNull();
  });

  it.each([
    ["an empty file", Buffer.alloc(0), "empty"],
    ["a NUL byte", Buffer.from("text\0more"), "binary"],
    ["mostly control bytes", Buffer.from(Array.from({ length: 200 }, (_, i) => (i % 3 === 0 ? 1 : 65))), "binary"],
    ["Latin-1 bytes", Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a]), "invalid-utf8"],
    ["an LFS pointer", Buffer.from("version https://git-lfs.github.com/spec/v1\noid sha256:abc\nsize 9\n"), "lfs-pointer"],
    ["content over the limit", Buffer.alloc(MAX + 1, 0x61), "too-large"],
  ])("skips %s", (_label, content, reason) => {
    expect(inspectContent(content, MAX)?.reason).toBe(reason);
  });

  it("does not mistake a file that mentions LFS later for a pointer", () => {
    expect(inspectContent(Buffer.from("# docs\nversion https://git-lfs.github.com/spec/v1\n"), MAX)).toBeNull();
  });
});

describe("inspectEntry", () => {
  it("skips symlinks, submodules, unsafe paths and oversized blobs from the tree alone", () => {
    expect(inspectEntry({ path: "l", size: 1, type: "symlink" }, MAX)?.reason).toBe("symlink");
    expect(inspectEntry({ path: "m", size: 0, type: "submodule" }, MAX)?.reason).toBe("submodule");
    expect(inspectEntry({ path: "../x", size: 1, type: "blob" }, MAX)?.reason).toBe("unsafe-path");
    expect(inspectEntry({ path: "big", size: MAX + 1, type: "blob" }, MAX)?.reason).toBe("too-large");
    expect(inspectEntry({ path: "ok", size: MAX, type: "blob" }, MAX)).toBeNull();
  });
});
