import { randomBytes } from "node:crypto";
import { fakeSecrets } from "@repo/testing/secrets";
import { describe, expect, it } from "vitest";
import { redactSecrets, type SecretKind } from "./redact-secrets";

const s = fakeSecrets();
const pem = s.privateKey;

/** Redacts `text` and checks that `secret` is gone, `kind` was counted and lines still line up. */
function expectRedacted(text: string, secret: string, kind: SecretKind) {
  const result = redactSecrets(text);
  expect(result.text).not.toContain(secret);
  expect(result.text).toContain(`[REDACTED ${kind}]`);
  expect(result.redactions[kind]).toBeGreaterThanOrEqual(1);
  expect(result.text.split("\n").length).toBe(text.split("\n").length);
  return result;
}

describe("redactSecrets: true positives inside ordinary source files", () => {
  it("replaces a whole PEM private key in a template literal, keeping the line count", () => {
    const source = `export const key = \`${pem}\`;\nexport const after = 1;\n`;
    const result = expectRedacted(source, pem.split("\n")[1]!, "private-key");
    expect(result.text).not.toMatch(/MII/);
    expect(result.text.split("\n").at(-2)).toBe("export const after = 1;");
    expect(result.redactions).toEqual({ "private-key": 1 });
  });

  it("finds a key with \\n escapes in JSON (a service-account file under another name)", () => {
    const json = JSON.stringify({ type: "service_account", private_key: pem, client_email: "ci@project.iam.gserviceaccount.com" }, null, 2);
    const result = expectRedacted(json, pem.split("\n")[2]!, "private-key");
    expect(result.text).toContain("ci@project.iam.gserviceaccount.com");
  });

  it("finds OpenSSH, EC and PGP blocks, and a key pasted without its END line", () => {
    const body = randomBytes(300)
      .toString("base64")
      .match(/.{1,70}/g)!
      .join("\n");
    for (const label of ["OPENSSH PRIVATE KEY", "EC PRIVATE KEY", "PGP PRIVATE KEY BLOCK", "ENCRYPTED PRIVATE KEY"]) {
      expectRedacted(`# notes\n-----BEGIN ${label}-----\n${body}\n-----END ${label}-----\n`, body.slice(0, 60), "private-key");
    }
    const truncated = `key = """\n-----BEGIN RSA PRIVATE KEY-----\n${body}\n"""\nprint("done")\n`;
    const result = expectRedacted(truncated, body.slice(-40), "private-key");
    expect(result.text).toContain('print("done")');
  });

  it.each<[string, string, SecretKind]>([
    ["aws access key id", `AWS_ACCESS_KEY_ID = "${s.awsAccessKey}"\n`, "aws-access-key"],
    ["aws session key id", `creds = { id: '${s.awsSessionKey}' }\n`, "aws-access-key"],
    ["aws secret key", `aws_secret_access_key = ${s.awsSecretKey}\n`, "aws-secret-key"],
    ["aws secret key (CloudFormation)", `      SecretAccessKey: "${s.awsSecretKey}"\n`, "aws-secret-key"],
    ["github classic token", `const token = "${s.githubTokens[0]}";\n`, "github-token"],
    ["github oauth token", `// temporary: ${s.githubTokens[1]}\n`, "github-token"],
    ["github user-to-server token", `GH=${s.githubTokens[2]}\n`, "github-token"],
    ["github server-to-server token", `headers: { authorization: "token ${s.githubTokens[3]}" },\n`, "github-token"],
    ["github refresh token", `refresh=${s.githubTokens[4]}\n`, "github-token"],
    ["github fine-grained token", `export GITHUB_TOKEN=${s.githubPat}\n`, "github-token"],
    ["slack bot token", `client = WebClient(token="${s.slackBot}")\n`, "slack-token"],
    ["slack user token", `SLACK=${s.slackUser}\n`, "slack-token"],
    ["slack webhook", `fetch("${s.slackWebhook}", { method: "POST" })\n`, "slack-webhook"],
    ["stripe live key", `stripe = Stripe("${s.stripeLive}")\n`, "stripe-key"],
    ["stripe restricted key", `const rk = '${s.stripeRestricted}'\n`, "stripe-key"],
    ["openai project key", `client = OpenAI(api_key="${s.openaiProject}")\n`, "openai-key"],
    ["openai legacy key", `openai.api_key = "${s.openaiLegacy}"\n`, "openai-key"],
    ["google api key", `<script src="https://maps.googleapis.com/maps/api/js?key=${s.googleApiKey}"></script>\n`, "google-api-key"],
    ["jwt in config", `auth:\n  serviceToken: ${s.jwt}\n`, "jwt"],
    ["bearer token in an http file", `GET /v1/things\nAuthorization: Bearer ${s.bearer}\n`, "bearer-token"],
    ["password in a database url", `DATABASE_URL=postgres://app:${s.dbPassword}@db.internal:5432/app\n`, "url-password"],
    ["password assignment (yaml)", `database:\n  password: ${s.dbPassword}\n`, "assigned-secret"],
    ["secret assignment (python)", `SECRET_KEY = '${s.djangoSecret}'\n`, "assigned-secret"],
    ["client secret (json)", `{ "client_secret": "${s.clientSecret}" }\n`, "assigned-secret"],
  ])("%s", (_name, text, kind) => {
    const secretValues = Object.values(s)
      .flat()
      .filter((v): v is string => typeof v === "string" && text.includes(v));
    expect(secretValues.length).toBeGreaterThan(0);
    for (const value of secretValues) expectRedacted(text, value, kind);
  });

  it("counts every secret of a file by kind and never puts a value in the counts", () => {
    const text = [`a = "${s.githubTokens[0]}"`, `b = "${s.githubTokens[1]}"`, `c = "${s.stripeLive}"`, `-- ${pem}`].join("\n");
    const result = redactSecrets(text);
    expect(result.redactions).toEqual({ "github-token": 2, "stripe-key": 1, "private-key": 1 });
    expect(JSON.stringify(result.redactions)).not.toMatch(/ghp_|sk_live/);
  });

  it("is deterministic and idempotent: redacting redacted text changes nothing", () => {
    const text = `token: ${s.githubTokens[0]}\nkey: ${s.awsAccessKey}\n`;
    const once = redactSecrets(text);
    expect(redactSecrets(text)).toEqual(once);
    expect(redactSecrets(once.text)).toEqual({ text: once.text, redactions: {} });
  });
});

