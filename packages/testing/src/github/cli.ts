import { parseArgs } from "node:util";
import { FakeGitHub } from "./fake-github";

const USAGE = "usage: fake-github --repo <dir> --port <n> [--owner o] [--name r] [--token t] [--host h]";

/**
 * `fake-github`: serves one repository until killed. The base URL is the first stdout line so a
 * parent process can read it before anything else is printed.
 */
export async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      repo: { type: "string" },
      port: { type: "string", default: "0" },
      owner: { type: "string", default: "acme" },
      name: { type: "string" },
      token: { type: "string", multiple: true },
      host: { type: "string", default: "127.0.0.1" },
    },
  });
  const port = Number(values.port);
  if (!values.repo || !Number.isInteger(port) || port < 0) {
    process.stderr.write(`${USAGE}\n`);
    process.exit(2);
  }
  const fake = await FakeGitHub.start({ repos: [{ dir: values.repo, owner: values.owner, name: values.name }], tokens: values.token ?? [] }, port, values.host);
  process.stdout.write(`${fake.url}\n`);
  const stop = () => void fake.stop().then(() => process.exit(0));
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}
