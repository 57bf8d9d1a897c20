export { FakeVercel, VERCEL_PAGE, type FakeVercelOptions } from "./fake-vercel";
export { VercelTeam, FINAL_STATES, type VercelDeployment, type VercelLogLine, type VercelProject, type VercelState } from "./workspace";
export { seedVercelTeam, SEEDED_LOG_SECRETS, type VercelSeed } from "./seed";
export { vercelGroundTruth } from "./ground-truth";
export { signVercelWebhook, vercelWebhookBody } from "./signing";
export { VercelRateLimit } from "./rate-limit";