describe("redactSecrets: realistic false-positive candidates stay as they are", () => {
  it.each([
    ["sk- in prose and class names", 'We use sk-learn for this; the `sk-` prefix marks keys. <div class="sk-spinner sk-fading-circle">\n'],
    ["risk-free and task-based words", "A risk-free, task-based plan with disk-backed queues.\n"],
    ["AWS documentation example keys", "aws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n"],
    [
      "template placeholders",
      "GITHUB_TOKEN=ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\nSLACK=https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX\n",
    ],
    ["base64 image data", `const logo = "data:image/png;base64,${randomBytes(600).toString("base64")}";\n`],
    ["lockfile integrity hashes", `"integrity": "sha512-${randomBytes(64).toString("base64")}",\n`],
    [
      "PEM markers in parsing code",
      'const HEADER = "-----BEGIN PRIVATE KEY-----";\nconst FOOTER = "-----END PRIVATE KEY-----";\nif (pem.startsWith(HEADER)) return decode(pem);\n',
    ],
    [
      "a public key and a certificate",
      `-----BEGIN PUBLIC KEY-----\n${randomBytes(200)
        .toString("base64")
        .match(/.{1,64}/g)!
        .join("\n")}\n-----END PUBLIC KEY-----\n`,
    ],
    ["prose that describes a PEM file", "A key file starts with -----BEGIN PRIVATE KEY----- and ends with -----END PRIVATE KEY-----, with base64 between.\n"],
    [
      "credential names bound to variables or env",
      "password: process.env.DB_PASSWORD\nsecret = os.environ['SECRET']\napiKey: config.openai.apiKey2\ntoken: ${{ secrets.NPM_TOKEN }}\n",
    ],
    ["placeholder values", 'password: "changeme123"\napiKey: "your-api-key-1234"\nDB_PASSWORD=<password1>\nsecret: "example-secret-42"\n'],
    [
      "documentation values that name or count",
      'clientSecret: "1234567890abcdef1234567890abcdef12345678",\ntoken: "usertoken123",\nprivateKey: PRIVATE_KEY_PKCS8,\nprivateKey: privateKeyPkcs8,\n"dotenv://:key_1234@dotenv.org/vault/.env.vault"\n',
    ],
    ["words that contain credential names", 'tokenizer: "cl100k_base"\nmaxTokens: 512\npasswordHashRounds: 12\nkeyboard: "us-intl-2"\n'],
    [
      "urls without a real password",
      "postgres://postgres:postgres@localhost:5432/test\nredis://:${REDIS_PASSWORD}@cache:6379\nhttps://user@github.com/org/repo\nhttp://localhost:8288/e/key\n",
    ],
    [
      "git shas, uuids and version strings",
      "commit: 3f786850e387550fdab836ed7e6dc881de23001b\nid: 123e4567-e89b-12d3-a456-426614174000\nversion: 4.1.12-beta.3\n",
    ],
    ["an unsigned-looking base64 JSON that is not a JWT", "eyJmb28iOiJiYXIifQ.eyJiYXoiOjF9.c2lnbmF0dXJlLW5vdC1qd3QtYXQtYWxs\n"],
    ["human words after Bearer", "Authorization: Bearer YOUR_ACCESS_TOKEN_GOES_HERE\n"],
  ])("%s", (_name, text) => {
    expect(redactSecrets(text)).toEqual({ text, redactions: {} });
  });
});
