import { collectCorpus } from "@repo/testing/corpus";
import { buildSourceLines } from "./src/segments.ts";
import { parserFor } from "./src/parsers.ts";
import { languageOf } from "./src/language.ts";
import { countTokens } from "./src/tokens.ts";
import { chunkDocument } from "./src/index.ts";
const corpus = await collectCorpus({ minFiles: 1500 });
const mb = corpus.reduce((a, f) => a + f.text.length, 0) / 1e6;
for (const f of corpus.slice(0, 300)) await chunkDocument({ path: f.path, text: f.text });
for (let r = 0; r < 2; r++) {
let t = performance.now(); for (const f of corpus) buildSourceLines(f.text); console.log("segments", (performance.now() - t).toFixed(0));
t = performance.now(); for (const f of corpus) countTokens(f.text); console.log("whole count", (performance.now() - t).toFixed(0));
t = performance.now(); const slow = [];
for (const f of corpus) { const l = languageOf(f.path); if (!l.grammar) continue; const p = await parserFor(l.grammar); const t0 = performance.now(); const tr = p.parse(f.text); tr?.delete(); slow.push([performance.now() - t0, f.path, f.text.length]); } console.log("parse", (performance.now() - t).toFixed(0));
if (r) console.log(slow.sort((a, b) => b[0] - a[0]).slice(0, 8));
t = performance.now(); for (const f of corpus) await chunkDocument({ path: f.path, text: f.text }); console.log("all", (performance.now() - t).toFixed(0), "MB", mb);
}
