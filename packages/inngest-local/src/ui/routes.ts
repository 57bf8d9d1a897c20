import type { ApiBackend } from "../api";

export async function handleUi(_request: Request, _path: string, _backend: ApiBackend): Promise<Response | undefined> {
  return undefined;
}
