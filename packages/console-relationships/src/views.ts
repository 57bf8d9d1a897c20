import { lexGo } from "./go-lexer";
import { lexCLike } from "./js-lexer";
import { markdownProse } from "./markdown-view";
import { lexPython } from "./python-lexer";

export type Language = "javascript" | "python" | "go" | "c-like" | "markdown" | "text";

const LANGUAGES: [RegExp, Language][] = [
  [/\.[cm]?[jt]sx?$/i, "javascript"],
  [/\.pyi?$/i, "python"],
  [/\.go$/i, "go"],
  [/\.(?:md|mdx|markdown|mdown|mkd)$/i, "markdown"],
  // Comments and strings look like C's; stylesheets too, so `color: #333` (code) is never read
  // as a reference while `/* fixes #12 */` is.
  [/\.(?:c|h|cc|cpp|cxx|hh|hpp|hxx|java|kt|kts|cs|swift|scala|rs|dart|php|m|mm|proto|css|scss|sass|less|styl)$/i, "c-like"],
];

export function languageOf(path: string): Language {
  return LANGUAGES.find(([pattern]) => pattern.test(path))?.[1] ?? "text";
}

/**
 * One lexing pass per file. `code` (comments blanked, string contents filled) feeds import
 * extraction; `prose` is where issue references and keys are written: comments and strings in
 * code (so `MAX-1` in arithmetic never counts), Markdown outside code, and all of any other text.
 */
export function viewOf(language: Language, text: string): { code: string; prose: string } {
  switch (language) {
    case "javascript":
      return lexCLike(text, { javascript: true });
    case "python":
      return lexPython(text);
    case "go":
      return lexGo(text);
    case "c-like":
      return lexCLike(text, { javascript: false });
    case "markdown":
      return { code: "", prose: markdownProse(text) };
    case "text":
      return { code: "", prose: text };
  }
}
