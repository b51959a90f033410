import type { IN8nHttpFullResponse, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { isRecord } from '../helpers/values';
import { networkWords, UNKNOWN_FAILURE } from './network';
import type { RampwinRequest } from './types';

/** The API answers JSON, but proxies in front of it may answer HTML or plain text. */
export function parseBody(body: unknown): unknown {
	if (typeof body !== 'string') return body;
	try {
		return JSON.parse(body) as unknown;
	} catch {
		return body;
	}
}

/** Rampwin's own words in an answer: its `message`, and the details in `errors` when it has them. */
export function messageOf(body: unknown): string | undefined {
	if (!isRecord(body)) return undefined;
	const message = typeof body.message === 'string' && body.message.trim() !== '' ? body.message.trim() : undefined;
	const details = detailsOf(body.errors);
	if (message !== undefined && details !== undefined) return `${message} (${details})`;
	return message ?? details;
}

/** The reference shows `errors` on a 400 without its contents: a text, a list or an object of them. */
function detailsOf(errors: unknown, depth = 0): string | undefined {
	let text: string | undefined;
	if (typeof errors === 'string') text = errors.trim();
	else if (Array.isArray(errors)) text = errors.map((entry) => detailsOf(entry, depth + 1)).filter(Boolean).join('; ');
	else if (isRecord(errors) && depth < 2) {
		text = Object.entries(errors)
			.map(([key, value]) => {
				const said = detailsOf(value, depth + 1);
				return said === undefined ? undefined : `${key}: ${said}`;
			})
			.filter(Boolean)
			.join('; ');
	} else if (isRecord(errors)) text = JSON.stringify(errors);
	else if (typeof errors === 'number' || typeof errors === 'boolean') text = String(errors);
	if (text === undefined || text === '') return undefined;
	return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

/** 300000 → "5 min", 45000 → "45 s" */
export function duration(ms: number): string {
	const seconds = Math.round(ms / 1000);
	if (seconds < 120) return `${seconds} s`;
	const minutes = Math.round(seconds / 6) / 10;
	return `${minutes} min`;
}

function withRetries(description: string, retries: number): string {
	return retries > 0 ? `${description} (gave up after ${retries + 1} attempts)` : description;
}

function describeStatus(
	status: number,
	apiMessage: string | undefined,
	baseUrl: string,
	refused: RampwinRequest['refused'],
): [message: string, description: string] {
	const said = apiMessage ? `: ${apiMessage}` : '';
	if (status === 400) {
		const { badRequestHint } = refused;
		return [
			`Rampwin refused ${refused.subject}${said}`,
			typeof badRequestHint === 'function' ? badRequestHint(apiMessage) : badRequestHint,
		];
	}
	if (status === 401 || status === 403) {
		return [
			`Rampwin rejected the API key (HTTP ${status})`,
			'Open the Rampwin API credential and paste the API key again from your Rampwin account settings',
		];
	}
	if (status === 404) {
		return [
			`Rampwin has no such endpoint or channel (HTTP 404)${said}`,
			`Check the Base URL in the credential (now ${baseUrl}) and the Channel ID`,
		];
	}
	if (status === 429) {
		return [
			'Rampwin is rate limiting requests (HTTP 429)',
			'Too many requests were sent in a short time; wait a moment and run the workflow again',
		];
	}
	if (status >= 300 && status < 400) {
		// Redirects are not followed: a POST sent on elsewhere arrives as a GET, without its body.
		return [
			`Rampwin's address sent the request elsewhere (HTTP ${status})`,
			`Set the Base URL in the Rampwin API credential (now ${baseUrl}) to the address your Rampwin account uses, e.g. https:// rather than http://`,
		];
	}
	if (status >= 500) {
		return [
			`Rampwin had a server error (HTTP ${status})`,
			'This is usually temporary; try again in a few minutes',
		];
	}
	return [`Rampwin answered with HTTP ${status}${said}`, 'Check the node settings and try again'];
}

export interface ErrorContext {
	node: INode;
	baseUrl: string;
	request: RampwinRequest;
	itemIndex?: number;
	/** Attempts before this one, said in the description. */
	retries?: number;
}

/** An answer Rampwin gave that is not a success; `override` replaces the status text. */
export function statusError(response: IN8nHttpFullResponse, at: ErrorContext, override?: string): NodeApiError {
	const status = response.statusCode;
	const apiMessage = messageOf(parseBody(response.body));
	const [message, description] = describeStatus(status, apiMessage, at.baseUrl, at.request.refused);
	const errorResponse: JsonObject = { httpCode: String(status) };
	if (apiMessage !== undefined) errorResponse.message = apiMessage;
	return new NodeApiError(at.node, errorResponse, {
		message: override ?? message,
		description: withRetries(description, at.retries ?? 0),
		httpCode: String(status),
		itemIndex: at.itemIndex,
	});
}

/**
 * A request that got no answer. Built from the code alone: the request helper's own error
 * carries the request headers, and with them the API key. The code stays out of the message
 * because NodeApiError swaps messages that name a network code for a generic text.
 */
export function networkError(code: string, at: ErrorContext): NodeApiError {
	const { what, fix } = networkWords(code);
	return new NodeApiError(
		at.node,
		{ networkError: code },
		{
			message: `Could not reach Rampwin at ${at.baseUrl}`,
			description: withRetries(`${what}${code === UNKNOWN_FAILURE ? '' : ` (${code})`}. ${fix}.`, at.retries ?? 0),
			itemIndex: at.itemIndex,
		},
	);
}

/**
 * A create whose attempts all failed, at least one after Rampwin may have acted on it: it
 * may exist, so the user is told how to look before running it again.
 */
export function mayHaveBeenCreatedError(failure: NodeApiError, at: ErrorContext, lostAttempt: string): NodeApiError {
	const { subject, lostCheck } = at.request.refused;
	return new NodeApiError(
		at.node,
		{ message: failure.message },
		{
			// No network code in the message: NodeApiError would swap it for a generic text.
			message: `Rampwin may have created ${subject}: an attempt lost its answer, and no later attempt settled it`,
			description: `An attempt ended with ${lostAttempt}; the last: ${failure.message}${failure.description ? ` (${failure.description})` : ''}. ${lostCheck ?? 'Check in Rampwin before you run it again.'}`,
			itemIndex: at.itemIndex,
		},
	);
}

/** The failure of an item whose request had not gone out when the execution was cancelled. */
export function cancelledError(at: ErrorContext): NodeApiError {
	return new NodeApiError(
		at.node,
		{ message: 'Cancelled' },
		{ message: `The execution was cancelled; ${at.request.refused.subject} was not sent`, itemIndex: at.itemIndex },
	);
}

/** The failure of an item left undone when an outage outlasted Max Wait. */
export function outageError(at: ErrorContext, waited: number, lostAttempt: string | undefined): NodeApiError {
	const earlier = lostAttempt ? ` An earlier attempt ended with ${lostAttempt}, so Rampwin may have it already.` : '';
	return new NodeApiError(
		at.node,
		{ message: 'Rampwin unavailable' },
		{
			message: `Rampwin was unavailable for ${duration(waited)}; ${at.request.refused.subject} was not sent`,
			description: `Every request to ${at.baseUrl} failed for longer than Max Wait for Rampwin (in Options).${earlier} Run the workflow again once Rampwin is back; raise Max Wait for Rampwin to wait longer.`,
			itemIndex: at.itemIndex,
		},
	);
}

/**
 * A message whose request may have reached Rampwin: it says so, so that nobody sends it
 * again without looking.
 */
export function mayHaveBeenSentError(error: NodeApiError, itemIndex: number | undefined): NodeApiError {
	return new NodeApiError(
		error.node,
		{ message: error.message },
		{
			message: 'Rampwin may have sent this message; it was not retried so that the contact is not messaged twice',
			description: `${error.message}${error.description ? ` (${error.description})` : ''}. Check the chat in Rampwin before you send it again.`,
			itemIndex,
		},
	);
}
