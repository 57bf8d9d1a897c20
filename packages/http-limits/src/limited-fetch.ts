import { RequestTimeoutError, ResponseTooLargeError } from "./errors";

export interface HttpLimits {
  /**
   * Longest silence from the service, in ms: no response headers, or no body bytes while the body
   * is read, for this long fails the request. An idle limit rather than a total one, so a large
   * download that keeps arriving is never cut, and a hung connection never holds a step.
   */
  timeoutMs: number;
  /** Largest response body accepted, in bytes (after decompression). */
  maxResponseBytes: number;
}

export interface LimitedFetchOptions extends HttpLimits {
  /** Names the service in errors, e.g. "GitHub". */
  service: string;
  /** The fetch underneath (default: the global one). */
  fetch?: typeof fetch;
  /** A per-request cap instead of `maxResponseBytes` (e.g. archives). */
  maxBytesFor?: (url: string) => number;
  /**
   * Whether a response is handed over as a stream (limits enforced while it is consumed) instead
   * of being read to the end inside fetch. Reading inside fetch is the default because some SDKs
   * swallow errors raised while they read a body (Octokit turns a failed JSON read into `""`).
   */
  streamFor?: (url: string) => boolean;
}

const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

/** A fetch that enforces `timeoutMs` and a response size cap on every request made through it. */
export function limitedFetch(options: LimitedFetchOptions): typeof fetch {
  const base = options.fetch ?? globalThis.fetch;
  return async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    const maxBytes = options.maxBytesFor?.(url) ?? options.maxResponseBytes;
    const controller = new AbortController();
    const watchdog = new Watchdog(controller, options.service, options.timeoutMs, url);
    const signal = init?.signal ? AbortSignal.any([init.signal, controller.signal]) : controller.signal;

    watchdog.arm("response");
    let response: Response;
    try {
      response = await base(input, { ...init, signal });
    } catch (error) {
      throw watchdog.reason() ?? error;
    } finally {
      watchdog.disarm();
    }
    const declared = Number(response.headers.get("content-length"));
    if (response.body && Number.isFinite(declared) && declared > maxBytes) {
      const refused = new ResponseTooLargeError(options.service, maxBytes, url);
      await response.body.cancel(refused).catch(() => undefined);
      throw refused;
    }
    if (!response.body) return response;

    const body = limitedBody(response.body, maxBytes, watchdog, () => new ResponseTooLargeError(options.service, maxBytes, url));
    if (options.streamFor?.(url)) return rebuild(response, body);
    const bytes = new Uint8Array(await new Response(body).arrayBuffer());
    return rebuild(response, NULL_BODY_STATUSES.has(response.status) ? null : bytes, bytes.byteLength);
  };
}

/** Aborts the request when its timer runs out; armed only while waiting on the service. */
class Watchdog {
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly controller: AbortController,
    private readonly service: string,
    private readonly timeoutMs: number,
    private readonly url: string,
  ) {}

  arm(phase: "response" | "body"): void {
    this.disarm();
    this.timer = setTimeout(() => this.controller.abort(new RequestTimeoutError(this.service, this.timeoutMs, phase, this.url)), this.timeoutMs);
  }

  disarm(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  abort(reason: Error): void {
    this.disarm();
    this.controller.abort(reason);
  }

  /** The limit that ended the request, if one did (rather than the fetch error it caused). */
  reason(): Error | undefined {
    const reason: unknown = this.controller.signal.reason;
    return this.controller.signal.aborted && reason instanceof Error ? reason : undefined;
  }
}

/**
 * The body, counted and timed as it is read: the timer runs only while a read waits on the
 * service, so a slow consumer (a tarball being unpacked) never counts as a silent server.
 */
function limitedBody(
  source: ReadableStream<Uint8Array>,
  maxBytes: number,
  watchdog: Watchdog,
  tooLarge: () => ResponseTooLargeError,
): ReadableStream<Uint8Array> {
  const reader = source.getReader();
  let received = 0;
  return new ReadableStream<Uint8Array>({
    async pull(stream) {
      watchdog.arm("body");
      let chunk: Awaited<ReturnType<typeof reader.read>>;
      try {
        chunk = await reader.read();
      } catch (error) {
        stream.error(watchdog.reason() ?? error);
        return;
      } finally {
        watchdog.disarm();
      }
      if (chunk.done) return stream.close();
      received += chunk.value.byteLength;
      if (received > maxBytes) {
        const refused = tooLarge();
        watchdog.abort(refused);
        stream.error(refused);
        return;
      }
      stream.enqueue(chunk.value);
    },
    cancel(reason) {
      watchdog.disarm();
      return reader.cancel(reason);
    },
  });
}

function rebuild(response: Response, body: ReadableStream<Uint8Array> | Uint8Array<ArrayBuffer> | null, length?: number): Response {
  const headers = new Headers(response.headers);
  // The body below is already decoded; its old length and encoding no longer describe it.
  headers.delete("content-encoding");
  if (length === undefined) headers.delete("content-length");
  else headers.set("content-length", String(length));
  const rebuilt = new Response(body, { status: response.status, statusText: response.statusText, headers });
  Object.defineProperty(rebuilt, "url", { value: response.url });
  return rebuilt;
}
