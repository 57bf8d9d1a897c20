import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { schema, type DbExecutor } from "@repo/console-db";
import { eq } from "drizzle-orm";
import { TributaryError } from "@repo/console-types";

const VERSION = "v1";

/**
 * The AES-256 key from the secret the app configures (TRIBUTARY_CREDENTIALS_KEY, or the auth
 * secret): any string works, hashing gives it the key's 32 bytes.
 */
function keyOf(secret: string): Buffer {
  if (secret.length < 16)
    throw new TributaryError({ code: "credentials_key", retryable: false, message: "the credentials key must be at least 16 characters" });
  return createHash("sha256").update(`tributary-credentials:${secret}`).digest();
}

/** Seals a token with AES-256-GCM: a fresh IV per seal, the tag authenticates it. */
export function sealCredential(secret: string, token: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keyOf(secret), iv);
  const body = Buffer.concat([cipher.update(token, "utf8"), cipher.final()]);
  return [VERSION, iv, body, cipher.getAuthTag()].map((part) => (typeof part === "string" ? part : part.toString("base64url"))).join(".");
}

/** Opens a sealed token; a wrong key or a tampered value fails without saying anything about the token. */
export function openCredential(secret: string, sealed: string): string {
  const [version, iv, body, tag] = sealed.split(".");
  if (version !== VERSION || !iv || !body || !tag)
    throw new TributaryError({ code: "credentials_unreadable", retryable: false, message: "the stored credential has an unknown format" });
  try {
    const decipher = createDecipheriv("aes-256-gcm", keyOf(secret), Buffer.from(iv, "base64url"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    throw new TributaryError({
      code: "credentials_unreadable",
      retryable: false,
      message: "the stored credential cannot be opened with the configured credentials key (was the key changed?)",
    });
  }
}

export async function storeCredential(db: DbExecutor, secret: string, sourceId: string, token: string): Promise<void> {
  const sealed = sealCredential(secret, token);
  await db
    .insert(schema.sourceCredentials)
    .values({ sourceId, sealed })
    .onConflictDoUpdate({ target: schema.sourceCredentials.sourceId, set: { sealed, updatedAt: new Date() } });
}

/** The source's token, or undefined when none is stored (the CLI passes tokens from its environment instead). */
export async function loadCredential(db: DbExecutor, secret: string | undefined, sourceId: string): Promise<string | undefined> {
  const [row] = await db
    .select({ sealed: schema.sourceCredentials.sealed })
    .from(schema.sourceCredentials)
    .where(eq(schema.sourceCredentials.sourceId, sourceId));
  if (!row) return undefined;
  if (!secret)
    throw new TributaryError({
      code: "credentials_key",
      retryable: false,
      message: "this source has a stored credential, but no credentials key is configured (TRIBUTARY_CREDENTIALS_KEY)",
    });
  return openCredential(secret, row.sealed);
}
