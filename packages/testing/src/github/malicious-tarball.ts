import { buffer } from "node:stream/consumers";
import { gzipSync } from "node:zlib";
import { pack } from "tar-stream";

/** Why a client must skip an entry; "keep" entries are ordinary files it should index. */
export type HostileKind = "path-traversal" | "absolute-path" | "symlink" | "too-large" | "binary" | "lfs-pointer" | "secret" | "keep";

export interface HostileEntry {
  /** The name exactly as written in the tar header. */
  name: string;
  kind: HostileKind;
}

export interface HostileTarball {
  tarGz: Buffer;
  /** Top folder of the well-formed entries (`<owner>-<repo>-<sha7>/`), as GitHub writes it. */
  prefix: string;
  entries: HostileEntry[];
}

/** A valid 1×1 PNG (signature, IHDR, IDAT, IEND): binary by content, NUL bytes included. */
export const PNG_1X1 = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=", "base64");

export const LFS_POINTER = `version https://git-lfs.github.com/spec/v1\noid sha256:${"4d7a".repeat(16)}\nsize 104857600\n`;

/**
 * A GitHub-style tarball no `git archive` would produce: entries escaping the extraction folder,
 * an absolute path, a symlink pointing out, a 20 MiB text file, a PNG, an LFS pointer and a
 * `.env`, next to two ordinary files. Serve it with `fake.overrideTarball(ref, tarGz)`.
 */
export async function buildHostileTarball(options: { prefix?: string; largeBytes?: number } = {}): Promise<HostileTarball> {
  const prefix = options.prefix ?? "acme-hostile-0000000/";
  const largeLine = "a long but perfectly ordinary line of text in a huge file\n";
  const largeBytes = options.largeBytes ?? 20 * 1024 * 1024;
  const files: Array<HostileEntry & ({ body: Buffer } | { linkname: string })> = [
    { name: `${prefix}README.md`, kind: "keep", body: Buffer.from("# hostile fixture\n") },
    { name: `${prefix}src/ok.ts`, kind: "keep", body: Buffer.from("export const ok = true;\n") },
    { name: "../evil.txt", kind: "path-traversal", body: Buffer.from("escaped\n") },
    { name: `${prefix}../../evil-nested.txt`, kind: "path-traversal", body: Buffer.from("escaped\n") },
    { name: "/abs/path.txt", kind: "absolute-path", body: Buffer.from("absolute\n") },
    { name: `${prefix}link-out`, kind: "symlink", linkname: "/etc/passwd" },
    { name: `${prefix}big.txt`, kind: "too-large", body: Buffer.from(largeLine.repeat(Math.ceil(largeBytes / largeLine.length)).slice(0, largeBytes)) },
    { name: `${prefix}image.png`, kind: "binary", body: PNG_1X1 },
    { name: `${prefix}model.bin`, kind: "lfs-pointer", body: Buffer.from(LFS_POINTER) },
    { name: `${prefix}.env`, kind: "secret", body: Buffer.from("DATABASE_PASSWORD=hunter2\n") },
  ];
  const tar = pack();
  const collected = buffer(tar);
  tar.entry({ name: prefix, type: "directory", mode: 0o755 });
  for (const file of files) {
    if ("linkname" in file) tar.entry({ name: file.name, type: "symlink", linkname: file.linkname, mode: 0o777 });
    else tar.entry({ name: file.name, mode: 0o644 }, file.body);
  }
  tar.finalize();
  const tarBytes = await collected;
  return { tarGz: gzipSync(tarBytes), prefix, entries: files.map(({ name, kind }) => ({ name, kind })) };
}
