import type { IExecuteFunctions, IN8nHttpFullResponse, INode, NodeApiError } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { isRecord } from '../helpers/values';
import { AdaptiveLimit, Gate } from './concurrency';
import { LoopLag } from './loopLag';
import {
	cancelledError,
	mayHaveBeenCreatedError,
	mayHaveBeenSentError,
	messageOf,
	networkError,
	outageError,
	parseBody,
	statusError,
	type ErrorContext,
} from './errors';
import { keptOpen } from './keepOpen';
import { failureCode, UNKNOWN_FAILURE } from './network';
import { OutageWatch } from './outage';
import { connect, request, type Connection, type RampwinContext } from './request';
import { backoffDelay, classify, parseRetryAfter, UNCERTAIN_STATUSES, type AttemptOutcome } from './retry';
import type { Delivery, RampwinRequest, Sender, SendResult, TransportOptions } from './types';

export { runPool } from './concurrency';
export type { Delivery, RampwinRequest, SendResult, TransportOptions } from './types';
export type { RampwinContext } from './request';

/** Attempts of a single call from a trigger's webhook methods, for a passing 429, 5xx or refused connection. */
const SINGLE_CALL_ATTEMPTS = 3;

/** How often items waiting for an outage to pass look again. */
const OUTAGE_POLL_MS = 200;

/** How often new items look again while the first probe of a possible outage is out. */
const SUSPECT_POLL_MS = 20;

/** The credential test's request: an empty contact, which Rampwin refuses as invalid, creating nothing. */
const PROBE: RampwinRequest = {
	method: 'POST',
	path: '/api/contacts',
	body: {},
	safety: 'idempotent',
	refused: { subject: 'the probe', badRequestHint: '' },
};

/**
 * Every call of a node run goes through here: it owns timeouts, retries, how many requests
 * are in flight, the messages' pace and riding out outages.
 */
export class RampwinTransport {
	readonly limit: AdaptiveLimit;

	readonly gate: Gate;

	private pausedUntil = 0;

	/** When the next `once` request may start, under `maxPerSecond`. */
	private nextSlot = 0;

	private readonly outage: OutageWatch;

	private readonly loopLag = new LoopLag();

	/** The node, read once: n8n's getNode() copies it on every call. */
	private readonly node: INode;

	private constructor(
		private readonly ctx: IExecuteFunctions,
		private readonly connection: Connection,
		readonly options: TransportOptions,
		/** Every attempt and probe of the run, through n8n's helper or kept-open connections. */
		private readonly sender: Sender,
	) {
		this.node = ctx.getNode();
		this.limit = new AdaptiveLimit(options.maxConcurrency);
		this.gate = new Gate(() => this.limit.current);
		this.outage = new OutageWatch(options.maxWait, connection.baseUrl, {
			answers: async () => await this.answers(),
			wait: async (ms) => await this.wait(ms),
			cancelled: () => this.cancelled,
			resumed: () => this.limit.restart(),
			log: (level, message) => this.ctx.logger[level](message, { node: this.node.name }),
		});
	}

	static async create(ctx: IExecuteFunctions, options: TransportOptions): Promise<RampwinTransport> {
		const connection = await connect(ctx);
		const sender: Sender = options.keepConnectionsOpen === true
			? await keptOpen(ctx, connection)
			: async (call, timeout) => await request(ctx, connection, call, timeout);
		return new RampwinTransport(ctx, connection, options, sender);
	}

	get baseUrl(): string {
		return this.connection.baseUrl;
	}

	/**
	 * Milliseconds until a new item may start: a Retry-After pause, the messages' pace, or
	 * (checked again every few hundred ms) an outage, or one that a probe is checking.
	 */
	pauseRemaining(): number {
		const outage = this.outage.waiting ? OUTAGE_POLL_MS : this.outage.suspected ? SUSPECT_POLL_MS : 0;
		return Math.max(0, this.pausedUntil - Date.now(), this.nextSlot - Date.now(), outage);
	}

	get cancelled(): boolean {
		return this.ctx.getExecutionCancelSignal?.()?.aborted === true;
	}

	/** The run is over: stops probing and watching the loop. */
	close(): void {
		this.outage.close();
		this.loopLag.stop();
	}

