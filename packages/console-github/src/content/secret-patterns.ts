import { alphanumericOr, matchesInWindows, runStart, stickyCopy, type StartWindow } from "@repo/console-types/text-scan";
import { findPrivateKeyBlocks } from "./private-key-blocks";

export const SECRET_KINDS = [
  "private-key",
  "aws-access-key",
  "aws-secret-key",
  "github-token",
  "gitlab-token",
  "npm-token",
  "slack-token",
  "slack-webhook",
  "stripe-key",
  "openai-key",
  "anthropic-key",
  "google-api-key",
  "jwt",
  "bearer-token",
  "url-password",
  "assigned-secret",
] as const;

export type SecretKind = (typeof SECRET_KINDS)[number];

export interface SecretSpan {
  kind: SecretKind;
  start: number;
  end: number;
}

export interface TokenRule {
  kind: SecretKind;
  /** A cheap substring test that must pass before the regex runs over the text. */
  hint: RegExp;
  /** Global; with the `d` flag and a group named `secret` when only part of the match is the secret. */
  pattern: RegExp;
  /** Extra checks on the secret's text; false leaves it in place. */
  accept?: (secret: string, match: RegExpExecArray) => boolean;
  /**
   * For a pattern V8 would try at every position (it opens with a class or a lookbehind): where a
   * match can start in `text` from `from` on (matchesInWindows), found from a literal every match holds.
   */
  startWindow?: (text: string, from: number) => StartWindow | undefined;
}

/** [A-Za-z0-9_.-]: a credential's name. */
const isNameCharacter = alphanumericOr("_.-");
/** [A-Za-z0-9+.-]: a URL's scheme. */
const isSchemeCharacter = alphanumericOr("+.-");

/**
 * Formats that are credentials by construction: a vendor prefix plus random characters (the
 * shapes gitleaks and trufflehog use). Documented placeholders are left alone: AWS's
 * `…EXAMPLE` keys and strings whose random part is not random (`xxxx…`, one repeated letter).
 */
