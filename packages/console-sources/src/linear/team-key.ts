/** What `linear:<team-key>` accepts. */
export const LINEAR_TEAM_KEY = /^[A-Za-z0-9]{1,10}$/;

/**
 * The team key as a source stores it (its scope): Linear shows keys upper-cased and matches them
 * case-insensitively, so `linear:eng` and a webhook naming `eng` both mean the source `linear:ENG`.
 */
export const linearTeamScope = (key: string) => key.toUpperCase();
