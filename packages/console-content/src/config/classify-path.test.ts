import { describe, expect, it } from "vitest";
import { classifyPath } from "./classify-path";
import { DEFAULT_CONFIG, TributaryConfigSchema, type TributaryConfigInput } from "./schema";

const config = (input: Omit<TributaryConfigInput, "version">) => TributaryConfigSchema.parse({ version: 1, ...input });

describe("classifyPath with the defaults", () => {
  it.each([
    ["src/index.ts", null],
    ["README.md", null],
    ["docs/guide/setup.md", null],
    [".github/workflows/ci.yml", null],
    [".env", "secret"],
    [".env.local", "secret"],
    [".env.example", "secret"],
    ["services/api/.env.production", "secret"],
    ["certs/server.pem", "secret"],
    ["deploy/tls.key", "secret"],
    ["home/.ssh/id_rsa", "secret"],
    ["keys/id_ed25519.pub", "secret"],
    [".npmrc", "secret"],
    [".aws/credentials", "secret"],
    ["config/credentials.json", "secret"],
    [".netrc", "secret"],
    [".envrc", "secret"],
    ["home/.ssh/config", "secret"],
    ["home/.ssh/known_hosts", "secret"],
    ["deploy/.kube/config", "secret"],
    ["ops/staging.kubeconfig", "secret"],
    ["ios/AuthKey_ABC123.p8", "secret"],
    [".yarnrc.yml", "secret"],
    ["packages/a/.npmrc", "secret"],
    [".vault-token", "secret"],
    [".s3cfg", "secret"],
    [".my.cnf", "secret"],
    ["vpn/office.ovpn", "secret"],
    ["certs/client.pfx", "secret"],
    ["certs/client.p12", "secret"],
    ["secrets/credentials.json", "secret"],
    ["gcp/service-account-prod.json", "secret"],
    ["app/acme-firebase-adminsdk-x1y2z-0a1b2c3d4e.json", "secret"],
    [".pgpass", "secret"],
    [".git-credentials", "secret"],
    ["home/.docker/config.json", "secret"],
    [".bash_history", "secret"],
    [".psql_history", "secret"],
    [".config/gh/hosts.yml", "secret"],
    [".gnupg/private-keys-v1.d/a.key", "secret"],
    ["vault/passwords.kdbx", "secret"],
    ["infra/prod.tfvars.json", "secret"],
    [".streamlit/secrets.toml", "secret"],
    ["public/wp-config.php", "secret"],
    [".vscode/sftp.json", "secret"],
    ["src/config.ts", null],
    ["docs/ssh.md", null],
    ["src/kube/config.ts", null],
    ["src/history.ts", null],
    ["yarn.config.cjs", null],
    ["package-lock.json", "lockfile"],
    ["apps/web/pnpm-lock.yaml", "lockfile"],
    ["yarn.lock", "lockfile"],
    ["Cargo.lock", "lockfile"],
    ["go.sum", "lockfile"],
    ["poetry.lock", "lockfile"],
    ["composer.lock", "lockfile"],
    ["Gemfile.lock", "lockfile"],
    ["node_modules/left-pad/index.js", "vendored"],
    ["packages/a/node_modules/x.js", "vendored"],
    ["vendor/github.com/pkg/errors/errors.go", "vendored"],
    ["third_party/zlib/zlib.h", "vendored"],
    ["bower_components/jquery/jquery.js", "vendored"],
    ["dist/index.js", "generated"],
    ["packages/ui/build/out.js", "generated"],
    ["public/app.min.js", "generated"],
    ["public/app.js.map", "generated"],
    ["src/schema.generated.ts", "generated"],
    ["src/__generated__/types.ts", "generated"],
    ["assets/logo.png", "binary"],
    ["assets/LOGO.PNG", "binary"],
    ["docs/manual.pdf", "binary"],
    ["fonts/inter.woff2", "binary"],
  ])("%s → %s", (path, reason) => {
    expect(classifyPath(path, DEFAULT_CONFIG)).toBe(reason);
  });

  it("refuses unsafe paths", () => {
    for (const path of ["../evil", "/etc/passwd", "a/../../b", "a//b", "C:/x", "a\\b"]) {
      expect(classifyPath(path, DEFAULT_CONFIG)).toBe("unsafe-path");
    }
  });
});

describe("classifyPath with a tributary.yml", () => {
  it("indexes only included paths and drops excluded ones", () => {
    const narrow = config({ include: ["src/**", "*.md"], exclude: ["**/*.test.ts"] });
    expect(classifyPath("src/a.ts", narrow)).toBeNull();
    expect(classifyPath("README.md", narrow)).toBeNull();
    expect(classifyPath("scripts/run.sh", narrow)).toBe("excluded");
    expect(classifyPath("src/a.test.ts", narrow)).toBe("excluded");
  });

  it("lets default families be turned off, but never secrets", () => {
    const open = config({ defaults: { vendored: false, generated: false, lockfiles: false, binaries: false } });
    expect(classifyPath("vendor/lib.go", open)).toBeNull();
    expect(classifyPath("dist/a.js", open)).toBeNull();
    expect(classifyPath("yarn.lock", open)).toBeNull();
    expect(classifyPath("a.png", open)).toBeNull();
    expect(classifyPath(".env", open)).toBe("secret");
    expect(classifyPath("server.pem", open)).toBe("secret");
  });
});