const TOKEN_RULES: readonly TokenRule[] = [
  { kind: "aws-access-key", hint: /A(?:KIA|SIA|BIA|CCA|3T)/, pattern: /\b(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z2-7]{16}\b/g },
  {
    kind: "aws-secret-key",
    hint: /secret_?access_?key|secret_?key/i,
    pattern:
      /(?:aws_?secret_?(?:access_?)?key|secret_?access_?key)["']?[ \t]{0,4}(?:=|:=|=>|:)[ \t]{0,4}["']?(?<secret>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/dgi,
    accept: (secret) => /[0-9]/.test(secret) && /[A-Z]/.test(secret) && /[a-z]/.test(secret),
  },
  { kind: "github-token", hint: /gh[pousr]_|github_pat_/, pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255})(?![A-Za-z0-9_])/g },
  { kind: "gitlab-token", hint: /glpat-/, pattern: /\bglpat-[A-Za-z0-9_-]{20,64}(?![A-Za-z0-9_-])/g },
  { kind: "npm-token", hint: /npm_/, pattern: /\bnpm_[A-Za-z0-9]{36}(?![A-Za-z0-9])/g },
  {
    kind: "slack-token",
    hint: /xox|xapp-/,
    pattern: /\b(?:xox[abeoprs]-(?:[0-9]+-)+[A-Za-z0-9]{8,}(?:-[A-Za-z0-9]+)*|xapp-[0-9]-[A-Z0-9]+-[0-9]+-[a-f0-9]{16,})/g,
  },
  { kind: "slack-webhook", hint: /hooks\.slack\.com/, pattern: /https:\/\/hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9_/+-]{20,}/g },
  { kind: "stripe-key", hint: /_live_|_test_|whsec_/, pattern: /\b(?:(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,247}|whsec_[A-Za-z0-9]{32,})(?![A-Za-z0-9])/g },
  {
    kind: "openai-key",
    hint: /sk-/,
    pattern: /\bsk-(?:(?:proj|svcacct|admin)-[A-Za-z0-9_-]{20,}|[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}|[A-Za-z0-9]{48})(?![A-Za-z0-9_-])/g,
  },
  { kind: "anthropic-key", hint: /sk-ant-/, pattern: /\bsk-ant-[a-z0-9]+-[A-Za-z0-9_-]{32,}/g },
  { kind: "google-api-key", hint: /AIza/, pattern: /\bAIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/g },
  {
    kind: "jwt",
    hint: /eyJ/,
    pattern: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{16,}/g,
    accept: (token) => isJwtHeader(token.slice(0, token.indexOf("."))),
  },
  {
    kind: "bearer-token",
    hint: /[Bb]earer/,
    pattern: /\b[Bb]earer[ \t]+(?<secret>[A-Za-z0-9._~+/-]{20,}=*)/dg,
    accept: (secret) => /[0-9]/.test(secret) && /[A-Za-z]/.test(secret) && shannonEntropy(secret) >= 3.5,
  },
  {
    kind: "url-password",
    hint: /:\/\//,
    pattern: /\b[a-zA-Z][a-zA-Z0-9+.-]{1,20}:\/\/(?<user>[^\s:@/"'`<>]{0,64}):(?<secret>[^\s@/"'`<>]{6,128})@[A-Za-z0-9]/dg,
    accept: (secret, match) => secret !== match.groups?.user && !looksLikePlaceholder(secret) && !/^\d+$/.test(secret),
    // The scheme (2–21 characters of [A-Za-z0-9+.-]) ends at the `://`.
    startWindow: (text, from) => {
      const separator = text.indexOf("://", from);
      return separator === -1 ? undefined : [runStart(text, separator, Math.max(from, separator - 21), isSchemeCharacter), separator];
    },
  },
  {
    kind: "assigned-secret",
    hint: /pass|pwd|secret|token|key|credential/i,
    // A credential-named key (the name must end with the word: `tokenizer` and `maxTokens` do
    // not count), an assignment operator, then a literal value, quoted or bare.
    pattern:
      /(?<![A-Za-z0-9])[A-Za-z0-9_.-]{0,40}?(?:password|passwd|pwd|secret|token|(?:api|access|auth|private|secret|signing|encryption|master|session)[_-]?key|credentials?)["']?[ \t]{0,4}(?:=|:=|=>|:)[ \t]{0,4}(?<quote>["'`]?)(?<secret>[^\s"'`,;#]{8,200})\k<quote>/dgi,
    accept: isLiteralSecret,
    // The name holds one of these words at most 51 characters after the match starts (a 40-character
    // prefix, then `encryption_` before `key` at the longest), all of them [A-Za-z0-9_.-].
    startWindow: (text, from) => {
      CREDENTIAL_WORD.lastIndex = from;
      const word = CREDENTIAL_WORD.exec(text);
      return word ? [runStart(text, word.index, Math.max(from, word.index - 51), isNameCharacter), word.index] : undefined;
    },
  },
];

/** Every secret found in `text`, possibly overlapping, in no particular order. */
export function detectSecrets(text: string): SecretSpan[] {
  const spans: SecretSpan[] = findPrivateKeyBlocks(text).map((block) => ({ kind: "private-key" as const, ...block }));
  for (const rule of TOKEN_RULES) {
    if (!rule.hint.test(text)) continue;
    for (const match of ruleMatches(rule, text)) {
      const groupIndices = match.indices?.groups?.secret;
      const [start, end] = groupIndices ?? [match.index, match.index + match[0].length];
      const secret = text.slice(start, end);
      if (looksLikeExample(secret)) continue;
      if (rule.accept && !rule.accept(secret, match)) continue;
      spans.push({ kind: rule.kind, start, end });
    }
  }
  return spans;
}

const CREDENTIAL_WORD = /password|passwd|pwd|secret|token|credential|key/gi;

/** What `text.matchAll(rule.pattern)` finds; through the rule's start windows when it has them. */
export function ruleMatches(rule: TokenRule, text: string): Iterable<RegExpExecArray> {
  const { pattern, startWindow } = rule;
  return startWindow ? matchesInWindows(text, stickyCopy(pattern), (from) => startWindow(text, from)) : text.matchAll(pattern);
}

/** The rules, for tests. */
export const SECRET_RULES: readonly TokenRule[] = TOKEN_RULES;

// AWS's documentation keys (AKIAIOSFODNN7EXAMPLE, wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY) and
// template fillers like `ghp_xxxxxxxx…`: public by design, and redacting them would only blur docs.
function looksLikeExample(secret: string): boolean {
  return /EXAMPLE/i.test(secret) || /(?:x{6,}|X{6,}|\*{4,}|0{8,})/.test(secret) || new Set(secret).size < 6;
}

// A value that names what it stands for (`token123`, `PRIVATE_KEY_PKCS8`, `key_1234`) or counts
// up a keyboard (`1234567890abcdef…`) is an example or a reference, not an issued credential.
const PLACEHOLDER_WORDS =
  /pass|pwd|secret|token|key|cred|changeme|change_me|example|dummy|placeholder|your|redacted|sample|default|letmein|12345|23456|34567|45678|56789|abcde|bcdef|qwert|asdfg/i;

function looksLikePlaceholder(value: string): boolean {
  return PLACEHOLDER_WORDS.test(value) || /[${}<>%]/.test(value) || /^(.)\1*$/.test(value);
}

const DOTTED_IDENTIFIER = /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+$/;

/**
 * A value worth redacting in `password = …`-style assignments: a literal (not a variable, call,
 * template or placeholder) of at least 8 characters mixing letters and digits, with the character
 * spread of generated text (≥ 3 bits per character). Human-chosen words without digits pass
 * through; that is the price of not redacting every `password: hunter` in test fixtures.
 */
function isLiteralSecret(value: string): boolean {
  if (!/[0-9]/.test(value) || !/[A-Za-z]/.test(value)) return false;
  if (/[(){}[\]<>$%\\]/.test(value) || value.includes("://") || DOTTED_IDENTIFIER.test(value)) return false;
  if (looksLikePlaceholder(value)) return false;
  return shannonEntropy(value) >= 3;
}

function isJwtHeader(segment: string): boolean {
  try {
    const header: unknown = JSON.parse(Buffer.from(segment, "base64url").toString("utf8"));
    return typeof header === "object" && header !== null && ("alg" in header || "typ" in header);
  } catch (error) {
    if (error instanceof SyntaxError) return false;
    throw error;
  }
}

/** Bits per character of the string's own character distribution. */
export function shannonEntropy(value: string): number {
  const counts = new Map<string, number>();
  for (const char of value) counts.set(char, (counts.get(char) ?? 0) + 1);
  let bits = 0;
  for (const count of counts.values()) {
    const p = count / value.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}
