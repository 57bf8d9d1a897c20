import { schema } from "@repo/console-db";
import { TestRepo } from "@repo/testing/github";
import { fakeSecrets, secretValues, type FakeSecrets } from "@repo/testing/secrets";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditStaging, databaseText } from "../testing/database-text";
import { createHarness, type Harness } from "../testing/harness";
import { startProductionFakes, type ProductionFakes } from "../testing/production-fakes";

const x = fakeSecrets(); // only ever in files excluded by path
const s = fakeSecrets(); // inside ordinary source files, redacted
const y = fakeSecrets(); // added by a second push (read by blob, not from the tarball)
const dockerAuth = Buffer.from(`bot:${x.githubTokens[4]}`).toString("base64");

/** Files that are never read, with credentials in shapes the content scanner would not all catch. */
const EXCLUDED: Record<string, string> = {
  ".env": `DB_PASSWORD=${x.dbPassword}\n`,
  ".envrc": `export TOKEN=${x.githubTokens[0]}\n`,
  ".ssh/config": `Host prod\n  # ${x.bearer}\n`,
  ".ssh/id_ed25519": x.privateKey,
  ".kube/config": `users:\n- name: admin\n  user:\n    token: ${x.jwt}\n`,
  "ios/AuthKey_ABC123.p8": x.privateKey,
  ".yarnrc.yml": `npmAuthToken: ${x.githubTokens[1]}\n`,
  ".npmrc": `//registry.npmjs.org/:_authToken=${x.clientSecret}\n`,
  ".vault-token": x.bearer,
  ".s3cfg": `[default]\naccess_key = ${x.awsAccessKey}\nsecret_key = ${x.awsSecretKey}\n`,
  ".my.cnf": `[client]\npassword=${x.dbPassword}\n`,
  "vpn/office.ovpn": `<key>\n${x.privateKey}</key>\n`,
  "certs/client.pfx": x.djangoSecret,
  "certs/client.p12": x.stripeLive,
  "config/credentials.json": JSON.stringify({ token: x.slackBot }),
  "gcp/service-account-prod.json": JSON.stringify({ type: "service_account", private_key: x.privateKey }),
  ".netrc": `machine github.com login bot password ${x.githubTokens[2]}\n`,
  ".pgpass": `db:5432:app:app:${x.dbPassword}\n`,
  ".git-credentials": `https://bot:${x.githubTokens[3]}@github.com\n`,
  ".docker/config.json": JSON.stringify({ auths: { "ghcr.io": { auth: dockerAuth } } }),
  ".bash_history": `curl -H "Authorization: Bearer ${x.bearer}" https://api.internal\n`,
  "infra/prod.tfvars": `stripe_key = "${x.stripeRestricted}"\n`,
  ".aws/credentials": `[default]\naws_access_key_id=${x.awsSessionKey}\n`,
  "keys/deploy.pem": x.privateKey,
};

/** Ordinary source files, each with the secrets it holds and the redactions its record must show. */
const REDACTED: Record<string, { text: string; redactions: Record<string, number> }> = {
  "src/keys.ts": { text: `// signing keys\nexport const signingKey = \`${s.privateKey}\`;\nexport const keyId = "k1";\n`, redactions: { "private-key": 1 } },
  "config/settings.py": {
    text: `# settings\nAWS_ACCESS_KEY_ID = "${s.awsAccessKey}"\naws_secret_access_key = "${s.awsSecretKey}"\nSECRET_KEY = '${s.djangoSecret}'\nDEBUG = False\n`,
    redactions: { "aws-access-key": 1, "aws-secret-key": 1, "assigned-secret": 1 },
  },
  "scripts/deploy.sh": {
    text: `#!/bin/sh\n${[...s.githubTokens, s.githubPat].map((t, i) => `export GH_TOKEN_${i}=${t}`).join("\n")}\n`,
    redactions: { "github-token": 6 },
  },
  "src/notify.js": {
    text: `const bot = new WebClient("${s.slackBot}");\nconst user = new WebClient("${s.slackUser}");\nfetch("${s.slackWebhook}", { method: "POST" });\n`,
    redactions: { "slack-token": 2, "slack-webhook": 1 },
  },
  "src/billing.ts": {
    text: `export const live = new Stripe("${s.stripeLive}");\nexport const limited = new Stripe("${s.stripeRestricted}");\n`,
    redactions: { "stripe-key": 2 },
  },
  "src/ai.py": { text: `client = OpenAI(api_key="${s.openaiProject}")\nlegacy = OpenAI(api_key="${s.openaiLegacy}")\n`, redactions: { "openai-key": 2 } },
  "public/index.html": { text: `<script src="https://maps.googleapis.com/maps/api/js?key=${s.googleApiKey}"></script>\n`, redactions: { "google-api-key": 1 } },
  "config/app.yml": {
    text: `auth:\n  serviceToken: ${s.jwt}\ndatabase:\n  url: postgres://app:${s.dbPassword}@db.internal:5432/app\n  password: ${s.clientSecret}\n`,
    redactions: { jwt: 1, "url-password": 1, "assigned-secret": 1 },
  },
  "docs/api.http": { text: `GET https://api.example.com/v1/things\nAuthorization: Bearer ${s.bearer}\n`, redactions: { "bearer-token": 1 } },
  "config/client.json": {
    text: `${JSON.stringify({ client_id: "tributary", client_secret: s.awsSecretKey, private_key: s.privateKey }, null, 2)}\n`,
    redactions: { "private-key": 1, "assigned-secret": 1 },
  },
};

