/**
 * True for paths that could escape the directory they are extracted into, or that no git tree
 * can hold: absolute (POSIX or Windows), containing `..` or `.` segments, backslashes, NUL
 * bytes or empty segments. Archive and tree entries with such paths are refused, never fixed up.
 */
export function isUnsafePath(path: string): boolean {
  if (path.length === 0 || path.includes("\0") || path.includes("\\")) return true;
  if (path.startsWith("/") || /^[a-zA-Z]:/.test(path)) return true;
  return path.split("/").some((segment) => segment === "" || segment === "." || segment === "..");
}
