import { publicUrl } from "./auth/auth";
import { issueLoginLink } from "./auth/login-link";
import { startupProblems } from "./deployment";
import { isEmbeddedMode } from "./settings";

/**
 * Refuses to start a console that would be open (exit 1, naming every missing setting), and in
 * embedded mode prints the first one-time login link.
 */
export function checkStartup(): void {
  const problems = startupProblems();
  if (problems.length > 0) {
    console.error(`Tributary refuses to start:\n${problems.map((p) => `  - ${p}`).join("\n")}\nSee "Deploying" in the README.`);
    process.exit(1);
  }
  if (isEmbeddedMode()) issueLoginLink(publicUrl());
}
