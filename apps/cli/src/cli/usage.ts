/**
 * The first line of each command's help, for the top-level help. Kept apart from the commands so
 * `tributary --help` loads none of them; usage.test.ts checks each line against its command.
 */
export const COMMAND_USAGE = [
  "tributary sync <path | github:owner/repo | https://github.com/owner/repo | item source> [options]",
  'tributary search "<query>" [options]',
  "tributary status [--json]  sources, their last sync and errors",
  "tributary sources remove <source> [--json]",
  "tributary retry [source] [--json]",
  "tributary cleanup [source] [--force] [--json]",
];