const CLEAN: Record<string, string> = {
  "README.md": "# Secrets fixture\n\nA repository with credentials in it, for the redaction test.\n",
  ...Object.fromEntries(
    Array.from({ length: 15 }, (_, i) => [`src/util/helper-${i}.ts`, `export function helper${i}(n: number): number {\n  return n * ${i + 2};\n}\n`]),
  ),
};

/** Each secret value, plus each line of its private key (a JSON body escapes the newlines). */
function needles(secrets: FakeSecrets): string[] {
  return [...secretValues(secrets), ...secrets.privateKey.split("\n").filter((line) => line.length >= 40)];
}
const ALL_NEEDLES = [...needles(x), ...needles(s), ...needles(y), dockerAuth];

interface Subject {
  harness: Harness;
  fakes?: ProductionFakes;
  connect(): Promise<string>;
  /** What left the process or stayed outside the database: request bodies, the fake's records. */
  outside(): string;
}

async function embeddedSubject(repo: TestRepo): Promise<Subject> {
  const harness = await createHarness();
  return {
    harness,
    connect: () =>
      harness.connect({
        provider: "local",
        externalId: repo.dir,
        fullName: "secrets",
        name: "secrets",
        owner: null,
        location: repo.dir,
        branch: "main",
        installationId: null,
        syncIntervalMinutes: 60,
      }),
    outside: () => "",
  };
}

async function productionSubject(repo: TestRepo): Promise<Subject> {
  const fakes = await startProductionFakes([{ repo, id: 5151, name: "secrets" }], "openai+pinecone");
  fakes.openai.server.captureBodies = true;
  fakes.pinecone.data.captureBodies = true;
  return {
    harness: fakes.harness,
    fakes,
    connect: () =>
      fakes.harness.connect({
        provider: "github",
        externalId: "5151",
        fullName: "acme/secrets",
        owner: "acme",
        name: "secrets",
        location: "https://github.com/acme/secrets",
        branch: "main",
        installationId: null,
        syncIntervalMinutes: 60,
      }),
    outside: () =>
      [
        ...fakes.openai.server.bodies.map((b) => b.body.toString("utf8")),
        ...fakes.pinecone.data.bodies.map((b) => b.body.toString("utf8")),
        ...[...fakes.pinecone.indexes.values()].flatMap((index) =>
          [...index.namespaces.values()].flatMap((records) => [...records.values()].map((r) => JSON.stringify(r.metadata))),
        ),
      ].join("\n"),
  };
}

