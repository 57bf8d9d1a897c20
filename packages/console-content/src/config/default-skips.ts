import type { SkipReason } from "@repo/console-types";

/**
 * What is skipped unless a repository says otherwise. Globs are matched with picomatch
 * (`dot: true`, case-insensitive) against the full path from the repository root.
 */
export type DefaultSkipReason = Extract<SkipReason, "secret" | "lockfile" | "vendored" | "generated" | "binary">;

// Every `.env*` file is a secret, `.env.example` included: a template costs little to leave
// out, while a real key committed under a template's name would be embedded and searchable.
// The rest are files that hold credentials by their name or place (the file signatures of
// gitrob and shhgit, and the files gitleaks' test corpus leaks): key stores, tool config with
// tokens, shell and client histories, deploy and cloud CLI settings. Contents of every other file
// are scanned for secrets and redacted (content/redact-secrets.ts).
const SECRETS = [
  "**/.env",
  "**/.env.*",
  "**/*.env",
  "**/.envrc",
  "**/*.{pem,key,p8,p12,pfx,pkcs12,jks,keystore,ppk,asc,gpg,ovpn,kdb,kdbx,keychain,agilekeychain,kwallet,psafe3,rdp}",
  "**/id_{rsa,dsa,ecdsa,ed25519}*",
  "**/.ssh/**",
  "**/.gnupg/**",
  "**/{.npmrc,.yarnrc,.yarnrc.yml,.pypirc,.netrc,_netrc,.git-credentials,.htpasswd,.pgpass,.dockercfg}",
  "**/{.vault-token,.s3cfg,.boto,.my.cnf,.mylogin.cnf,.terraformrc,terraform.rc}",
  "**/{.*_history,.history}",
  "**/.docker/config.json",
  "**/{.kube/config,kubeconfig,*.kubeconfig}",
  "**/{credentials,credentials.json,credentials.xml,credentials.db,client_secret*.json,service-account*.json,*firebase-adminsdk*.json}",
  "**/{application_default_credentials.json,secrets.{yml,yaml,json,toml}}",
  "**/.aws/{credentials,config}",
  "**/.azure/accessTokens.json",
  "**/.config/{gh/hosts.yml,hub,gcloud/**}",
  "**/{.cargo/credentials,.cargo/credentials.toml,.gem/credentials,.composer/auth.json,.m2/settings.xml,.m2/settings-security.xml,.gradle/gradle.properties}",
  "**/.terraform.d/credentials.tfrc.json",
  "**/{sftp-config.json,.vscode/sftp.json,.ftpconfig,.remote-sync.json,filezilla.xml,recentservers.xml}",
  "**/wp-config.php",
  "**/etc/{shadow,gshadow}",
  "**/*.tfvars",
  "**/*.tfvars.json",
  "**/*.tfstate",
  "**/*.tfstate.backup",
];

const LOCKFILES = [
  "**/{package-lock.json,npm-shrinkwrap.json,pnpm-lock.yaml,yarn.lock,bun.lockb,bun.lock}",
  "**/{Cargo.lock,go.sum,poetry.lock,Pipfile.lock,uv.lock,pdm.lock,composer.lock,Gemfile.lock}",
  "**/{mix.lock,pubspec.lock,Podfile.lock,packages.lock.json,flake.lock,Package.resolved,gradle.lockfile}",
];

const VENDORED_DIRS = [
  "node_modules",
  "vendor",
  "third_party",
  "third-party",
  "thirdparty",
  "bower_components",
  "jspm_packages",
  ".yarn",
  ".pnpm-store",
  "Pods",
  "Carthage",
  ".venv",
  "venv",
  "site-packages",
  ".bundle",
  ".git",
];

const GENERATED_DIRS = ["dist", "build", "out", ".next", ".nuxt", ".turbo", "coverage", "__generated__", "generated", ".cache"];

const GENERATED_FILES = [
  "**/*.min.{js,css,mjs}",
  "**/*.{map,tsbuildinfo}",
  "**/*.generated.*",
  "**/*.g.{cs,dart}",
  "**/*.pb.go",
  "**/*_pb2.py",
  "**/*_pb2_grpc.py",
];

// Files whose extension says the content is not text worth embedding; content sniffing
// (inspect-content.ts) catches binaries with unusual names.
const BINARY_EXTENSIONS = [
  "png",
  "jpg",
  "jpeg",
  "gif",
  "bmp",
  "ico",
  "icns",
  "webp",
  "tif",
  "tiff",
  "psd",
  "ai",
  "heic",
  "avif",
  "pdf",
  "doc",
  "docx",
  "xls",
  "xlsx",
  "ppt",
  "pptx",
  "odt",
  "zip",
  "gz",
  "tgz",
  "bz2",
  "xz",
  "zst",
  "7z",
  "rar",
  "tar",
  "jar",
  "war",
  "ear",
  "apk",
  "dmg",
  "iso",
  "exe",
  "dll",
  "so",
  "dylib",
  "o",
  "a",
  "lib",
  "obj",
  "bin",
  "class",
  "pyc",
  "pyo",
  "wasm",
  "node",
  "woff",
  "woff2",
  "ttf",
  "otf",
  "eot",
  "mp3",
  "mp4",
  "m4a",
  "mov",
  "avi",
  "mkv",
  "webm",
  "wav",
  "flac",
  "ogg",
  "aac",
  "sqlite",
  "sqlite3",
  "db",
  "parquet",
  "avro",
  "npy",
  "npz",
  "pkl",
  "pickle",
  "onnx",
  "pt",
  "pth",
  "h5",
  "safetensors",
];

export const DEFAULT_SKIPS: ReadonlyArray<{ reason: DefaultSkipReason; globs: string[] }> = [
  { reason: "secret", globs: SECRETS },
  { reason: "lockfile", globs: LOCKFILES },
  { reason: "vendored", globs: VENDORED_DIRS.map((dir) => `**/${dir}/**`) },
  { reason: "generated", globs: [...GENERATED_DIRS.map((dir) => `**/${dir}/**`), ...GENERATED_FILES] },
  { reason: "binary", globs: [`**/*.{${BINARY_EXTENSIONS.join(",")}}`] },
];
