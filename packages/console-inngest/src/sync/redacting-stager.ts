import type { RedactionCounts } from "@repo/console-github/redact";
import { cpuPool, runOnPool } from "../cpu/cpu-pool";

export interface FetchedFile {
  sha: string;
  content: Uint8Array;
}

/** Files per redaction task: as many as the staging writer puts in one insert. */
const REDACT_TASK_FILES = 100;
/**
 * Groups sent and not yet staged, at most: the reader goes on this far ahead of the writes, so the
 * worker has redaction to do while the writing thread is busy in a long statement (and cannot read
 * on). With 2 (the reader one group ahead) the two threads of a 3,000-file sync mostly took turns.
 */
export const GROUPS_AHEAD = 4;

/**
 * Replaces secrets in fetched files on the CPU pool's worker, a group at a time, then passes each
 * file to `stage` in the order it arrived. The regular expressions thus run off the thread that
 * owns the database: while one group is redacted, the next are read from the source and the groups
 * before are written. At most GROUPS_AHEAD groups (~100 files each) are held at once.
 */
export function createRedactingStager(stage: (file: FetchedFile & { redactions: RedactionCounts }) => Promise<void>) {
  let group: FetchedFile[] = [];
  let sent = 0;
  let writing: Promise<void> = Promise.resolve();
  const inFlight: Array<Promise<void>> = [];

  const send = async () => {
    const files = group;
    group = [];
    if (files.length === 0) return;
    const input = { contents: files.map((f) => f.content) };
    // A lone small file is redacted inline only as the first group (a one-file push), never mid-read.
    const redacted =
      sent === 0
        ? runOnPool(
            "redactFiles",
            input,
            files.map((f) => f.content.byteLength),
          )
        : cpuPool().run("redactFiles", input);
    sent += 1;
    const before = writing;
    // Staged in the order sent: each group's writes wait for the group before.
    const written = (async () => {
      const out = await redacted;
      await before;
      for (const [i, file] of files.entries()) {
        const { content, redactions } = out[i]!;
        await stage({ sha: file.sha, content: content ?? file.content, redactions });
      }
    })();
    writing = written;
    // Awaited by a later send or by finish(); until then its failure must not count as unhandled.
    written.catch(() => {});
    inFlight.push(written);
    if (inFlight.length >= GROUPS_AHEAD) await inFlight.shift();
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
