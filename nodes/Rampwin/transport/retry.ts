import { describeLost, neverSent, RETRY_CODES, UNCERTAIN_CODES, UNKNOWN_FAILURE } from './network';
import type { Health, RetrySafety } from './types';

/** Rampwin asking for a longer pause than this ends the item instead of stalling the run. */
export const MAX_RETRY_AFTER_MS = 120_000;

/** Statuses worth another attempt: rate limited, or a gateway or server that is struggling. */
const RETRY_STATUSES: ReadonlySet<number> = new Set([429, 502, 503, 504]);

/**
 * Statuses after which the request may or may not have been carried out: a gateway that
 * lost the upstream answer, or a timeout behind it.
 */
export const UNCERTAIN_STATUSES: ReadonlySet<number> = new Set([502, 504]);

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

/** How one attempt ended: an answer (its status, whether its body is JSON, Retry-After), or none. */
export type AttemptOutcome =
	| { kind: 'answer'; status: number; json: boolean; retryAfter?: number }
	| { kind: 'network'; code: string };

/**
 * - `done`: a 2xx with JSON.
 * - `probablyDone`: a 400 for a natural key after an attempt whose answer was lost.
 * - `retry`: worth another attempt, if the item's budget allows.
 * - `giveUp`: fail with this attempt's error.
 * - `mayHaveBeenSent`: fail, and never send again: a message that may have gone out.
 */
export type Decision = 'done' | 'probablyDone' | 'retry' | 'giveUp' | 'mayHaveBeenSent';

interface Verdict {
	decision: Decision;
	/** How the attempt bears on Rampwin's health across items; undefined: it does not count. */
	health?: Health;
	/** Said in the log when failures pile up. */
	what?: string;
	/** The attempt may have been carried out though its answer was lost: how it ended. */
	lost?: string;
	/** Rampwin said it is overloaded: back off, holding the limit down this long. */
	overloadHold?: number;
	/** Rampwin asked for this pause (Retry-After) before any new request. */
	pause?: number;
	/** Wait this long before the retry instead of the usual backoff. */
	wait?: number;
	/** A retry may go past Max Retries while an outage is confirmed: the item waits it out. */
	waitsOutOutage: boolean;
	/**
	 * Rampwin's load or health caused it: a retry costs less while Rampwin struggles and
	 * nothing during an outage, whose own wait replaces the backoff.
	 */
	rampwinTrouble: boolean;
	/**
	 * The most a retry after it costs of Max Retries: a third for a 429, which Rampwin sends
	 * when it did not do the work and wants less, and which runs sharing its limit (several
	 * imports, queue mode's workers) meet several times in a row.
	 */
	costAtMost?: number;
}

/**
 * Turns how an attempt ended into what to do next, under the request's retry safety.
 * `lostEarlier`: an earlier attempt of the same request ended without a usable answer.
 */
export function classify(outcome: AttemptOutcome, safety: RetrySafety, lostEarlier: boolean): Verdict {
	const once = safety === 'once';
	if (outcome.kind === 'network') {
		const { code } = outcome;
		if (code === UNKNOWN_FAILURE) {
			// Nothing says how far the request got: it may have reached Rampwin. Safe requests
			// are tried again, at a whole retry's cost, as a failure of this item, not Rampwin's.
			return {
				decision: once ? 'mayHaveBeenSent' : 'retry',
				health: 'other',
				lost: describeLost(code),
				waitsOutOutage: false,
				rampwinTrouble: false,
			};
		}
		const lost = UNCERTAIN_CODES.has(code) ? describeLost(code) : undefined;
		const retry = once && !neverSent(code) ? 'mayHaveBeenSent' : 'retry';
		if (!RETRY_CODES.has(code)) {
			return { decision: retry === 'retry' ? 'giveUp' : retry, lost, waitsOutOutage: false, rampwinTrouble: false };
		}
		return {
			decision: retry,
			health: 'outage',
			what: `a dropped or refused connection (${code})`,
			lost,
			waitsOutOutage: true,
			rampwinTrouble: true,
		};
	}

	const { status, retryAfter } = outcome;
	if (status >= 200 && status < 300) {
		if (outcome.json) return { decision: 'done', health: 'ok', waitsOutOutage: false, rampwinTrouble: false };
		// Rampwin may well have acted, but its answer cannot be read.
		return {
			decision: once ? 'mayHaveBeenSent' : 'retry',
			health: 'other',
			lost: 'an answer that was not JSON',
			waitsOutOutage: false,
			rampwinTrouble: false,
		};
	}
	if (status === 400 && lostEarlier && safety === 'naturalKey') {
		return { decision: 'probablyDone', health: 'ok', waitsOutOutage: false, rampwinTrouble: false };
	}
	if (!RETRY_STATUSES.has(status)) return { decision: 'giveUp', health: 'ok', waitsOutOutage: false, rampwinTrouble: false };

	// Only a 429, or a 503 that says when to come back, certainly left the request undone.
	const mayHaveReached = status !== 429 && !(status === 503 && retryAfter !== undefined);
	const verdict: Verdict = {
		decision: once && mayHaveReached ? 'mayHaveBeenSent' : 'retry',
		// A 429 is Rampwin pacing us, not Rampwin in trouble.
		health: status === 429 ? 'other' : 'outage',
		what: `HTTP ${status}`,
		lost: UNCERTAIN_STATUSES.has(status) ? `HTTP ${status}` : undefined,
		overloadHold: retryAfter ?? 0,
		waitsOutOutage: status !== 429,
		rampwinTrouble: true,
		costAtMost: status === 429 ? 1 / 3 : undefined,
	};
	if (retryAfter === undefined) return verdict;
	if (retryAfter > MAX_RETRY_AFTER_MS) return { ...verdict, decision: 'giveUp' };
	return { ...verdict, pause: retryAfter, wait: retryAfter };
}