describe.each([
  ["embedded default (local git, local embedder, pgvector)", embeddedSubject],
  ["production path (GitHub, OpenAI and Pinecone fakes)", productionSubject],
])("secrets never reach the index: %s", (_name, start) => {
  let repo: TestRepo;
  let subject: Subject;
  let sourceId: string;
  const db = () => subject.harness.database.db;
  const documentsByPath = async () =>
    new Map((await db().select().from(schema.documents).where(eq(schema.documents.sourceId, sourceId))).map((d) => [d.path, d]));
  const jobFilesByPath = async (jobId: string) =>
    new Map((await db().select().from(schema.syncJobFiles).where(eq(schema.syncJobFiles.jobId, jobId))).map((f) => [f.path, f]));

  beforeAll(async () => {
    repo = await TestRepo.create();
    await repo.writeFiles({ ...EXCLUDED, ...Object.fromEntries(Object.entries(REDACTED).map(([path, f]) => [path, f.text])), ...CLEAN });
    await repo.commit("a repository with secrets");
    subject = await start(repo);
    await auditStaging(db());
    sourceId = await subject.connect();
  }, 240_000);
  afterAll(async () => {
    await subject?.fakes?.close();
    if (!subject?.fakes) await subject?.harness.close();
    await repo?.remove();
  });

  it("skips every credential file by path and says so in its records", async () => {
    const job = await subject.harness.lastJob(sourceId);
    expect(job).toMatchObject({ status: "succeeded", filesIndexed: Object.keys(REDACTED).length + Object.keys(CLEAN).length });
    expect(job.skippedByReason).toEqual({ secret: Object.keys(EXCLUDED).length });
    const documents = await documentsByPath();
    const files = await jobFilesByPath(job.id);
    for (const path of Object.keys(EXCLUDED)) {
      expect(documents.get(path), path).toMatchObject({ outcome: "skipped", reason: "secret", chunkCount: 0 });
      expect(files.get(path), path).toMatchObject({ outcome: "skipped", reason: "secret" });
    }
  });

  it("indexes source files with each secret replaced, and records the kinds and counts", async () => {
    const job = await subject.harness.lastJob(sourceId);
    const documents = await documentsByPath();
    const files = await jobFilesByPath(job.id);
    for (const [path, { redactions }] of Object.entries(REDACTED)) {
      expect(documents.get(path), path).toMatchObject({ outcome: "indexed", redactions });
      expect(documents.get(path)!.chunkCount, path).toBeGreaterThan(0);
      expect(files.get(path), path).toMatchObject({ outcome: "indexed", redactions });
    }
    for (const path of Object.keys(CLEAN)) expect(documents.get(path)?.redactions, path).toEqual({});
  });

  it("leaves no secret value in the database (staged contents included), request bodies or vector metadata", async () => {
    const stored = await databaseText(db());
    // The audit trigger saw every staged file, and what it saw was already redacted.
    // (booleans, not toContain: a failure should not print the whole database)
    expect(/(^|\n)staging_audit /.test(stored)).toBe(true);
    expect(stored.includes("[REDACTED private-key]")).toBe(true);
    const outside = subject.outside();
    if (subject.fakes) {
      expect(subject.fakes.openai.calls.flatMap((c) => c.inputs).some((input) => input.includes("[REDACTED github-token]"))).toBe(true);
      expect(outside.includes("[REDACTED stripe-key]")).toBe(true);
    }
    const leaked = ALL_NEEDLES.filter((needle) => stored.includes(needle) || outside.includes(needle));
    expect(leaked).toEqual([]);
  });

  it("keeps redacting on an incremental sync read blob by blob", async () => {
    await repo.writeFiles({ "src/util/helper-0.ts": `export const token = "${y.githubTokens[0]}";\n`, ".env.production": `DB_PASSWORD=${y.dbPassword}\n` });
    await repo.commit("a token sneaks in");
    await subject.harness.sync(sourceId);
    const job = await subject.harness.lastJob(sourceId);
    expect(job).toMatchObject({ status: "succeeded", filesIndexed: 1 });
    const [record] = await db()
      .select()
      .from(schema.syncJobFiles)
      .where(and(eq(schema.syncJobFiles.jobId, job.id), eq(schema.syncJobFiles.path, "src/util/helper-0.ts")));
    expect(record).toMatchObject({ outcome: "indexed", redactions: { "github-token": 1 } });
    expect((await documentsByPath()).get(".env.production")).toMatchObject({ outcome: "skipped", reason: "secret" });
    const haystack = `${await databaseText(db())}\n${subject.outside()}`;
    expect(ALL_NEEDLES.filter((needle) => haystack.includes(needle))).toEqual([]);
  });

  it("reads again text that was indexed before contents were scanned", async () => {
    // An index built by an older version has no redactions record; its text may hold secrets.
    await db()
      .update(schema.documents)
      .set({ redactions: null })
      .where(and(eq(schema.documents.sourceId, sourceId), eq(schema.documents.path, "src/keys.ts")));
    await subject.harness.sync(sourceId);
    expect(await subject.harness.lastJob(sourceId)).toMatchObject({ status: "succeeded", filesIndexed: 1 });
    expect((await documentsByPath()).get("src/keys.ts")).toMatchObject({ outcome: "indexed", redactions: { "private-key": 1 } });
  });
});
