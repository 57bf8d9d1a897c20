/** Markup that is already escaped; anything else interpolated into `html` is escaped. */
export class SafeHtml {
  constructor(readonly value: string) {}
}

const escapes: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => escapes[char] ?? char);

function render(value: unknown): string {
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join("");
  if (value === null || value === undefined || value === false) return "";
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let out = strings[0] ?? "";
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? "");
  });
  return new SafeHtml(out);
}

// Inline so the UI needs no asset requests (it must work offline and behind nothing but :8288).
const STYLE = `
body{font:14px/1.45 system-ui,sans-serif;margin:0;color:#1d2330;background:#f6f7f9}
header{background:#14171f;color:#fff;padding:10px 20px;display:flex;gap:20px;align-items:center}
header a{color:#cfd6e4;text-decoration:none}header a:hover,header a.on{color:#fff}
header b{margin-right:12px}main{padding:16px 20px;max-width:1400px}
table{border-collapse:collapse;width:100%;background:#fff}th,td{padding:6px 8px;border-bottom:1px solid #e4e7ec;text-align:left;vertical-align:top}
th{font-size:12px;color:#5b6475;text-transform:uppercase;letter-spacing:.03em}
a{color:#2a5bd7}code,pre{font:12px/1.4 ui-monospace,monospace}pre{background:#f1f3f6;padding:8px;margin:4px 0;overflow:auto;max-height:320px;white-space:pre-wrap;word-break:break-all}
.badge{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;font-weight:600;background:#e4e7ec}
.completed,.ok{background:#d7f5dd;color:#17652b}.failed{background:#fde0e0;color:#a11}.retrying,.timed-out{background:#fff1cc;color:#8a5a00}
.cancelled,.skipped{background:#e9e9ef;color:#555}.running,.scheduled{background:#dbe8ff;color:#1b48a8}.sleeping,.waiting,.queued{background:#efe3ff;color:#5b2aa8}
form.filters{display:flex;gap:8px;flex-wrap:wrap;margin-bottom:12px;align-items:end}label{display:flex;flex-direction:column;font-size:12px;color:#5b6475;gap:2px}
input,select,textarea,button{font:inherit;padding:4px 8px}button{cursor:pointer}.actions{display:flex;gap:8px;margin:8px 0}
.muted{color:#6b7385}.grid{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px;background:#fff;padding:12px;margin-bottom:12px}
h1{font-size:20px;margin:4px 0 12px}h2{font-size:16px;margin:20px 0 8px}.error{color:#a11}details summary{cursor:pointer}
`;

const NAV = [
  ["/", "Runs"],
  ["/events", "Events"],
  ["/functions", "Functions"],
  ["/send", "Send event"],
] as const;

/** A full page; `refreshSeconds` reloads it while something on it is still changing. */
export function page(title: string, active: string, body: SafeHtml, options: { status?: number; refreshSeconds?: number } = {}): Response {
  const markup = html`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title} · inngest-local</title>
${options.refreshSeconds ? html`<meta http-equiv="refresh" content="${options.refreshSeconds}">` : ""}
<style>${new SafeHtml(STYLE)}</style></head><body>
<header><b>inngest-local</b>${NAV.map(([href, label]) => html`<a href="${href}" class="${href === active ? "on" : ""}">${label}</a>`)}</header>
<main>${body}</main></body></html>`;
  return new Response(markup.value, { status: options.status ?? 200, headers: { "content-type": "text/html; charset=utf-8" } });
}

export const badge = (status: string) => html`<span class="badge ${status}">${status}</span>`;

export function duration(ms: number | undefined): string {
  if (ms === undefined) return "";
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms < 3_600_000) return `${Math.floor(ms / 60_000)} m ${Math.round((ms % 60_000) / 1000)} s`;
  return `${Math.floor(ms / 3_600_000)} h ${Math.round((ms % 3_600_000) / 60_000)} m`;
}

export const time = (at: number | string | undefined) => (at === undefined ? "" : new Date(at).toISOString().replace("T", " ").replace("Z", ""));

export const json = (value: unknown) => html`<pre>${JSON.stringify(value, null, 2)}</pre>`;
