import type { IDataObject, IHttpRequestMethods, IN8nHttpFullResponse, NodeApiError } from 'n8n-workflow';

/**
 * How safe it is to send a request again; the operation declares it, the transport applies it.
 * - `idempotent` (upsert, assign, reads): a repeat leaves the same state, so every transient
 *   failure is retried, even one that may have reached Rampwin.
 * - `naturalKey` (create): Rampwin refuses a repeat with 400, so retries cannot duplicate;
 *   a 400 after an attempt whose answer was lost means that attempt probably succeeded.
 * - `once` (sending a message): a repeat reaches the person twice, so it is retried only
 *   when Rampwin certainly did not act on it (the connection never opened, 429, or 503 with
 *   Retry-After). After anything else it fails as "may have been sent", and stays failed.
 */
export type RetrySafety = 'idempotent' | 'naturalKey' | 'once';

export interface RampwinRequest {
	method: IHttpRequestMethods;
	path: string;
	qs?: IDataObject;
	/** JSON, or raw bytes sent with `contentType` (a multipart upload); none for a GET. */
	body?: object;
	contentType?: string;
	safety: RetrySafety;
	/** What a 400 means for this endpoint, for the error the user sees. */
	refused: {
		/** What was refused or not sent, e.g. "the contact". */
		subject: string;
		/** How to fix a 400; may read Rampwin's message. */
		badRequestHint: string | ((apiMessage: string | undefined) => string);
		/** For a create: how to see whether it exists, when its answers were lost. */
		lostCheck?: string;
	};
	/**
	 * A request that must succeed first, such as uploading the file a message sends. `key`
	 * identifies what it sends; `apply` puts its result into this request.
	 */
	before?: { key: string; request: RampwinRequest; apply: (result: SendResult) => void };
	/**
	 * For an answer that comes in pages: the request for the page after `body` (the answer
	 * to page `pages`, counted from 1), or undefined when that was the last one wanted.
	 * Every page is sent under the same gate, retries and outage rules as the first.
	 */
	nextPage?: (body: unknown, pages: number) => RampwinRequest | undefined;
}

/**
 * What is known about one item's delivery across attempts, and across n8n re-running the
 * node (Retry On Fail): an attempt whose answer was lost, and the result once there is one.
 */
export interface Delivery {
	lostAttempt?: string;
	/** The result of the request in `before`, once it succeeded. */
	before?: SendResult;
	result?: SendResult;
	/** A failure that must not be retried, not even by a re-run: the message may have gone out. */
	failure?: NodeApiError;
}

export interface TransportOptions {
	/** Cap on requests in flight; the adaptive limit stays at or below it. */
	maxConcurrency: number;
	/** Cap on `once` requests (messages) started per second; undefined for none. */
	maxPerSecond?: number;
	/** Further attempts after the first, for 429, 502-504 and network failures. */
	maxRetries: number;
	/** Per attempt, in milliseconds. */
	timeout: number;
	/** How long to wait for an outage to pass, in milliseconds, before the items waiting fail. */
	maxWait: number;
	/** Send over Node's fetch, whose pool keeps connections open, instead of n8n's helper. */
	keepConnectionsOpen?: boolean;
}

/**
 * Sends one attempt and returns Rampwin's answer, whatever its status; throws when there is
 * none, with an error whose network code network.ts reads (failureCode).
 */
export type Sender = (call: RampwinRequest, timeout: number) => Promise<IN8nHttpFullResponse>;

export type SendResult =
	/** `pages`: every page's answer in order, the first being `body`, when the request pages. */
	| { outcome: 'ok'; body: unknown; pages?: unknown[] }
	/** A 400 after an attempt whose answer was lost: the earlier attempt probably succeeded. */
	| { outcome: 'probablyDone'; message: string | undefined; lostAttempt: string };

/** How one attempt ended, as far as Rampwin's health goes. */
export type Health = 'ok' | 'outage' | 'other';
