import type { FoundEdge } from "./types";

// Jira / Linear keys: a project key of 2–10 capitals (digits allowed after the first) and an issue
// number. Not inside words, versions (`ES-5.1`), longer hyphenated names (`ISO-8859-1`,
// `BSD-3-Clause`) or paths with dots; `feature/ABC-12` branch names do count.
const ISSUE_KEY = /(?<![\w\-.#@$])([A-Z][A-Z0-9]{1,9})-([1-9]\d{0,6})(?![\w-]|\.\d)/g;

/**
 * Standards, encodings, algorithms, licences and the like that share the KEY-123 shape. RFCs are
 * standards, not tickets (`RFC-7231`), and CVE/GHSA ids are advisories; both are left out.
 */
const NOT_ISSUE_KEYS = new Set([
  "UTF",
  "UCS",
  "ASCII",
  "LATIN",
  "CP",
  "WIN",
  "KOI",
  "ISO",
  "IEC",
  "IEEE",
  "ANSI",
  "ECMA",
  "ES",
  "RFC",
  "PEP",
  "JSR",
  "JEP",
  "CVE",
  "CWE",
  "GHSA",
  "SHA",
  "MD",
  "AES",
  "DES",
  "RSA",
  "ECDSA",
  "HMAC",
  "CRC",
  "BASE",
  "TLS",
  "SSL",
  "HTTP",
  "TCP",
  "UDP",
  "IPV",
  "GPL",
  "LGPL",
  "AGPL",
  "MPL",
  "EPL",
  "BSD",
  "CC",
  "GPT",
  "COVID",
  "SARS",
  "MP",
  "H",
  "DDR",
  "USB",
  "PCI",
  "WPA",
  "X86",
  "ARM",
  "AMD",
  "GH",
]);

export function issueKeys(prose: string): FoundEdge[] {
  const edges: FoundEdge[] = [];
  for (const match of prose.matchAll(ISSUE_KEY)) {
    if (NOT_ISSUE_KEYS.has(match[1]!)) continue;
    edges.push({ kind: "issue_key", target: match[0], offset: match.index });
  }
  return edges;
}
