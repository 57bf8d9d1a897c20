import { z } from "zod";
import { parseCron, type CronSchedule } from "./cron";
import { parseDuration } from "./duration";
import { compileExpression, type Expression } from "./expression";

/** Inngest's default when a function sets no `retries`: 4 retries, 5 attempts in all. */
export const DEFAULT_RETRIES = 4;

const concurrencyOption = z.object({
  limit: z.number().int(),
  key: z.string().optional(),
  scope: z.enum(["fn", "env", "account"]).optional(),
});

const functionConfigSchema = z.looseObject({
  id: z.string(),
  name: z.string().optional(),
  triggers: z.array(
    z.union([z.object({ event: z.string(), expression: z.string().optional() }), z.object({ cron: z.string(), jitter: z.string().optional() })]),
  ),
  steps: z.record(
    z.string(),
    z.object({
      runtime: z.object({ url: z.string() }),
      retries: z.object({ attempts: z.number().int().optional() }).optional(),
    }),
  ),
  idempotency: z.string().optional(),
  concurrency: z.union([z.number().int(), concurrencyOption, z.array(concurrencyOption)]).optional(),
  cancel: z.array(z.object({ event: z.string(), if: z.string().optional(), timeout: z.string().optional() })).optional(),
  debounce: z.object({ key: z.string().optional(), period: z.string(), timeout: z.string().optional() }).optional(),
  singleton: z.object({ key: z.string().optional(), mode: z.enum(["skip", "cancel"]) }).optional(),
});

export const registerRequestSchema = z.looseObject({
  url: z.string(),
  appName: z.string(),
  functions: z.array(z.unknown()),
});

/** Options Inngest supports that inngest-local does not; registering them is refused. */
const refusedOptions = ["rateLimit", "throttle", "batchEvents", "priority", "timeouts"] as const;

export interface ConcurrencyRule {
  limit: number;
  scope: "fn" | "env" | "account";
  key?: Expression;
}

export interface FunctionDefinition {
  id: string;
  name: string;
  appName: string;
  url: string;
  retries: number;
  eventTriggers: Array<{ event: string; if?: Expression }>;
  cronTriggers: Array<{ spec: string; schedule: CronSchedule }>;
  concurrency: ConcurrencyRule[];
  idempotency?: Expression;
  cancelOn: Array<{ event: string; if?: Expression; timeoutMs?: number }>;
  debounce?: { key?: Expression; periodMs: number; timeoutMs?: number };
  singleton?: { key?: Expression; mode: "skip" | "cancel" };
}

export class RegistrationError extends Error {
  constructor(functionId: string, reason: string) {
    super(`inngest-local cannot register function "${functionId}": ${reason}`);
    this.name = "RegistrationError";
  }
}

/** Turns one function config from the SDK's sync request into a definition, or throws RegistrationError. */
export function parseFunctionConfig(raw: unknown, appName: string): FunctionDefinition {
  const rawId = typeof raw === "object" && raw !== null && "id" in raw ? String(raw.id) : "<unknown>";
  const parsed = functionConfigSchema.safeParse(raw);
  if (!parsed.success) throw new RegistrationError(rawId, `invalid config: ${parsed.error.message}`);
  const config = parsed.data;
  const fail = (reason: string): never => {
    throw new RegistrationError(config.id, reason);
  };

  for (const option of refusedOptions) {
    if (config[option] !== undefined && config[option] !== null) {
      fail(`"${option}" is not implemented by inngest-local (run on the Inngest dev server to use it)`);
    }
  }
  const step = Object.values(config.steps)[0] ?? fail("no step runtime URL");
  const compile = (source: string, what: string, roots?: string[]) => {
    try {
      return compileExpression(source, roots);
    } catch (err) {
      return fail(`${what}: ${(err as Error).message}`);
    }
  };
  const duration = (value: string, what: string) => {
    try {
      return parseDuration(value);
    } catch (err) {
      return fail(`${what}: ${(err as Error).message}`);
    }
  };

  const eventTriggers: FunctionDefinition["eventTriggers"] = [];
  const cronTriggers: FunctionDefinition["cronTriggers"] = [];
  for (const trigger of config.triggers) {
    if ("event" in trigger) {
      eventTriggers.push({
        event: trigger.event,
        if: trigger.expression ? compile(trigger.expression, "trigger `if`", ["event"]) : undefined,
      });
    } else {
      if (trigger.jitter) fail("cron `jitter` is not implemented");
      try {
        cronTriggers.push({ spec: trigger.cron, schedule: parseCron(trigger.cron) });
      } catch (err) {
        fail((err as Error).message);
      }
    }
  }

  const rawConcurrency = config.concurrency;
  const concurrencyList = rawConcurrency === undefined ? [] : typeof rawConcurrency === "number" ? [{ limit: rawConcurrency }] : [rawConcurrency].flat();
  const concurrency = concurrencyList
    // Inngest treats a limit of 0 as "no limit".
    .filter((rule) => rule.limit > 0)
    .map((rule) => ({
      limit: rule.limit,
      scope: "scope" in rule && rule.scope ? rule.scope : "fn",
      key: "key" in rule && rule.key ? compile(rule.key, "concurrency key", ["event"]) : undefined,
    }));

  return {
    id: config.id,
    name: config.name ?? config.id,
    appName,
    url: step.runtime.url,
    retries: step.retries?.attempts ?? DEFAULT_RETRIES,
    eventTriggers,
    cronTriggers,
    concurrency,
    idempotency: config.idempotency ? compile(config.idempotency, "idempotency", ["event"]) : undefined,
    cancelOn: (config.cancel ?? []).map((cancel) => ({
      event: cancel.event,
      if: cancel.if ? compile(cancel.if, "cancelOn `if`") : undefined,
      timeoutMs: cancel.timeout ? duration(cancel.timeout, "cancelOn timeout") : undefined,
    })),
    debounce: config.debounce && {
      key: config.debounce.key ? compile(config.debounce.key, "debounce key", ["event"]) : undefined,
      periodMs: duration(config.debounce.period, "debounce period"),
      timeoutMs: config.debounce.timeout ? duration(config.debounce.timeout, "debounce timeout") : undefined,
    },
    singleton: config.singleton && {
      key: config.singleton.key ? compile(config.singleton.key, "singleton key", ["event"]) : undefined,
      mode: config.singleton.mode,
    },
  };
}
