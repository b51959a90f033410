import type { ServerResponse } from 'node:http';

import { send } from './json';

export type FaultKind = 'status429' | 'status503' | 'html502' | 'reset' | 'hang' | 'malformedJson';

/**
 * A fault the server injects. It hits the contacts whose phone number is divisible by
 * `every`, on their first `times` attempts; after that they are answered normally.
 */
export interface Fault {
	kind: FaultKind;
	every?: number;
	times?: number;
	/** Sent with status429 as it is (seconds, or an HTTP date). */
	retryAfter?: string;
	/** Sent with status429 as an HTTP date this many milliseconds after the answer. */
	retryAfterDateMs?: number;
	/** Create the contact first, so the client cannot tell that it succeeded. */
	afterCreate?: boolean;
}

export function faultFor(fault: Fault | undefined, phone: number, attempt: number): Fault | undefined {
	if (!fault || phone % (fault.every ?? 1) !== 0 || attempt > (fault.times ?? 1)) return undefined;
	return fault;
}

/** Faults where Rampwin never got as far as the contact. */
export function injectBefore(fault: Fault, res: ServerResponse): boolean {
	switch (fault.kind) {
		case 'status429':
			res.writeHead(429, {
				'content-type': 'application/json',
				...(fault.retryAfter === undefined ? {} : { 'retry-after': fault.retryAfter }),
				...(fault.retryAfterDateMs === undefined
					? {}
					: { 'retry-after': new Date(Date.now() + fault.retryAfterDateMs).toUTCString() }),
			});
			res.end(JSON.stringify({ success: false, message: 'Too many requests' }));
			return true;
		case 'status503':
			send(res, 503, { success: false, message: 'Service unavailable' });
			return true;
		default:
			return injectAfter(fault, res);
	}
}

/** Faults that can also strike after the contact was stored: the client loses the answer. */
export function injectAfter(fault: Fault, res: ServerResponse): boolean {
	switch (fault.kind) {
		case 'html502':
			res.writeHead(502, { 'content-type': 'text/html' }).end('<html><body><h1>502 Bad Gateway</h1></body></html>');
			return true;
		case 'reset':
			res.socket?.destroy();
			return true;
		case 'hang':
			return true;
		case 'malformedJson':
			res.writeHead(200, { 'content-type': 'application/json' }).end('{"success": true, "data": {"_id": ');
			return true;
		default:
			return false;
	}
}
