import { Readable } from "node:stream";
import { gzipSync } from "node:zlib";
import { pack } from "tar-stream";

export interface TarEntrySpec {
  name: string;
  content?: Buffer | string;
  type?: "file" | "symlink" | "directory" | "link";
  linkname?: string;
}

/** A gzipped tarball with exactly these raw entry names (no safety applied: tests need hostile ones). */
export async function buildTarball(entries: readonly TarEntrySpec[]): Promise<Buffer> {
  const archive = pack();
  const chunks: Buffer[] = [];
  const collected = (async () => {
    for await (const chunk of archive) chunks.push(Buffer.from(chunk as Uint8Array));
  })();
  for (const spec of entries) {
    const type = spec.type ?? "file";
    const body = type === "file" ? Buffer.from(spec.content ?? "") : undefined;
    await new Promise<void>((done, fail) => {
      const callback = (error?: Error | null) => (error ? fail(error) : done());
      if (body) archive.entry({ name: spec.name, type, size: body.length }, body, callback);
      else archive.entry({ name: spec.name, type, linkname: spec.linkname }, callback);
    });
  }
  archive.finalize();
  await collected;
  return gzipSync(Buffer.concat(chunks));
}

export function streamOf(bytes: Buffer): Readable {
  return Readable.from([bytes]);
}
