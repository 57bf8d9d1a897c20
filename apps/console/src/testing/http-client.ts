/**
 * A browser without JavaScript, for route-level tests against `next start`: it keeps the
 * console's cookies, follows nothing on its own, and submits server-action forms the way a
 * no-JS browser does (multipart POST of the form's fields, hidden action id included).
 */
export class HttpClient {
  readonly cookies = new Map<string, string>();

  constructor(readonly baseUrl: string) {}

  async fetch(path: string, init: RequestInit = {}): Promise<Response> {
    const url = new URL(path, this.baseUrl);
    const headers = new Headers(init.headers);
    if (url.origin === new URL(this.baseUrl).origin && this.cookies.size > 0) headers.set("cookie", [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; "));
    const response = await fetch(url, { ...init, headers, redirect: "manual" });
    if (url.origin === new URL(this.baseUrl).origin) {
      for (const cookie of response.headers.getSetCookie()) {
        const [pair = ""] = cookie.split(";");
        const at = pair.indexOf("=");
        const [name, value] = [pair.slice(0, at), pair.slice(at + 1)];
        if (/max-age=0|expires=thu, 01 jan 1970/i.test(cookie) || value === "") this.cookies.delete(name);
        else this.cookies.set(name, value);
      }
    }
    return response;
  }

  async page(path: string): Promise<{ status: number; html: string; location: string | null }> {
    const response = await this.fetch(path);
    return { status: response.status, html: await response.text(), location: response.headers.get("location") };
  }

  /**
   * Submits the form of `html` whose submit button reads `button`, with `fields` overriding its
   * inputs (e.g. another workspace's source id in place of the rendered one), to `path`.
   */
  async submit(path: string, html: string, button: string, fields: Record<string, string> = {}): Promise<Response> {
    const form = formWithButton(html, button);
    const body = new FormData();
    for (const [name, value] of Object.entries({ ...form, ...fields })) body.append(name, value);
    return this.fetch(path, { method: "POST", body, headers: { origin: this.baseUrl } });
  }
}

/** The named inputs of the form that contains a button with this text. */
export function formWithButton(html: string, button: string): Record<string, string> {
  for (const match of html.matchAll(/<form[\s\S]*?<\/form>/g)) {
    const form = match[0];
    const text = form
      .replace(/<!--.*?-->/g, "")
      .replace(/<[^>]+>/g, " ")
      .replace(/\s+/g, " ");
    if (!text.includes(button)) continue;
    const fields: Record<string, string> = {};
    for (const input of form.matchAll(/<input([^>]*)>/g)) {
      const attrs = input[1] ?? "";
      const name = /\bname="([^"]*)"/.exec(attrs)?.[1];
      if (name) fields[decode(name)] = decode(/\bvalue="([^"]*)"/.exec(attrs)?.[1] ?? "");
    }
    return fields;
  }
  throw new Error(`no form with a "${button}" button in the page`);
}

const decode = (text: string) =>
  text
    .replace(/&amp;/g, "&")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">");
