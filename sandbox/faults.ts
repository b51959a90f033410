import type { ServerResponse } from 'node:http';

import { send } from './json';

export type FaultKind =
	| 'status429'
	| 'status503'
	| 'status504'
	| 'html502'
	| 'reset'
	| 'hang'
	| 'malformedJson'
	| 'redirect';

/**
 * A fault the server injects. It hits the requests whose number is divisible by `every`
 * (the phone number for contacts and messages, the first number in the file name for
 * uploads), on their first `times` attempts; after that they are answered normally.
 */
export interface Fault {
	kind: FaultKind;
	every?: number;
	times?: number;
	/** Sent with status429 and status503 as it is (seconds, or an HTTP date). */
	retryAfter?: string;
	/** Sent with status429 and status503 as an HTTP date this many milliseconds after the answer. */
	retryAfterDateMs?: number;
	/**
	 * Strike after the work is done (the contact stored, the message delivered, the file
	 * stored), so the client cannot tell that it succeeded. A create refused as a repeat
	 * loses its answer too, while the fault lasts (`times`).
	 */
	afterCreate?: boolean;
}

export function faultFor(fault: Fault | undefined, number: number, attempt: number): Fault | undefined {
	if (!fault || number % (fault.every ?? 1) !== 0 || attempt > (fault.times ?? 1)) return undefined;
	return fault;
}

/** Answers as the fault says, or not at all; the caller must not answer after it. */
export function inject(fault: Fault, res: ServerResponse): void {
	switch (fault.kind) {
		case 'status429':
			return send(res, 429, { success: false, message: 'Too many requests' }, retryAfter(fault));
		case 'status503':
			return send(res, 503, { success: false, message: 'Service unavailable' }, retryAfter(fault));
		case 'status504':
			// What a load balancer answers when the API behind it took too long.
			res.writeHead(504, { 'content-type': 'text/html' }).end('<html><body><h1>504 Gateway Time-out</h1></body></html>');
			return;
		case 'html502':
			res.writeHead(502, { 'content-type': 'text/html' }).end('<html><body><h1>502 Bad Gateway</h1></body></html>');
			return;
		case 'reset':
			res.socket?.destroy();
			return;
		case 'hang':
			return;
		case 'malformedJson':
			res.writeHead(200, { 'content-type': 'application/json' }).end('{"success": true, "data": {"_id": ');
			return;
		case 'redirect':
			// What a proxy in front of an API answers to plain http:// (invented: Rampwin's
			// reference shows no redirect). The same path, so a client that follows it comes back here.
			res.writeHead(301, { location: res.req.url ?? '/', 'content-type': 'text/html' }).end('<html><body>Moved</body></html>');
			return;
	}
}

function retryAfter(fault: Fault): Record<string, string> {
	if (fault.retryAfterDateMs !== undefined) {
		return { 'retry-after': new Date(Date.now() + fault.retryAfterDateMs).toUTCString() };
	}
	return fault.retryAfter === undefined ? {} : { 'retry-after': fault.retryAfter };
}

/**
 * Trouble that strikes whole stretches of traffic rather than chosen contacts, counted
 * over every API request the server gets (probes included), before any work is done.
 * - `outage`: after `afterRequests` requests, every request fails for `durationMs`, in turn
 *   with 503, a reset and an HTML 502, as a deploy or a fail-over behind a load balancer.
 * - `degraded`: every 7th request gets a 503, every 11th a 429 with Retry-After: 1 and
 *   every 13th a reset: about 30% of requests fail.
 */
export interface Trouble {
	outage?: { afterRequests: number; durationMs: number };
	degraded?: boolean;
}

const OUTAGE_KINDS: readonly FaultKind[] = ['status503', 'reset', 'html502'];

export class TroubleMaker {
	private requests = 0;

	private outageFrom: number | undefined;

	/** Requests answered with a fault while the outage lasted. */
	outageRequests = 0;

	constructor(readonly trouble: Trouble) {}

	/** The fault for the next request, if any. */
	next(now: number): Fault | undefined {
		const number = ++this.requests;
		const { outage, degraded } = this.trouble;
		if (outage && number > outage.afterRequests) {
			this.outageFrom ??= now;
			if (now - this.outageFrom < outage.durationMs) {
				return { kind: OUTAGE_KINDS[this.outageRequests++ % OUTAGE_KINDS.length] };
			}
		}
		if (degraded) {
			if (number % 7 === 0) return { kind: 'status503' };
			if (number % 11 === 0) return { kind: 'status429', retryAfter: '1' };
			if (number % 13 === 0) return { kind: 'reset' };
		}
		return undefined;
	}

	/** When the outage began, once it has. */
	get outageStarted(): number | undefined {
		return this.outageFrom;
	}
}