	/**
	 * Sends one request (after its `before` request, and followed by its further pages, if
	 * any), retrying what its safety allows; throws NodeApiError when it gives up.
	 * `delivery` keeps what is settled, so a re-run with the same delivery repeats nothing
	 * that already succeeded or may have.
	 */
	async send(call: RampwinRequest, itemIndex: number, delivery: Delivery = {}): Promise<SendResult> {
		if (delivery.failure) throw delivery.failure;
		if (delivery.result) return delivery.result;
		if (call.before) {
			delivery.before ??= await this.deliver(call.before.request, itemIndex, {});
			call.before.apply(delivery.before);
		}
		const result = await this.deliver(call, itemIndex, delivery);
		delivery.result = call.nextPage && result.outcome === 'ok' ? await this.morePages(call, result.body, itemIndex) : result;
		return delivery.result;
	}

	private async morePages(call: RampwinRequest, first: unknown, itemIndex: number): Promise<SendResult> {
		const pages = [first];
		for (let next = call.nextPage?.(first, 1); next !== undefined; ) {
			const page = await this.deliver(next, itemIndex, {});
			if (page.outcome !== 'ok') return page;
			pages.push(page.body);
			next = call.nextPage?.(page.body, pages.length);
		}
		return { outcome: 'ok', body: first, pages };
	}

	private async deliver(call: RampwinRequest, itemIndex: number, delivery: Delivery): Promise<SendResult> {
		const at: ErrorContext = { node: this.node, baseUrl: this.baseUrl, request: call, itemIndex };
		// Retries used. A failure while Rampwin struggles costs a third of one, and one during
		// an outage costs nothing: those are Rampwin's trouble, not the item's. A 429 costs a
		// third at most (classify's costAtMost).
		let spent = 0;
		let failure: NodeApiError | undefined;
		for (let attempt = 0; ; attempt++) {
			while (this.outage.waiting && !this.cancelled) await this.wait(OUTAGE_POLL_MS);
			const gaveUpAfter = this.outage.gaveUpAfter;
			if (gaveUpAfter !== undefined) throw outageError(at, gaveUpAfter, delivery.lostAttempt);
			if (this.cancelled) throw failure ?? cancelledError(at);
			// No await before acquire() when nothing is paused: the pool relies on the place
			// being taken synchronously.
			const delay = this.startDelay(call);
			if (delay > 0) await this.wait(delay);

			// A cancel that comes while this item waits for its place sends nothing.
			await this.gate.acquire();
			if (this.cancelled) {
				this.gate.release();
				throw failure ?? cancelledError(at);
			}

			// The round trip is timed from the place at the gate, not from the wait for it.
			let rtt = 0;
			const sent = { at: Date.now() };
			const { response, outcome, body } = await ended(async () => {
				const timed = await this.attempt(call, sent);
				rtt = timed.rtt;
				return timed.response;
			});

			const verdict = classify(outcome, call.safety, delivery.lostAttempt !== undefined);
			const { lostAttempt } = delivery;
			// The first attempt whose answer was lost is the one most likely to have done the work.
			if (verdict.lost !== undefined) delivery.lostAttempt ??= verdict.lost;
			if (verdict.health !== undefined) this.outage.record(verdict.health, attempt === 0, verdict.what, sent.at);
			// A 429 is Rampwin pacing us (its health counts as 'other'): when it was sent matters.
			if (verdict.overloadHold !== undefined) this.limit.onOverload(Date.now(), verdict.overloadHold, verdict.health === 'other' ? sent.at : undefined);
			if (verdict.pause !== undefined) this.pausedUntil = Math.max(this.pausedUntil, Date.now() + verdict.pause);

			if (verdict.decision === 'done') {
				this.limit.onSuccess(rtt, Date.now(), this.loopLag.ms);
				return { outcome: 'ok', body };
			}
			if (verdict.decision === 'probablyDone') {
				return { outcome: 'probablyDone', message: messageOf(body), lostAttempt: lostAttempt ?? '' };
			}
			failure = failureOf(outcome, response, { ...at, retries: attempt });
			if (verdict.decision === 'mayHaveBeenSent') {
				delivery.failure = mayHaveBeenSentError(failure, itemIndex);
				throw delivery.failure;
			}
			if (verdict.decision === 'giveUp' || !this.mayRetry(spent, verdict.waitsOutOutage)) {
				const lost = delivery.lostAttempt;
				throw lost !== undefined && call.safety === 'naturalKey' ? mayHaveBeenCreatedError(failure, at, lost) : failure;
			}
			spent += verdict.rampwinTrouble ? Math.min(this.outage.retryCost(), verdict.costAtMost ?? 1) : 1;
			if (!verdict.rampwinTrouble || !this.outage.confirmed) await this.wait(verdict.wait ?? backoffDelay(attempt));
		}
	}

