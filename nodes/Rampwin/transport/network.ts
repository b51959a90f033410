import { isRecord } from '../helpers/values';

/**
 * Reading a request that got no answer. n8n's request helper wraps the failure in a
 * NodeApiError on both lines, but differently: n8n-core 2.x keeps axios's error as its
 * `cause` (with `code`), while n8n-core 1.x keeps no cause and leaves the code only in
 * `httpCode`. test/fixtures/network-errors/ holds what each line throws.
 */

/** The code of a failure whose cause could not be read: it may have reached Rampwin. */
export const UNKNOWN_FAILURE = 'unknown';

/** A network code, as opposed to an HTTP status in `httpCode`. */
const CODE = /^[A-Z][A-Z0-9_]+$/;

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

const TIMEOUT_CODES: ReadonlySet<string> = new Set([
	'ECONNABORTED',
	'ETIMEDOUT',
	'ESOCKETTIMEDOUT',
	'ERR_SOCKET_CONNECTION_TIMEOUT',
]);

/**
 * Network failures after which the request certainly never reached Rampwin: no connection
 * was made, or its TLS handshake failed before anything was sent. Only these let a
 * message be tried again.
 */
export function neverSent(code: string): boolean {
	return NOT_SENT_CODES.has(code) || isTls(code);
}

const NOT_SENT_CODES: ReadonlySet<string> = new Set([
	'ECONNREFUSED',
	'ENOTFOUND',
	'EAI_AGAIN',
	'EHOSTUNREACH',
	'ENETUNREACH',
	'ERR_SOCKET_CONNECTION_TIMEOUT',
]);

/** A failed TLS handshake: a wrong scheme or port, or a certificate this n8n does not trust. */
function isTls(code: string): boolean {
	return code === 'EPROTO' || /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY/.test(code);
}

/** The network code of a failed request (ECONNRESET …), or UNKNOWN_FAILURE. */
export function failureCode(error: unknown): string {
	for (let current: unknown = error, depth = 0; isRecord(current) && depth < 4; depth++) {
		if (typeof current.code === 'string' && current.code !== '') return current.code;
		current = current.cause;
	}
	if (isRecord(error) && typeof error.httpCode === 'string' && CODE.test(error.httpCode)) return error.httpCode;
	return UNKNOWN_FAILURE;
}

/** What happened, in words, and what to do about it; the code itself is not in them. */
export function networkWords(code: string): { what: string; fix: string } {
	const reach = 'Check the Base URL in the Rampwin API credential and that this n8n instance can reach it';
	if (isTimeout(code)) {
		return {
			what: 'No answer came within the timeout',
			fix: 'Rampwin may be slow or unreachable; raise Timeout (in Options) if it is slow. ' + reach,
		};
	}
	if (isTls(code)) {
		return {
			what: 'The secure connection (TLS) could not be set up, so nothing was sent',
			fix: "Check that the Base URL starts with the scheme your Rampwin address uses (https:// or http://) and that this n8n instance trusts its certificate (NODE_EXTRA_CA_CERTS for your own CA)",
		};
	}
	switch (code) {
		case 'ECONNRESET':
			return { what: 'The connection was closed before Rampwin answered', fix: reach };
		case 'EPIPE':
			return { what: 'The connection was closed while the request was being sent', fix: reach };
		case 'ECONNREFUSED':
			return { what: 'The connection was refused: nothing answers at that address and port', fix: reach };
		case 'ENOTFOUND':
			return { what: 'The host name in the Base URL was not found (DNS)', fix: reach };
		case 'EAI_AGAIN':
			return { what: 'The host name in the Base URL could not be looked up: DNS did not answer', fix: reach };
		case 'EHOSTUNREACH':
		case 'ENETUNREACH':
			return { what: 'The network has no route to the host in the Base URL', fix: reach };
		case 'ERR_CANCELED':
			return { what: 'The execution was cancelled while the request was on its way', fix: 'Run the workflow again when you are ready' };
		case UNKNOWN_FAILURE:
			return { what: 'The request failed without an answer, and n8n gave no reason', fix: reach };
		default:
			return { what: 'The request failed without an answer', fix: reach };
	}
}

/** Whether the code says that no answer came in time. */
export function isTimeout(code: string): boolean {
	return TIMEOUT_CODES.has(code);
}

/** How an attempt whose answer was lost ended, for the "probably done" and "may have" texts. */
export function describeLost(code: string): string {
	if (isTimeout(code)) return 'a timeout';
	if (code === UNKNOWN_FAILURE) return 'a failure with no stated reason';
	return `a dropped connection (${code})`;
}
