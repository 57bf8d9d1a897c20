import { createHash } from "node:crypto";

/** The sha git gives a blob with this content: sha1("blob <size>\0" + content). */
export function gitBlobSha(content: Buffer): string {
  return createHash("sha1").update(`blob ${content.length}\0`).update(content).digest("hex");
}
