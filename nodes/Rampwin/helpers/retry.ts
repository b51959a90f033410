/** Statuses worth another attempt: rate limited, or a gateway or server that is struggling. */
export const RETRY_STATUSES: ReadonlySet<number> = new Set([429, 502, 503, 504]);

/**
 * Statuses after which the request may or may not have been carried out: a gateway that
 * lost the upstream answer, or a timeout behind it.
 */
export const UNCERTAIN_STATUSES: ReadonlySet<number> = new Set([502, 504]);

/** Network failures worth another attempt. */
export const RETRY_CODES: ReadonlySet<string> = new Set([
	'ECONNRESET',
	'ECONNREFUSED',
	'ECONNABORTED',
	'ETIMEDOUT',
	'ESOCKETTIMEDOUT',
	'EPIPE',
	'EAI_AGAIN',
	'ERR_SOCKET_CONNECTION_TIMEOUT',
]);

/** Of those, the ones where the request may have reached Rampwin before the failure. */
export const UNCERTAIN_CODES: ReadonlySet<string> = new Set([
	'ECONNRESET',
	'ECONNABORTED',
	'ETIMEDOUT',
	'ESOCKETTIMEDOUT',
	'EPIPE',
]);

/**
 * Network failures after which the request certainly never reached Rampwin: no connection
 * was made. Only these let a message be tried again.
 */
export const NOT_SENT_CODES: ReadonlySet<string> = new Set([
	'ECONNREFUSED',
	'ENOTFOUND',
	'EAI_AGAIN',
	'EHOSTUNREACH',
	'ENETUNREACH',
	'ERR_SOCKET_CONNECTION_TIMEOUT',
]);

/** Retry-After in seconds or as an HTTP date, in milliseconds from now; undefined if absent or unreadable. */
export function parseRetryAfter(value: unknown, now: number): number | undefined {
	const text = Array.isArray(value) ? value[0] : value;
	if (typeof text !== 'string' && typeof text !== 'number') return undefined;
	const trimmed = String(text).trim();
	if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
	// An HTTP date names its day and month; this also keeps Date.parse from reading "-1" as a year.
	const date = /[a-z]/i.test(trimmed) ? Date.parse(trimmed) : Number.NaN;
	if (Number.isNaN(date)) return undefined;
	return Math.max(0, date - now);
}

/**
 * Exponential backoff with jitter: attempt 0 waits 250–500 ms, attempt 1 500–1000 ms, and so
 * on, up to 15–30 s. Half the delay is random so that many items do not retry in step.
 */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
	const ceiling = Math.min(30_000, 500 * 2 ** attempt);
	return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
