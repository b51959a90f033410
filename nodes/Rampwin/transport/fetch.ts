import type { IDataObject, IN8nHttpFullResponse, INode } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { isRecord } from '../helpers/values';
import { UNKNOWN_FAILURE } from './network';
import type { RampwinRequest } from './types';

/** Where kept-open requests go, and the headers the credential's authenticate() set. */
export interface FetchTarget {
	node: INode;
	baseUrl: string;
	headers: Record<string, string>;
}

/**
 * A request over fetch that got no answer, carrying only its network code where network.ts
 * reads it from the helper's errors (n8n-core 1.x's `httpCode`), so that both paths retry and
 * word it alike. Nothing of the request (its headers hold the API key) is kept.
 */
function noAnswer(node: INode, code: string): NodeApiError {
	return new NodeApiError(node, { networkError: code }, { message: 'The request got no answer', httpCode: code });
}

/** undici's own codes, as the helper (axios over node:http) names the same failures. */
const AS_THE_HELPER: Readonly<Record<string, string>> = {
	// The other side closed the connection, before or after the request went out.
	UND_ERR_SOCKET: 'ECONNRESET',
	UND_ERR_CLOSED: 'ECONNRESET',
	// No connection was made: nothing was sent.
	UND_ERR_CONNECT_TIMEOUT: 'ERR_SOCKET_CONNECTION_TIMEOUT',
	// undici's own limits on an answer, as the helper's timeout.
	UND_ERR_HEADERS_TIMEOUT: 'ECONNABORTED',
	UND_ERR_BODY_TIMEOUT: 'ECONNABORTED',
	// OpenSSL's words for a TLS handshake with something that is not TLS, which Node's
	// https (the helper) reports as EPROTO.
	ERR_SSL_WRONG_VERSION_NUMBER: 'EPROTO',
	ERR_SSL_PACKET_LENGTH_TOO_LONG: 'EPROTO',
};

/**
 * One request with Node's global fetch, whose pool keeps connections open between requests.
 * It sends what request.ts sends through n8n's helper (the same URL, query, body and
 * headers, no redirect followed) and answers the same way: every status is an answer, and
 * a failure to get one throws its network code. `cancel` (the execution's) aborts it in flight.
 */
export async function fetchRequest(
	target: FetchTarget,
	call: RampwinRequest,
	timeout: number,
	cancel: AbortSignal | undefined,
): Promise<IN8nHttpFullResponse> {
	const timer = AbortSignal.timeout(timeout);
	const controller = new AbortController();
	const abort = () => controller.abort();
	timer.addEventListener('abort', abort, { once: true });
	cancel?.addEventListener('abort', abort, { once: true });
	if (cancel?.aborted === true) controller.abort();
	try {
		const response = await fetch(urlOf(target.baseUrl, call), {
			method: call.method,
			headers: {
				accept: 'application/json, text/plain, */*',
				'content-type': call.contentType ?? 'application/json;charset=UTF-8',
				// n8n's helper's own default; an instance's own setting (n8n 2.x) is not readable here.
				'user-agent': 'n8n',
				...target.headers,
			},
			body: bodyOf(call),
			// Not followed, as on the helper path: a POST sent on elsewhere loses its body.
			redirect: 'manual',
			signal: controller.signal,
		});
		const body = await response.text();
		const headers: IDataObject = {};
		response.headers.forEach((value, name) => (headers[name] = value));
		return { body, headers, statusCode: response.status, statusMessage: response.statusText };
	} catch (error) {
		if (cancel?.aborted === true) throw noAnswer(target.node, 'ERR_CANCELED');
		if (timer.aborted) throw noAnswer(target.node, 'ECONNABORTED');
		throw noAnswer(target.node, codeOf(error));
	} finally {
		// Without listeners the timer's signal is left to the garbage collector.
		timer.removeEventListener('abort', abort);
		cancel?.removeEventListener('abort', abort);
	}
}

function urlOf(baseUrl: string, call: RampwinRequest): string {
	const query = new URLSearchParams();
	for (const [name, value] of Object.entries(call.qs ?? {})) {
		if (value !== undefined && value !== null) query.append(name, String(value));
	}
	const search = query.toString();
	return `${baseUrl}${call.path}${search === '' ? '' : `?${search}`}`;
}

/** Raw bytes (a multipart upload) as they are; anything else as JSON; nothing for a GET. */
function bodyOf(call: RampwinRequest): string | Uint8Array | undefined {
	if (call.body === undefined || call.method === 'GET') return undefined;
	return call.body instanceof Uint8Array ? call.body : JSON.stringify(call.body);
}

/**
 * The network code of a failed fetch: undici rejects with "fetch failed" and puts the
 * socket's or DNS's error in `cause`; a failed connection to every address of a host is an
 * AggregateError of them.
 */
export function codeOf(error: unknown): string {
	for (let current: unknown = error, depth = 0; isRecord(current) && depth < 4; depth++) {
		const code = typeof current.code === 'string' && current.code !== '' ? current.code : firstCode(current.errors);
		if (code !== undefined) return AS_THE_HELPER[code] ?? code;
		current = current.cause;
	}
	return UNKNOWN_FAILURE;
}

function firstCode(errors: unknown): string | undefined {
	if (!Array.isArray(errors)) return undefined;
	const first: unknown = errors[0];
	return isRecord(first) && typeof first.code === 'string' && first.code !== '' ? first.code : undefined;
}