	/**
	 * Whether another attempt is allowed: within Max Retries, or past them while an outage is
	 * open (the item waits for it instead).
	 */
	private mayRetry(spent: number, waitsOutOutage: boolean): boolean {
		if (this.cancelled) return false;
		// Thirds add up to a hair under whole numbers: six of them come to 1.9999999999999998.
		return spent < this.options.maxRetries - 1e-9 || (waitsOutOutage && this.outage.confirmed);
	}

	/** One probe: whether Rampwin answered as itself, i.e. anything but a gateway error or no answer. */
	private async answers(): Promise<boolean> {
		try {
			const response = await this.sender(PROBE, Math.min(this.options.timeout, 10_000));
			return !UNCERTAIN_STATUSES.has(response.statusCode) && response.statusCode !== 503;
		} catch {
			return false;
		}
	}

	/** Milliseconds before this attempt may start; reserves the start when messages are paced. */
	private startDelay(call: RampwinRequest): number {
		const now = Date.now();
		const paused = Math.max(0, this.pausedUntil - now);
		const perSecond = this.options.maxPerSecond;
		if (call.safety !== 'once' || perSecond === undefined) return paused;
		const slot = Math.max(now + paused, this.nextSlot);
		this.nextSlot = slot + 1000 / perSecond;
		return slot - now;
	}

	/** One request, in the place at the gate taken for it, given back when it ends; `sent.at` says when it left. */
	private async attempt(call: RampwinRequest, sent: { at: number }): Promise<{ response: IN8nHttpFullResponse; rtt: number }> {
		this.loopLag.start();
		const started = Date.now();
		sent.at = started;
		try {
			const response = await this.sender(call, this.options.timeout);
			return { response, rtt: Date.now() - started };
		} finally {
			this.gate.release();
		}
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
}

/**
 * One call outside a node run, such as registering a trigger's webhook: the same texts and
 * retry rules as the transport's, a few attempts, no pool and no outage watch. Returns
 * Rampwin's answer; throws NodeApiError when Rampwin refuses or cannot be reached.
 */
export async function callRampwin(ctx: RampwinContext, call: RampwinRequest, timeout = 30_000): Promise<unknown> {
	const connection = await connect(ctx);
	for (let attempt = 0; ; attempt++) {
		const { response, outcome, body } = await ended(async () => await request(ctx, connection, call, timeout));
		const verdict = classify(outcome, call.safety, false);
		if (verdict.decision === 'done') return body;
		const failure = failureOf(outcome, response, { node: ctx.getNode(), baseUrl: connection.baseUrl, request: call, retries: attempt });
		if (verdict.decision !== 'retry' || attempt + 1 >= SINGLE_CALL_ATTEMPTS) throw failure;
		await sleep(Math.min(verdict.wait ?? backoffDelay(attempt), 5_000));
	}
}

interface Ended {
	outcome: AttemptOutcome;
	/** Rampwin's answer, when there was one, and its body parsed where it is JSON. */
	response?: IN8nHttpFullResponse;
	body?: unknown;
}

/** How an attempt ended: Rampwin's answer, or the network code of the failure to get one. */
async function ended(attempt: () => Promise<IN8nHttpFullResponse>): Promise<Ended> {
	let response: IN8nHttpFullResponse;
	try {
		response = await attempt();
	} catch (error) {
		return { outcome: { kind: 'network', code: failureCode(error) } };
	}
	const body = parseBody(response.body);
	const retryAfter = parseRetryAfter(response.headers?.['retry-after'], Date.now());
	return { response, body, outcome: { kind: 'answer', status: response.statusCode, json: isRecord(body), retryAfter } };
}

/** The error for an attempt that did not succeed. */
function failureOf(outcome: AttemptOutcome, response: IN8nHttpFullResponse | undefined, at: ErrorContext): NodeApiError {
	if (outcome.kind === 'network' || response === undefined) {
		return networkError(outcome.kind === 'network' ? outcome.code : UNKNOWN_FAILURE, at);
	}
	return statusError(response, at, outcome.status < 300 ? 'Rampwin answered with something that is not JSON' : undefined);
}
