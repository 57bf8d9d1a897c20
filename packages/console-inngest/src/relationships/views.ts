import { lexGo } from "./go-lexer";
import { GO_FILE } from "./go-imports";
import { JS_FILE } from "./js-imports";
import { lexCLike } from "./js-lexer";
import { MARKDOWN_FILE, markdownProse } from "./markdown-view";
import { PYTHON_FILE } from "./python-imports";
import { lexPython } from "./python-lexer";

// Languages whose comments and strings look like C's; stylesheets too, so `color: #333` (code)
// is never read as a reference while `/* fixes #12 */` is.
const C_LIKE_FILE = /\.(?:c|h|cc|cpp|cxx|hh|hpp|hxx|java|kt|kts|cs|swift|scala|rs|dart|php|m|mm|proto|css|scss|sass|less|styl)$/i;

/**
 * The part of a file where issue references and keys are written: comments and strings in code
 * (so `MAX-1` or `arr[#1]`-like code never counts), prose outside code spans in Markdown, and the
 * whole text elsewhere (YAML, shell, plain text).
 */
export function referenceProse(path: string, text: string): string {
  if (MARKDOWN_FILE.test(path)) return markdownProse(text);
  if (JS_FILE.test(path)) return lexCLike(text, { javascript: true }).prose;
  if (PYTHON_FILE.test(path)) return lexPython(text).prose;
  if (GO_FILE.test(path)) return lexGo(text).prose;
  if (C_LIKE_FILE.test(path)) return lexCLike(text, { javascript: false }).prose;
  return text;
}
