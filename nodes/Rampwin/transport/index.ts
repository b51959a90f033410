import type {
	ICredentialsDecrypted,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import { AdaptiveLimit, Gate } from '../helpers/concurrency';
import { OutageMonitor, probeDelay, type Health } from '../helpers/outage';
import {
	backoffDelay,
	NOT_SENT_CODES,
	parseRetryAfter,
	RETRY_CODES,
	RETRY_STATUSES,
	UNCERTAIN_CODES,
	UNCERTAIN_STATUSES,
} from '../helpers/retry';

export const CREDENTIAL_TYPE = 'rampwinApi';
export const DEFAULT_BASE_URL = 'https://api.rampwin.com';
/** Rampwin asking for a longer pause than this ends the item instead of stalling the run. */
const MAX_RETRY_AFTER_MS = 120_000;
/** How often items waiting for an outage to pass look again. */
const OUTAGE_POLL_MS = 200;

/**
 * How safe it is to send a request again; the operation declares it, the transport applies it.
 * - `idempotent` (upsert, assign): a repeat leaves the same state, so every transient
 *   failure is retried, even one that may have reached Rampwin.
 * - `naturalKey` (create): Rampwin refuses a repeat with 400, so retries cannot duplicate;
 *   a 400 after an attempt whose answer was lost means that attempt probably succeeded.
 * - `once` (sending a message): a repeat reaches the person twice, so it is retried only
 *   when Rampwin certainly did not act on it (the connection never opened, 429, or 503 with
 *   Retry-After). After anything else it fails as "may have been sent", and stays failed.
 */
export type RetrySafety = 'idempotent' | 'naturalKey' | 'once';

export interface RampwinRequest {
	method: 'POST';
	path: string;
	qs?: IDataObject;
	/** JSON, or raw bytes sent with `contentType` (a multipart upload). */
	body: object;
	contentType?: string;
	safety: RetrySafety;
	/** What a 400 means for this endpoint, for the error the user sees; `hint` may read Rampwin's message. */
	refused: { what: string; hint: string | ((apiMessage: string | undefined) => string) };
	/**
	 * A request that must succeed first, such as uploading the file a message sends. `key`
	 * identifies what it sends; `apply` puts its result into this request.
	 */
	before?: { key: string; request: RampwinRequest; apply: (result: SendResult) => void };
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
}

export type SendResult =
	| { outcome: 'ok'; body: unknown }
	/** A 400 after an attempt whose answer was lost: the earlier attempt probably succeeded. */
	| { outcome: 'probablyDone'; message: string | undefined; lostAttempt: string };

/** The credential test's request: an empty contact, which Rampwin refuses as invalid, creating nothing. */
const PROBE: RampwinRequest = {
	method: 'POST',
	path: '/api/contacts',
	body: {},
	safety: 'idempotent',
	refused: { what: 'the probe', hint: '' },
};

/**
 * Every call to Rampwin goes through here. It owns timeouts, retries and how many requests
 * are in flight. Credentials are read and decrypted once per node run.
 */
export class RampwinTransport {
	readonly limit: AdaptiveLimit;

	readonly gate: Gate;

	private pausedUntil = 0;

	/** When the next `once` request may start, under `maxPerSecond`. */
	private nextSlot = 0;

	/** Rampwin's health across all items: outages and a struggling API. */
	private readonly outage = new OutageMonitor();

	/** Whether a probe confirmed the outage the monitor suspects: then items wait for it. */
	private outageConfirmed = false;

	/** Set once an outage outlasted Max Wait: every item not yet done fails without a request. */
	private gaveUpAfter: number | undefined;

	/** Resolves when the node's run is over, so that no probe outlives it. */
	private readonly closed: Promise<void>;

	private isClosed = false;

	private markClosed: () => void = () => undefined;

	private constructor(
		private readonly ctx: IExecuteFunctions,
		readonly baseUrl: string,
		private readonly credentials: ICredentialsDecrypted,
		readonly options: TransportOptions,
	) {
		this.limit = new AdaptiveLimit(options.maxConcurrency);
		this.gate = new Gate(() => this.limit.current);
		this.closed = new Promise<void>((resolve) => (this.markClosed = resolve));
	}

	static async create(ctx: IExecuteFunctions, options: TransportOptions): Promise<RampwinTransport> {
		const data = await ctx.getCredentials(CREDENTIAL_TYPE);
		const reference = ctx.getNode().credentials?.[CREDENTIAL_TYPE];
		return new RampwinTransport(
			ctx,
			normaliseBaseUrl(ctx, typeof data.baseUrl === 'string' ? data.baseUrl : undefined),
			{ id: reference?.id ?? '', name: reference?.name ?? '', type: CREDENTIAL_TYPE, data },
			options,
		);
	}

	/**
	 * Milliseconds until a new item may start: a Retry-After pause, the messages' pace, or
	 * (checked again every few hundred ms) an outage.
	 */
	pauseRemaining(): number {
		const outage = this.outageConfirmed && this.gaveUpAfter === undefined ? OUTAGE_POLL_MS : 0;
		return Math.max(0, this.pausedUntil - Date.now(), this.nextSlot - Date.now(), outage);
	}

	get cancelled(): boolean {
		return this.ctx.getExecutionCancelSignal?.()?.aborted === true;
	}

	/** The run is over: stops probing. */
	close(): void {
		this.isClosed = true;
		this.markClosed();
	}

	/**
	 * Sends one request (after its `before` request, if any), retrying what its safety allows;
	 * throws NodeApiError when it gives up. `delivery` keeps what is settled, so a re-run
	 * with the same delivery repeats nothing that already succeeded or may have.
	 */
	async send(request: RampwinRequest, itemIndex: number, delivery: Delivery = {}): Promise<SendResult> {
		if (delivery.failure) throw delivery.failure;
		if (delivery.result) return delivery.result;
		if (request.before) {
			delivery.before ??= await this.deliver(request.before.request, itemIndex, {});
			request.before.apply(delivery.before);
		}
		delivery.result = await this.deliver(request, itemIndex, delivery);
		return delivery.result;
	}

	private async deliver(request: RampwinRequest, itemIndex: number, delivery: Delivery): Promise<SendResult> {
		// Retries used. A failure while Rampwin struggles costs a third of one, and one during
		// an outage costs nothing: those are Rampwin's trouble, not the item's.
		let spent = 0;
		let failure: NodeApiError | undefined;
		for (let attempt = 0; ; attempt++) {
			// During a confirmed outage nothing is sent; the waiting ends when it is over.
			while (this.outageConfirmed && this.gaveUpAfter === undefined && !this.cancelled) await this.wait(OUTAGE_POLL_MS);
			if (this.gaveUpAfter !== undefined) throw this.outageError(request, delivery, itemIndex);
			if (this.cancelled) throw failure ?? this.cancelledError(request, itemIndex);
			// No await before acquire() when nothing is paused: the pool relies on the place
			// being taken synchronously.
			const delay = this.startDelay(request);
			if (delay > 0) await this.wait(delay);
			let response: IN8nHttpFullResponse;
			let rtt: number;
			try {
				({ response, rtt } = await this.attempt(request));
			} catch (error) {
				const code = errorCode(error) ?? 'unknown';
				if (UNCERTAIN_CODES.has(code)) delivery.lostAttempt = describeCode(code);
				const uncertain = !NOT_SENT_CODES.has(code);
				failure = this.networkError(code, itemIndex, attempt);
				if (!RETRY_CODES.has(code)) throw this.giveUp(request, delivery, uncertain, failure, itemIndex);
				this.observe('outage', attempt, `a dropped or refused connection (${code})`);
				if (!this.mayRetry(request, spent, uncertain, true)) throw this.giveUp(request, delivery, uncertain, failure, itemIndex);
				spent += this.retryCost();
				if (!this.outageConfirmed) await this.wait(backoffDelay(attempt));
				continue;
			}

			const status = response.statusCode;
			if (status >= 200 && status < 300) {
				const body = parseBody(response.body);
				if (isObject(body)) {
					this.observe('ok', attempt);
					this.limit.onSuccess(rtt, Date.now());
					return { outcome: 'ok', body };
				}
				// A 2xx whose body is not JSON: Rampwin may well have acted, but we cannot tell.
				this.observe('other', attempt);
				delivery.lostAttempt = 'an answer that was not JSON';
				failure = this.statusError(response, itemIndex, attempt, request, 'Rampwin answered with something that is not JSON');
				if (!this.mayRetry(request, spent, true, false)) throw this.giveUp(request, delivery, true, failure, itemIndex);
				spent++;
				await this.wait(backoffDelay(attempt));
				continue;
			}

			const { lostAttempt } = delivery;
			if (status === 400 && lostAttempt !== undefined && request.safety === 'naturalKey') {
				this.observe('ok', attempt);
				return { outcome: 'probablyDone', message: messageOf(parseBody(response.body)), lostAttempt };
			}
			if (!RETRY_STATUSES.has(status)) {
				this.observe('ok', attempt);
				throw this.statusError(response, itemIndex, attempt, request);
			}

			if (UNCERTAIN_STATUSES.has(status)) delivery.lostAttempt = `HTTP ${status}`;
			const retryAfter = parseRetryAfter(response.headers?.['retry-after'], Date.now());
			// Only a 429, or a 503 that says when to come back, certainly left the request undone.
			const uncertain = status !== 429 && !(status === 503 && retryAfter !== undefined);
			// A 429 is Rampwin pacing us, not Rampwin in trouble.
			this.observe(status === 429 ? 'other' : 'outage', attempt, `HTTP ${status}`);
			this.limit.onOverload(Date.now(), retryAfter ?? 0);
			if (retryAfter !== undefined) {
				if (retryAfter > MAX_RETRY_AFTER_MS) throw this.statusError(response, itemIndex, attempt, request);
				this.pausedUntil = Math.max(this.pausedUntil, Date.now() + retryAfter);
			}
			failure = this.statusError(response, itemIndex, attempt, request);
			if (!this.mayRetry(request, spent, uncertain, status !== 429)) {
				throw this.giveUp(request, delivery, uncertain, failure, itemIndex);
			}
			spent += this.retryCost();
			if (!this.outageConfirmed) await this.wait(retryAfter ?? backoffDelay(attempt));
		}
	}

	/** What the next retry of a transient failure (429 included) costs the item. */
	private retryCost(): number {
		if (this.outageConfirmed) return 0;
		return this.outage.struggling ? 1 / 3 : 1;
	}

	/** Records how an attempt ended; when failures pile up, checks for an outage. */
	private observe(health: Health, attempt: number, what?: string): void {
		if (this.outage.record(health, Date.now(), attempt === 0)) void this.probeUntilBack(what);
	}

	/**
	 * Once failures pile up: probes Rampwin at once, then with backoff up to 30 s, with a
	 * request that creates and sends nothing (the credential test's empty contact, which a
	 * healthy Rampwin refuses with 400). If the first probe gets an answer, there was no
	 * outage: the failures were the items' own, and they keep their usual retries. Otherwise
	 * the outage is confirmed and items wait until a probe gets an answer, or Max Wait ends.
	 */
	private async probeUntilBack(what: string | undefined): Promise<void> {
		const since = this.outage.since ?? Date.now();
		for (let probe = 0; this.outage.open && !this.cancelled && !this.isClosed; probe++) {
			const left = this.options.maxWait - (Date.now() - since);
			if (left <= 0) break;
			if (probe > 0) await Promise.race([this.wait(Math.min(probeDelay(probe - 1), left)), this.closed]);
			if (this.cancelled || this.isClosed || Date.now() - since >= this.options.maxWait) break;
			if (await this.answers()) {
				const lasted = this.outage.close(Date.now());
				if (!this.outageConfirmed) return;
				this.outageConfirmed = false;
				this.limit.restart();
				this.ctx.logger.info(`Rampwin at ${this.baseUrl} answers again after ${duration(lasted)}; the node resumes sending, slowly at first.`, {
					node: this.ctx.getNode().name,
				});
				return;
			}
			if (!this.outageConfirmed) {
				this.outageConfirmed = true;
				this.ctx.logger.warn(
					`Rampwin at ${this.baseUrl} looks unavailable: requests keep failing (the last with ${what ?? 'an error'}). ` +
						`The node stops sending and checks every few seconds whether Rampwin is back, for up to ${duration(this.options.maxWait)}.`,
					{ node: this.ctx.getNode().name },
				);
			}
		}
		if (this.outageConfirmed && !this.cancelled && !this.isClosed) {
			this.gaveUpAfter = Date.now() - since;
			this.ctx.logger.warn(
				`Rampwin at ${this.baseUrl} was still unavailable after ${duration(this.gaveUpAfter)} (Max Wait for Rampwin); the items not yet sent fail.`,
				{ node: this.ctx.getNode().name },
			);
		}
	}

	/** One probe: whether Rampwin answered as itself, i.e. anything but a gateway error or no answer. */
	private async answers(): Promise<boolean> {
		try {
			const response = await this.request(PROBE, Math.min(this.options.timeout, 10_000));
			return !UNCERTAIN_STATUSES.has(response.statusCode) && response.statusCode !== 503;
		} catch {
			return false;
		}
	}

	/** The failure of an item whose request had not gone out when the execution was cancelled. */
	private cancelledError(request: RampwinRequest, itemIndex: number): NodeApiError {
		return new NodeApiError(
			this.ctx.getNode(),
			{ message: 'Cancelled' },
			{ message: `The execution was cancelled; ${request.refused.what} was not sent`, itemIndex },
		);
	}

	/** The failure of an item left undone when an outage outlasted Max Wait. */
	private outageError(request: RampwinRequest, delivery: Delivery, itemIndex: number): NodeApiError {
		const earlier = delivery.lostAttempt
			? ` An earlier attempt ended with ${delivery.lostAttempt}, so Rampwin may have it already.`
			: '';
		return new NodeApiError(
			this.ctx.getNode(),
			{ message: 'Rampwin unavailable' },
			{
				message: `Rampwin was unavailable for ${duration(this.gaveUpAfter ?? this.options.maxWait)}; ${request.refused.what} was not sent`,
				description: `Every request to ${this.baseUrl} failed for longer than Max Wait for Rampwin (in Options).${earlier} Run the workflow again once Rampwin is back; raise Max Wait for Rampwin to wait longer.`,
				itemIndex,
			},
		);
	}

	/**
	 * Whether another attempt is allowed: within Max Retries, or past them while an outage is
	 * open (the item waits for it instead), and never after a message may have gone out.
	 */
	private mayRetry(request: RampwinRequest, spent: number, uncertain: boolean, outageLike: boolean): boolean {
		if (request.safety === 'once' && uncertain) return false;
		if (this.cancelled) return false;
		return spent < this.options.maxRetries || (outageLike && this.outageConfirmed);
	}

	/** Milliseconds before this attempt may start; reserves the start when messages are paced. */
	private startDelay(request: RampwinRequest): number {
		const now = Date.now();
		const paused = Math.max(0, this.pausedUntil - now);
		const perSecond = this.options.maxPerSecond;
		if (request.safety !== 'once' || perSecond === undefined) return paused;
		const slot = Math.max(now + paused, this.nextSlot);
		this.nextSlot = slot + 1000 / perSecond;
		return slot - now;
	}

	/**
	 * The error to throw when an item gives up. For a message whose request may have reached
	 * Rampwin, it says so, and it is kept, so that nothing sends that message again.
	 */
	private giveUp(
		request: RampwinRequest,
		delivery: Delivery,
		uncertain: boolean,
		error: NodeApiError,
		itemIndex: number,
	): NodeApiError {
		if (request.safety !== 'once' || !uncertain) return error;
		delivery.failure = new NodeApiError(
			this.ctx.getNode(),
			{ message: error.message },
			{
				message: 'Rampwin may have sent this message; it was not retried so that the contact is not messaged twice',
				description: `${error.message}${error.description ? ` (${error.description})` : ''}. Check the chat in Rampwin before you send it again.`,
				itemIndex,
			},
		);
		return delivery.failure;
	}

	/** One request, holding a place at the gate while it is in flight. */
	private async attempt(request: RampwinRequest): Promise<{ response: IN8nHttpFullResponse; rtt: number }> {
		await this.gate.acquire();
		const started = Date.now();
		try {
			const response = await this.request(request);
			return { response, rtt: Date.now() - started };
		} finally {
			this.gate.release();
		}
	}

	private async request(request: RampwinRequest, timeout = this.options.timeout): Promise<IN8nHttpFullResponse> {
		const options: IHttpRequestOptions = {
			method: request.method,
			url: `${this.baseUrl}${request.path}`,
			qs: request.qs,
			body: request.body,
			json: true,
			headers: {
				accept: 'application/json, text/plain, */*',
				'content-type': request.contentType ?? 'application/json;charset=UTF-8',
			},
			timeout,
			// Statuses are mapped to clear messages here rather than by the generic handler.
			ignoreHttpStatusErrors: true,
			returnFullResponse: true,
		};
		return (await this.ctx.helpers.httpRequestWithAuthentication.call(this.ctx, CREDENTIAL_TYPE, options, {
			credentialsDecrypted: this.credentials,
		})) as IN8nHttpFullResponse;
	}

	/** Sleeps, but wakes early when the execution is cancelled. */
	async wait(ms: number): Promise<void> {
		if (ms <= 0 || this.cancelled) return;
		const signal = this.ctx.getExecutionCancelSignal?.();
		let onAbort: (() => void) | undefined;
		await Promise.race([
			sleep(ms),
			new Promise<void>((resolve) => {
				onAbort = resolve;
				signal?.addEventListener('abort', onAbort, { once: true });
			}),
		]);
		// Thousands of retries in one run must not pile listeners onto the execution's signal.
		if (onAbort) signal?.removeEventListener('abort', onAbort);
	}

	private statusError(
		response: IN8nHttpFullResponse,
		itemIndex: number,
		retries: number,
		request: RampwinRequest,
		override?: string,
	): NodeApiError {
		const status = response.statusCode;
		const apiMessage = messageOf(parseBody(response.body));
		const [message, description] = describeStatus(status, apiMessage, this.baseUrl, request.refused);
		const errorResponse: JsonObject = { httpCode: String(status) };
		if (apiMessage !== undefined) errorResponse.message = apiMessage;
		return new NodeApiError(this.ctx.getNode(), errorResponse, {
			message: override ?? message,
			description: withRetries(description, retries),
			httpCode: String(status),
			itemIndex,
		});
	}

	private networkError(code: string, itemIndex: number, retries: number): NodeApiError {
		// Built from the code alone: the transport's own error object carries the request
		// headers, and with them the API key. The code stays out of the message because
		// NodeApiError swaps messages that name a network code for a generic text.
		return new NodeApiError(
			this.ctx.getNode(),
			{ networkError: code },
			{
				message: `Could not reach Rampwin at ${this.baseUrl}`,
				description: withRetries(
					`Network error ${code}. Check the Base URL in the Rampwin API credential and that this n8n instance can reach it.`,
					retries,
				),
				itemIndex,
			},
		);
	}
}

/** 300000 → "5 min", 45000 → "45 s" */
function duration(ms: number): string {
	const seconds = Math.round(ms / 1000);
	if (seconds < 120) return `${seconds} s`;
	const minutes = Math.round(seconds / 6) / 10;
	return `${minutes} min`;
}

function withRetries(description: string, retries: number): string {
	return retries > 0 ? `${description} (gave up after ${retries + 1} attempts)` : description;
}

function describeCode(code: string): string {
	return code === 'ECONNABORTED' || code.includes('TIMEDOUT') ? 'a timeout' : `a dropped connection (${code})`;
}

function normaliseBaseUrl(ctx: IExecuteFunctions, baseUrl: string | undefined): string {
	const text = (baseUrl ?? '').trim() || DEFAULT_BASE_URL;
	let url: URL;
	try {
		url = new URL(text);
	} catch {
		url = new URL('invalid:');
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:') {
		throw new NodeOperationError(ctx.getNode(), `The Base URL "${text}" is not a valid web address`, {
			description: `Set the Base URL in the Rampwin API credential to ${DEFAULT_BASE_URL}, or to the address your Rampwin account uses`,
		});
	}
	return text.replace(/\/+$/, '');
}

function describeStatus(
	status: number,
	apiMessage: string | undefined,
	baseUrl: string,
	refused: RampwinRequest['refused'],
): [message: string, description: string] {
	const said = apiMessage ? `: ${apiMessage}` : '';
	if (status === 400) {
		const hint = typeof refused.hint === 'function' ? refused.hint(apiMessage) : refused.hint;
		return [`Rampwin refused ${refused.what}${said}`, hint];
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
	if (status >= 500) {
		return [
			`Rampwin had a server error (HTTP ${status})`,
			'This is usually temporary; try again in a few minutes',
		];
	}
	return [`Rampwin answered with HTTP ${status}${said}`, 'Check the node settings and try again'];
}

/** The API answers JSON, but proxies in front of it may answer HTML or plain text. */
function parseBody(body: unknown): unknown {
	if (typeof body !== 'string') return body;
	try {
		return JSON.parse(body) as unknown;
	} catch {
		return body;
	}
}

function messageOf(body: unknown): string | undefined {
	if (isObject(body) && typeof body.message === 'string' && body.message.trim() !== '') {
		return body.message.trim();
	}
	return undefined;
}

function errorCode(error: unknown): string | undefined {
	for (let current: unknown = error, depth = 0; isObject(current) && depth < 4; depth++) {
		if (typeof current.code === 'string' && current.code !== '') return current.code;
		current = current.cause;
	}
	return undefined;
}

export function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
