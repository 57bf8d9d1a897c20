import type { FakeResponse } from "../http/fake-server";

// The two planes answer errors in different shapes, as the real service does: the control plane
// with `{ error: { code, message }, status }`, the data plane with a gRPC-gateway status
// `{ code, message, details }` (code 3 = INVALID_ARGUMENT, 5 = NOT_FOUND, 16 = UNAUTHENTICATED).

const grpcCodes = { 400: 3, 401: 16, 404: 5, 413: 3 } as const;

export function controlError(status: number, code: string, message: string): FakeResponse {
  return { status, body: { error: { code, message }, status } };
}

export function dataError(status: 400 | 401 | 404 | 413, message: string): FakeResponse {
  return { status, body: { code: grpcCodes[status], message, details: [] } };
}

/** A request the fake refuses, with the response it should get. */
export class FakeRejection extends Error {
  constructor(readonly response: FakeResponse) {
    super(typeof response.body === "object" ? JSON.stringify(response.body) : "rejected");
  }
}

export function badRequest(message: string): FakeRejection {
  return new FakeRejection(dataError(400, message));
}
