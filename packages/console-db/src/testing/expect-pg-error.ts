import { expect } from "vitest";

/** SQLSTATE of a failed query on either driver (drizzle wraps the driver error as `cause`). */
export async function sqlStateOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
  } catch (error) {
    for (let e: unknown = error; e instanceof Error; e = e.cause) {
      if ("code" in e && typeof e.code === "string" && /^[0-9A-Z]{5}$/.test(e.code)) return e.code;
    }
    throw error;
  }
  return undefined;
}

export const UNIQUE_VIOLATION = "23505";
export const CHECK_VIOLATION = "23514";
export const FOREIGN_KEY_VIOLATION = "23503";

export async function expectSqlState(promise: Promise<unknown>, code: string): Promise<void> {
  expect(await sqlStateOf(promise)).toBe(code);
}
