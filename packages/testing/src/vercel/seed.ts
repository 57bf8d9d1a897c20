import { VercelTeam } from "./workspace";

/** Secrets a failed build prints; none may reach chunks, embedding requests or vector metadata. */
export const SEEDED_LOG_SECRETS = ["ghp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8", "sk-proj-Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2Jh1Gf0EdCbA9876", "AKIA2E0A8F3B244C9986"];

export interface VercelSeed {
  projects: number;
  deploymentsPerProject: number;
  /** Every n-th deployment fails with a build log (the others are READY). */
  failEvery: number;
}

/** A deterministic team: every n-th deployment fails with an error log that prints a token. */
export function seedVercelTeam(seed: VercelSeed, team = new VercelTeam()): VercelTeam {
  const projects = Array.from({ length: seed.projects }, (_, i) => team.addProject(`app-${i + 1}`, i % 2 ? "vite" : "nextjs"));
  let n = 0;
  for (let round = 0; round < seed.deploymentsPerProject; round++) {
    for (const project of projects) {
      n += 1;
      const failed = n % seed.failEvery === 0;
      team.deploy(project.id, {
        state: failed ? "ERROR" : "READY",
        message: `${failed ? "break" : "ship"} ${project.name} #${round + 1}`,
        target: round % 3 === 0 ? "production" : "preview",
        log: failed
          ? [
              'Running "npm run build"',
              `env GITHUB_TOKEN=${SEEDED_LOG_SECRETS[n % 3]}`,
              `Error: Module not found: Can't resolve './missing-${n}'`,
              'Command "npm run build" exited with 1',
            ]
          : ['Running "npm run build"', "Compiled successfully"],
      });
    }
  }
  return team;
}
