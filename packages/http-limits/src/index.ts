export { limitedFetch, type HttpLimits, type LimitedFetchOptions } from "./limited-fetch";
export { RequestTimeoutError, ResponseTooLargeError, findHttpLimitError, describeTarget, type HttpLimitError } from "./errors";
