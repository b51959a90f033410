import { classify, MAX_RETRY_AFTER_MS, type AttemptOutcome, type Decision } from '../../nodes/Rampwin/transport/retry';
import type { RetrySafety } from '../../nodes/Rampwin/transport/types';

const answer = (status: number, extra: Partial<Extract<AttemptOutcome, { kind: 'answer' }>> = {}): AttemptOutcome => ({
	kind: 'answer',
	status,
	json: true,
	...extra,
});
const network = (code: string): AttemptOutcome => ({ kind: 'network', code });

// [outcome, decision for idempotent, naturalKey, once]
const decisions: Array<[string, AttemptOutcome, Decision, Decision, Decision]> = [
	['200 with JSON', answer(200), 'done', 'done', 'done'],
	['201 with JSON', answer(201), 'done', 'done', 'done'],
	['200 that is not JSON', answer(200, { json: false }), 'retry', 'retry', 'mayHaveBeenSent'],
	['400', answer(400), 'giveUp', 'giveUp', 'giveUp'],
	['401', answer(401), 'giveUp', 'giveUp', 'giveUp'],
	['404', answer(404), 'giveUp', 'giveUp', 'giveUp'],
	['500', answer(500), 'giveUp', 'giveUp', 'giveUp'],
	['429', answer(429), 'retry', 'retry', 'retry'],
	['429 with Retry-After', answer(429, { retryAfter: 1000 }), 'retry', 'retry', 'retry'],
	['502', answer(502), 'retry', 'retry', 'mayHaveBeenSent'],
	['503', answer(503), 'retry', 'retry', 'mayHaveBeenSent'],
	['503 with Retry-After', answer(503, { retryAfter: 1000 }), 'retry', 'retry', 'retry'],
	['504', answer(504), 'retry', 'retry', 'mayHaveBeenSent'],
	['429 asking for too long a pause', answer(429, { retryAfter: MAX_RETRY_AFTER_MS + 1 }), 'giveUp', 'giveUp', 'giveUp'],
	['ECONNREFUSED', network('ECONNREFUSED'), 'retry', 'retry', 'retry'],
	['EAI_AGAIN', network('EAI_AGAIN'), 'retry', 'retry', 'retry'],
	['ERR_SOCKET_CONNECTION_TIMEOUT', network('ERR_SOCKET_CONNECTION_TIMEOUT'), 'retry', 'retry', 'retry'],
	['ECONNRESET', network('ECONNRESET'), 'retry', 'retry', 'mayHaveBeenSent'],
	['ETIMEDOUT', network('ETIMEDOUT'), 'retry', 'retry', 'mayHaveBeenSent'],
	['ECONNABORTED', network('ECONNABORTED'), 'retry', 'retry', 'mayHaveBeenSent'],
	['EPIPE', network('EPIPE'), 'retry', 'retry', 'mayHaveBeenSent'],
	['ENOTFOUND (never sent, not retried)', network('ENOTFOUND'), 'giveUp', 'giveUp', 'giveUp'],
	['EHOSTUNREACH', network('EHOSTUNREACH'), 'giveUp', 'giveUp', 'giveUp'],
	// Issue 24: no code says how far the request got, so it may have reached Rampwin.
	['a failure with no readable code', network('unknown'), 'retry', 'retry', 'mayHaveBeenSent'],
	['a failed TLS handshake (never sent)', network('EPROTO'), 'giveUp', 'giveUp', 'giveUp'],
	['an untrusted certificate (never sent)', network('DEPTH_ZERO_SELF_SIGNED_CERT'), 'giveUp', 'giveUp', 'giveUp'],
	['a cancelled execution', network('ERR_CANCELED'), 'giveUp', 'giveUp', 'mayHaveBeenSent'],
];

