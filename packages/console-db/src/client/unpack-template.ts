import {
  closeSync,
  existsSync,
  fstatSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  rmSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { join, normalize, sep } from "node:path";
import { gunzipSync } from "node:zlib";
import { LOCK_FILE } from "./data-dir-lock";

/**
 * Present while a template is being unpacked into a data directory. PG_VERSION is written last,
 * so a directory with this marker and no PG_VERSION was cut short (a kill -9): the next open
 * clears it and unpacks again. Without the marker, a directory that holds anything but our lock
 * is never touched (it may be a user's folder passed as --data-dir by mistake).
 */
export const UNPACKING_MARKER = ".tributary-unpacking";

/** Whether `dataDir` (whose lock this process holds) should be filled from a template now. */
export function wantsTemplate(dataDir: string): boolean {
  if (existsSync(join(dataDir, "PG_VERSION"))) return false;
  const entries = readdirSync(dataDir).filter((name) => name !== LOCK_FILE);
  return entries.length === 0 || entries.includes(UNPACKING_MARKER);
}

/**
 * Writes the data directory a template tarball (PGlite's dumpDataDir, gzipped or not) holds into
 * `dataDir` with Node's fs, instead of handing the tarball to PGlite (`loadDataDir`), which writes
 * each file through its WebAssembly file system: ~1.5 s against ~0.5 s here for the ~1,100 files
 * and 41 MB of a migrated template. Throws on anything but directories and regular files, or a
 * path leaving `dataDir`; the caller then clears what was written and runs initdb.
 */
export function unpackTemplate(dataDir: string, tarball: Uint8Array): void {
  const tar = tarball[0] === 0x1f && tarball[1] === 0x8b ? gunzipSync(tarball) : tarball;
  fill(dataDir, tar.length, (into, length, position) => into.set(tar.subarray(position, position + length)));
}

/**
 * unpackTemplate from the file at `path`. An uncompressed tarball is copied file by file through
 * one small buffer instead of read whole: reading a 41 MB template into a new buffer took ~120 ms
 * on a 2-core machine (the fresh memory's page faults, then its garbage collection), more than
 * writing it.
 */
export function unpackTemplateFile(dataDir: string, path: string): void {
  const fd = openSync(path, "r");
  try {
    const magic = new Uint8Array(2);
    readSync(fd, magic, 0, 2, 0);
    if (magic[0] === 0x1f && magic[1] === 0x8b) return unpackTemplate(dataDir, readFileSync(path));
    fill(dataDir, fstatSync(fd).size, (into, length, position) => readFully(fd, into, length, position));
  } finally {
    closeSync(fd);
  }
}

/** Copies `length` bytes of the tarball at `position` into the start of `into`. */
type ReadAt = (into: Uint8Array, length: number, position: number) => void;

/**
 * Fills `dataDir` from the ustar archive of `size` bytes that `readAt` reads, behind the unpacking
 * marker and with PG_VERSION last (see UNPACKING_MARKER). Blocks of zeros are skipped, not written
 * (each file is sized at the end, so they read back as the zeros they were): 10 of the template's
 * 41 MB, most of its WAL segment.
 */
function fill(dataDir: string, size: number, readAt: ReadAt): void {
  clearDataDir(dataDir);
  writeFileSync(join(dataDir, UNPACKING_MARKER), "");
  const made = new Set<string>([dataDir]);
  const ensureDir = (dir: string) => {
    if (made.has(dir)) return;
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    made.add(dir);
  };
  const header = new Uint8Array(512);
  const block = Buffer.alloc(COPY_BLOCK);
  let last: { path: string; data: Uint8Array } | undefined;
  for (let at = 0; at + 512 <= size; ) {
    readAt(header, 512, at);
    if (header.every((byte) => byte === 0)) break;
    const entry = parseHeader(header);
    if (at + 512 + entry.size > size) throw new Error(`template entry ${entry.name} is cut short`);
    const dataAt = at + 512;
    at += 512 + Math.ceil(entry.size / 512) * 512;
    const target = inside(dataDir, entry.name);
    if (entry.type === "dir") {
      ensureDir(target);
      continue;
    }
    ensureDir(target.slice(0, target.lastIndexOf(sep)));
    // PG_VERSION last: its presence means the directory is complete (see UNPACKING_MARKER).
    if (entry.name.replace(/^\/+/, "") === "PG_VERSION") {
      const data = new Uint8Array(entry.size);
      readAt(data, entry.size, dataAt);
      last = { path: target, data };
    } else copyOut(readAt, dataAt, entry.size, target, block);
  }
  if (!last) throw new Error("the template holds no PG_VERSION");
  writeWhole(last.path, last.data);
  rmSync(join(dataDir, UNPACKING_MARKER), { force: true });
}

const COPY_BLOCK = 1 << 16;
const ZEROS = Buffer.alloc(COPY_BLOCK);

/** Copies `size` bytes of the tarball at `from` into a new file at `path`, leaving blocks of zeros as holes. */
function copyOut(readAt: ReadAt, from: number, size: number, path: string, block: Buffer): void {
  const out = openSync(path, "w", 0o600);
  try {
    for (let done = 0; done < size; ) {
      const length = Math.min(block.length, size - done);
      readAt(block, length, from + done);
      if (!block.subarray(0, length).equals(ZEROS.subarray(0, length))) {
        for (let written = 0; written < length; ) written += writeSync(out, block, written, length - written, done + written);
      }
      done += length;
    }
    ftruncateSync(out, size);
  } finally {
    closeSync(out);
  }
}

function readFully(fd: number, into: Uint8Array, length: number, position: number): void {
  for (let read = 0; read < length; ) {
    const n = readSync(fd, into, read, length - read, position + read);
    if (n === 0) throw new Error("the template ends early");
    read += n;
  }
}

/** Removes everything in `dataDir` but our lock file (a new or half-unpacked directory only). */
export function clearDataDir(dataDir: string): void {
  for (const name of readdirSync(dataDir)) if (name !== LOCK_FILE) rmSync(join(dataDir, name), { recursive: true, force: true });
}

function writeWhole(path: string, data: Uint8Array): void {
  const fd = openSync(path, "w", 0o600);
  try {
    for (let at = 0; at < data.length; ) at += writeSync(fd, data, at, data.length - at);
  } finally {
    closeSync(fd);
  }
}

function inside(root: string, name: string): string {
  const relative = normalize(name.replace(/^\/+/, ""));
  // normalize leaves ".." only at the start.
  if (relative === "." || relative === ".." || relative.startsWith(`..${sep}`)) throw new Error(`template entry outside the data directory: ${name}`);
  return join(root, relative);
}

/** A ustar header's name, data size and type; only regular files and directories are accepted. */
function parseHeader(header: Uint8Array): { name: string; size: number; type: "file" | "dir" } {
  const text = (from: number, to: number) => {
    const field = header.subarray(from, to);
    const end = field.indexOf(0);
    return Buffer.from(end === -1 ? field : field.subarray(0, end)).toString("utf8");
  };
  const prefix = text(345, 500);
  const name = prefix ? `${prefix}/${text(0, 100)}` : text(0, 100);
  const size = Number.parseInt(text(124, 136).trim() || "0", 8);
  const flag = String.fromCharCode(header[156] ?? 0);
  if (!Number.isFinite(size) || size < 0) throw new Error(`template entry ${name} is cut short`);
  if (flag === "5") return { name, size, type: "dir" };
  if (flag === "0" || flag === "\0") return { name, size, type: "file" };
  throw new Error(`template entry ${name} has type ${JSON.stringify(flag)}; only files and directories are unpacked`);
}
