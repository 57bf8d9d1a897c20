/** One structured line per run transition and per step attempt. */
export interface LogRecord {
  kind: "run" | "step" | "event" | "app";
  fn?: string;
  runId?: string;
  step?: string;
  attempt?: number;
  durationMs?: number;
  outcome: string;
  error?: string;
  detail?: string;
}

export type Logger = (record: LogRecord) => void;

export const silentLogger: Logger = () => {};

export function jsonLinesLogger(write: (line: string) => void = (line) => process.stdout.write(`${line}\n`)): Logger {
  return (record) => write(JSON.stringify({ ts: new Date().toISOString(), ...record }));
}