describe('classify: what to do after an attempt, by retry safety', () => {
	const safeties: RetrySafety[] = ['idempotent', 'naturalKey', 'once'];
	test.each(decisions)('%s', (_name, outcome, ...expected) => {
		expect(safeties.map((safety) => classify(outcome, safety, false).decision)).toEqual(expected);
	});

	test('a 400 after a lost answer: probably done for a natural key, a plain refusal otherwise', () => {
		expect(classify(answer(400), 'naturalKey', true).decision).toBe('probablyDone');
		expect(classify(answer(400), 'idempotent', true).decision).toBe('giveUp');
		expect(classify(answer(400), 'once', true).decision).toBe('giveUp');
	});
});

describe('classify: what the attempt says about Rampwin', () => {
	test.each<[string, AttemptOutcome, string | undefined]>([
		['a success', answer(200), 'ok'],
		['a refusal', answer(400), 'ok'],
		['a non-JSON 200', answer(200, { json: false }), 'other'],
		['a 429: pacing, not trouble', answer(429), 'other'],
		['a 503', answer(503), 'outage'],
		['a reset', network('ECONNRESET'), 'outage'],
		['a refused connection', network('ECONNREFUSED'), 'outage'],
		['a name that does not resolve: not counted', network('ENOTFOUND'), undefined],
	])('%s', (_name, outcome, health) => {
		expect(classify(outcome, 'idempotent', false).health).toBe(health);
	});

	test.each<[string, AttemptOutcome, string | undefined]>([
		['a timeout', network('ETIMEDOUT'), 'a timeout'],
		['an aborted request', network('ECONNABORTED'), 'a timeout'],
		['a reset', network('ECONNRESET'), 'a dropped connection (ECONNRESET)'],
		['a 502', answer(502), 'HTTP 502'],
		['a 504', answer(504), 'HTTP 504'],
		['a non-JSON 200', answer(200, { json: false }), 'an answer that was not JSON'],
		['a refused connection: certainly not carried out', network('ECONNREFUSED'), undefined],
		['a 503: not carried out', answer(503), undefined],
		['a 429', answer(429), undefined],
	])('what a lost answer is called: %s', (_name, outcome, lost) => {
		expect(classify(outcome, 'naturalKey', false).lost).toBe(lost);
	});

	test('Retry-After pauses new requests and sets the wait; the limit backs off on every overload answer', () => {
		expect(classify(answer(429, { retryAfter: 2000 }), 'idempotent', false)).toMatchObject({
			pause: 2000,
			wait: 2000,
			overloadHold: 2000,
		});
		const noRetryAfter = classify(answer(503), 'idempotent', false);
		expect([noRetryAfter.overloadHold, noRetryAfter.pause, noRetryAfter.wait]).toEqual([0, undefined, undefined]);
		expect(classify(answer(429, { retryAfter: MAX_RETRY_AFTER_MS + 1 }), 'idempotent', false).pause).toBeUndefined();
		expect(classify(answer(200), 'idempotent', false).overloadHold).toBeUndefined();
	});

	test('only outage-like failures wait out an outage past Max Retries; a 429 and a bad answer do not', () => {
		expect(classify(network('ECONNREFUSED'), 'idempotent', false).waitsOutOutage).toBe(true);
		expect(classify(answer(503), 'idempotent', false).waitsOutOutage).toBe(true);
		expect(classify(answer(429), 'idempotent', false).waitsOutOutage).toBe(false);
		expect(classify(answer(200, { json: false }), 'idempotent', false).waitsOutOutage).toBe(false);
	});

	test("a bad answer always costs a whole retry; Rampwin's trouble costs what its health says", () => {
		expect(classify(answer(200, { json: false }), 'idempotent', false).rampwinTrouble).toBe(false);
		expect(classify(answer(429), 'idempotent', false).rampwinTrouble).toBe(true);
		expect(classify(network('ECONNRESET'), 'idempotent', false).rampwinTrouble).toBe(true);
	});

	test('a 429 caps what its retry costs at a third; other trouble leaves it to the outage watch', () => {
		expect(classify(answer(429), 'idempotent', false).costAtMost).toBeCloseTo(1 / 3);
		expect(classify(answer(503), 'idempotent', false).costAtMost).toBeUndefined();
		expect(classify(network('ECONNRESET'), 'idempotent', false).costAtMost).toBeUndefined();
	});
});
