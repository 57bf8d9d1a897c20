import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

// Embedded mode's door, like Jupyter's token: a random link printed to the terminal that started
// the console. It works once; using it prints the next one. Held on globalThis because Next
// loads this module separately for instrumentation, route handlers and pages of one process.
const state = globalThis as unknown as { tributaryLoginLink?: { digest: Buffer; baseUrl: string } };

export const LOGIN_PATH = "/api/auth/embedded/login";

const digestOf = (token: string) => createHash("sha256").update(token).digest();

/** A fresh one-time link (the previous one stops working), printed for whoever runs the console. */
export function issueLoginLink(baseUrl: string): string {
  const token = randomBytes(24).toString("base64url");
  state.tributaryLoginLink = { digest: digestOf(token), baseUrl };
  const link = `${baseUrl}${LOGIN_PATH}?token=${token}`;
  console.log(`\nTributary runs in embedded mode. Sign in with this one-time link:\n  ${link}\n`);
  return link;
}

/** True once for the current token; the next link is printed right away. */
export function consumeLoginToken(token: string): boolean {
  const current = state.tributaryLoginLink;
  if (!current) return false;
  const digest = digestOf(token);
  if (!timingSafeEqual(digest, current.digest)) return false;
  issueLoginLink(current.baseUrl);
  return true;
}
