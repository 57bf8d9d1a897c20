import { generateKeyPairSync, randomInt } from "node:crypto";

// No vowels (and no w): a random run never spells a word the detector treats as a placeholder.
const ALNUM = "BCDFGHJKLMNPQRSTVXZbcdfghjklmnpqrstvxz0123456789";
const UPPER32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
const DIGITS = "0123456789";
const HEX = "0123456789abcdef";

function draw(alphabet: string, length: number): string {
  let out = "";
  for (let i = 0; i < length; i += 1) out += alphabet[randomInt(alphabet.length)];
  return out;
}

/** Random characters that include at least one digit, upper- and lower-case letter. */
function mixed(length: number): string {
  return draw("BCDFGHJKLMNPQRSTVXZ", 1) + draw("bcdfghjklmnpqrstvxz", 1) + draw(DIGITS, 1) + draw(ALNUM, length - 3);
}

const base64url = (value: string | Buffer) => Buffer.from(value).toString("base64url");

/**
 * Secrets in the shapes providers issue, drawn at random on every call: never real, and never
 * committed as literals (which would also trip push protection on the repository itself).
 */
export function fakeSecrets() {
  const jwtPayload = { sub: draw(DIGITS, 10), iat: 1_700_000_000, scope: "repo:read" };
  return {
    privateKey: generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    awsAccessKey: `AKIA${draw(UPPER32, 16)}`,
    awsSessionKey: `ASIA${draw(UPPER32, 16)}`,
    awsSecretKey: mixed(40),
    githubTokens: ["ghp_", "gho_", "ghu_", "ghs_", "ghr_"].map((prefix) => `${prefix}${draw(ALNUM, 36)}`),
    githubPat: `github_pat_${draw(ALNUM, 22)}_${draw(ALNUM, 59)}`,
    slackBot: `xoxb-${draw(DIGITS, 11)}-${draw(DIGITS, 12)}-${draw(ALNUM, 24)}`,
    slackUser: `xoxp-${draw(DIGITS, 11)}-${draw(DIGITS, 11)}-${draw(DIGITS, 12)}-${draw(HEX, 32)}`,
    slackWebhook: `https://hooks.slack.com/services/T${draw(UPPER32, 8)}/B${draw(UPPER32, 10)}/${draw(ALNUM, 24)}`,
    stripeLive: `sk_live_${draw(ALNUM, 24)}`,
    stripeRestricted: `rk_live_${draw(ALNUM, 24)}`,
    openaiProject: `sk-proj-${draw(ALNUM, 74)}T3BlbkFJ${draw(ALNUM, 74)}`,
    openaiLegacy: `sk-${draw(ALNUM, 48)}`,
    googleApiKey: `AIza${draw(ALNUM, 35)}`,
    jwt: `${base64url(JSON.stringify({ alg: "HS256", typ: "JWT" }))}.${base64url(JSON.stringify(jwtPayload))}.${base64url(Buffer.from(draw(ALNUM, 32)))}`,
    bearer: mixed(40),
    dbPassword: mixed(20),
    djangoSecret: `${mixed(40)}-_!@*${draw(ALNUM, 5)}`,
    clientSecret: mixed(32),
  };
}

export type FakeSecrets = ReturnType<typeof fakeSecrets>;

/** Every secret value of a set, flattened, for "appears nowhere" assertions. */
export function secretValues(secrets: FakeSecrets): string[] {
  return Object.values(secrets).flatMap((value) => (Array.isArray(value) ? value : [value]));
}
