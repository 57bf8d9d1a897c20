import { SlackWorkspace } from "./workspace";

export interface SlackSeed {
  channels: number;
  /** Threads per channel (each a parent plus `repliesPerThread` replies). */
  threadsPerChannel: number;
  repliesPerThread: number;
  /** Unthreaded messages per channel, spread over `days` days. */
  loosePerChannel: number;
  days: number;
  users?: number;
  /** Channels that exist but the bot is not in (must never be read). */
  foreignChannels?: number;
}

const WORDS = ["deploy", "rollback", "schema", "latency", "index", "decision", "review", "cache", "incident", "release"];

/**
 * A deterministic workspace: messages interleave threads and loose messages day by day, so
 * day documents and thread documents share days, and replies land after later parents.
 */
export function seedSlackWorkspace(seed: SlackSeed, workspace = new SlackWorkspace()): SlackWorkspace {
  const userIds = Array.from({ length: seed.users ?? 8 }, (_, i) => {
    const id = `U${String(i + 1).padStart(4, "0")}`;
    workspace.addUser({ id, name: `user${i + 1}`, real_name: `Person ${i + 1}` });
    return id;
  });
  const channelIds = Array.from({ length: seed.channels }, (_, i) => {
    const id = `C${String(i + 1).padStart(5, "0")}`;
    workspace.addChannel({ id, name: `team-${i + 1}`, is_member: true, is_private: i % 4 === 3 });
    return id;
  });
  for (let i = 0; i < (seed.foreignChannels ?? 0); i++) {
    const id = `CX${String(i + 1).padStart(4, "0")}`;
    workspace.addChannel({ id, name: `secret-${i + 1}`, is_member: false });
    workspace.post(id, userIds[0]!, "not for the bot");
  }
  const perDayThreads = Math.ceil(seed.threadsPerChannel / seed.days);
  const perDayLoose = Math.ceil(seed.loosePerChannel / seed.days);
  let n = 0;
  const user = () => userIds[n++ % userIds.length]!;
  const text = (kind: string) => `${kind} ${n}: ${WORDS[n % WORDS.length]} ${WORDS[(n * 7) % WORDS.length]} notes`;
  const made = new Map(channelIds.map((id) => [id, { threads: 0, loose: 0 }]));
  for (let day = 0; day < seed.days; day++) {
    for (const channel of channelIds) {
      const counts = made.get(channel)!;
      for (let t = 0; t < perDayThreads && counts.threads < seed.threadsPerChannel; t++, counts.threads++) {
        const parent = workspace.post(channel, user(), text("thread"), 60);
        for (let r = 0; r < seed.repliesPerThread; r++) workspace.reply(channel, parent, user(), text("reply"), 30);
      }
      for (let l = 0; l < perDayLoose && counts.loose < seed.loosePerChannel; l++, counts.loose++) {
        workspace.post(channel, user(), text("note"), 45);
      }
    }
    workspace.advance(86_400);
  }
  return workspace;
}
