import type { RedactionCounts } from "@repo/console-github/redact";
import { cpuPool } from "../cpu/cpu-pool";
import { redactFiles } from "../cpu/cpu-tasks";

export interface FetchedFile {
  sha: string;
  content: Uint8Array;
}

/** Files per redaction task: as many as the staging writer puts in one insert. */
const REDACT_TASK_FILES = 100;
/** A lone file this small is redacted on the calling thread (as chunk-batch.ts chunks one): no worker start for a one-file push. */
const INLINE_MAX_BYTES = 64 * 1024;

/**
 * Replaces secrets in fetched files on the CPU pool's worker, a group at a time, then passes each
 * file to `stage` in the order it arrived. The regular expressions thus run off the thread that
 * owns the database: while one group is redacted, the next is read from the source and the group
 * before is written. At most two groups are held at once.
 */
export function createRedactingStager(stage: (file: FetchedFile & { redactions: RedactionCounts }) => Promise<void>) {
  let group: FetchedFile[] = [];
  let sent = 0;
  let writing: Promise<void> = Promise.resolve();

  const send = async () => {
    const files = group;
    group = [];
    if (files.length === 0) return;
    const input = { contents: files.map((f) => f.content) };
    const redacted =
      sent === 0 && files.length === 1 && files[0]!.content.byteLength <= INLINE_MAX_BYTES ? redactFiles(input) : cpuPool().run("redactFiles", input);
    sent += 1;
    const before = writing;
    writing = (async () => {
      const out = await redacted;
      await before;
      for (const [i, file] of files.entries()) {
        const { content, redactions } = out[i]!;
        await stage({ sha: file.sha, content: content ?? file.content, redactions });
      }
    })();
    // Awaited by the next send or by finish(); until then its failure must not count as unhandled.
    writing.catch(() => {});
    await before;
  };

  return {
    async add(file: FetchedFile): Promise<void> {
      group.push(file);
      if (group.length >= REDACT_TASK_FILES) await send();
    },
    /** Sends the files added so far without waiting for a full group (a batch is complete with them). */
    async flush(): Promise<void> {
      await send();
    },
    /** Redacts and stages what is left; rejects if any group failed. */
    async finish(): Promise<void> {
      await send();
      await writing;
    },
  };
}
