import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { runRampwin, type RampwinRunOptions } from '../harness/rampwin-workflow';
import { type RampwinServer, type Fault } from '../../sandbox/rampwin-server';
import { useRampwinServer } from '../harness/server';

// Retries wait for real back-off delays, so these runs take seconds.
jest.setTimeout(60_000);

let server: RampwinServer;
useRampwinServer((started) => (server = started));

const COUNT = 300;
// A valid Indian mobile range: numbers are checked against numbering plans, and +91 0… is none.
const BASE_PHONE = 919000000000;
const contacts = (count = COUNT): IDataObject[] =>
	Array.from({ length: count }, (_, index) => ({ phone: BASE_PHONE + index, name: `Contact ${index}` }));
const key = (index: number) => `chan-1 ${BASE_PHONE + index}`;
const faulted = (every: number, count = COUNT) =>
	Array.from({ length: count }, (_, index) => index).filter((index) => (BASE_PHONE + index) % every === 0);

async function run(options: Partial<RampwinRunOptions> & { retries?: number; timeout?: number; cap?: number }) {
	const items = options.items ?? contacts();
	const result = await runRampwin({
		server,
		items,
		continueOnFail: true,
		...options,
		parameters: {
			options: {
				maxRetries: options.retries ?? 3,
				timeout: options.timeout ?? 5000,
				...(options.cap ? { maxConcurrency: options.cap } : {}),
			},
			...options.parameters,
		},
	});
	expect(result.error).toBeUndefined();
	expectPairedInOrder(result.output, items);
	expect(serialise(result.run)).not.toContain(server.apiKey);
	return result;
}

/** Exactly one output per input, paired to it, in input order. */
function expectPairedInOrder(output: INodeExecutionData[], items: IDataObject[]): void {
	expect(output).toHaveLength(items.length);
	output.forEach((item, index) => {
		expect(item.pairedItem).toEqual({ item: index });
		expect(item.json.full_name).toBe(items[index].name);
	});
}

/** Every valid input is stored exactly once (the server refuses a second copy). */
function expectAllStored(count = COUNT): void {
	expect(server.contacts.size).toBe(count);
	for (let index = 0; index < count; index++) expect(server.contacts.has(key(index))).toBe(true);
}

function attemptsOf(index: number): number {
	return server.attempts.get(key(index)) ?? 0;
}

function requestTimes(index: number): number[] {
	return server.requests
		.filter((request) => (request.body as IDataObject | undefined)?.phone_number === BASE_PHONE + index)
		.map((request) => request.receivedAt);
}

describe('bulk imports under faults, through n8n-core', () => {
	test('latency: every contact created, in order, with bounded concurrency', async () => {
		server.latencyMs = 25;
		const { output } = await run({ cap: 8 });
		expectAllStored();
		expect(output.every((item) => typeof item.json._id === 'string')).toBe(true);
		expect(server.peakInFlight).toBeGreaterThan(1);
		expect(server.peakInFlight).toBeLessThanOrEqual(8);
		expect(server.requests).toHaveLength(COUNT);
	});

	test('429 with Retry-After in seconds: waits at least that long, then succeeds', async () => {
		// Retry-After pauses every new request, so a few hits are enough to show it.
		server.fault = { kind: 'status429', every: 60, retryAfter: '1' };
		await run({});
		expectAllStored();
		const hit = faulted(60);
		expect(hit.length).toBeGreaterThanOrEqual(4);
		for (const index of hit) {
			expect(attemptsOf(index)).toBe(2);
			const [first, second] = requestTimes(index);
			expect(second - first).toBeGreaterThanOrEqual(1000);
		}
	});

	test('429 with Retry-After as an HTTP date is honoured too', async () => {
		const items = contacts(30);
		server.fault = { kind: 'status429', every: 7, retryAfterDateMs: 2000 };
		await run({ items });
		expectAllStored(30);
		const hit = faulted(7, 30);
		expect(hit.length).toBeGreaterThanOrEqual(4);
		for (const index of hit) {
			const [first, second] = requestTimes(index);
			// An HTTP date has whole seconds, so 2 s ahead is at least 1 s ahead.
			expect(second - first).toBeGreaterThanOrEqual(990);
		}
	});

	test('429 without Retry-After backs off and retries within the bound', async () => {
		server.fault = { kind: 'status429', every: 4, times: 2 };
		await run({ retries: 3 });
		expectAllStored();
		for (const index of faulted(4)) expect(attemptsOf(index)).toBe(3);
	});

	test('a 429 costs a third of a retry: five in a row for a contact still save it with Max Retries 3', async () => {
		const items = contacts(40);
		server.fault = { kind: 'status429', every: 4, times: 5, retryAfter: '0' };
		await run({ items, retries: 3 });
		expectAllStored(40);
		const hit = faulted(4, 40);
		expect(hit.length).toBeGreaterThanOrEqual(8);
		for (const index of hit) expect(attemptsOf(index)).toBe(6);
	});

	test('a 429 that never ends still ends the item: three times Max Retries, then the error', async () => {
		const items = contacts(12);
		server.fault = { kind: 'status429', every: 4, times: 1000, retryAfter: '0' };
		const { output } = await run({ items, retries: 2 });
		const hit = faulted(4, 12);
		expect(hit.length).toBeGreaterThanOrEqual(3);
		for (const index of hit) {
			expect(attemptsOf(index)).toBe(7);
			expect(String(output[index].json.error)).toMatch(/429/);
		}
		expect(server.contacts.size).toBe(12 - hit.length);
	});

	test('a redirect is not followed: one request per contact, nothing stored, and the fix names the Base URL', async () => {
		const items = contacts(5);
		server.fault = { kind: 'redirect', every: 1, times: 1000 };
		const { output } = await run({ items });
		expect(server.contacts.size).toBe(0);
		expect(server.requests).toHaveLength(5);
		expect(server.requests.every((request) => request.method === 'POST')).toBe(true);
		for (const item of output) {
			expect(item.json.error).toBe("Rampwin's address sent the request elsewhere (HTTP 301)");
			expect(String(item.json.errorDescription)).toMatch(/Set the Base URL in the Rampwin API credential \(now http:\/\/127\.0\.0\.1:\d+\)/);
		}
	});

	test('503 for a few contacts while Rampwin is otherwise fine: retried, then given up with the count', async () => {
		// Rare, item-specific failures spend the item's own retries (a struggling or unavailable
		// Rampwin does not: see outage.test.ts).
		server.fault = { kind: 'status503', every: 100, times: 10 };
		const { output } = await run({ retries: 2 });
		const hit = new Set(faulted(100));
		expect(server.contacts.size).toBe(COUNT - hit.size);
		for (const index of hit) {
			expect(attemptsOf(index)).toBe(3);
			expect(output[index].json.error).toBe('Rampwin had a server error (HTTP 503)');
			expect(output[index].json.errorDescription).toMatch(/gave up after 3 attempts/);
		}
		for (let index = 0; index < COUNT; index++) if (!hit.has(index)) expect(attemptsOf(index)).toBe(1);
	});

	// A healthy answer must come within the timeout even on a loaded machine (CI runs the
	// end-to-end tests alongside): only the hang needs a short one, and gets 2 s.
	test.each<[string, Fault, number]>([
		['HTML 502 bodies', { kind: 'html502', every: 3 }, 5000],
		['connection resets', { kind: 'reset', every: 3 }, 5000],
		['hangs past the timeout', { kind: 'hang', every: 3 }, 2000],
	])('%s before Rampwin stored anything: retried, every contact created once', async (_what, fault, timeout) => {
		server.fault = fault;
		const { output } = await run({ timeout });
		expectAllStored();
		expect(output.every((item) => typeof item.json._id === 'string')).toBe(true);
		for (const index of faulted(3)) expect(attemptsOf(index)).toBe(2);
	});

	test.each<[string, Fault, RegExp]>([
		['an HTML 502', { kind: 'html502', every: 3, afterCreate: true }, /ended with HTTP 502/],
		['a connection reset', { kind: 'reset', every: 3, afterCreate: true }, /ended with a dropped connection/],
		['a timeout', { kind: 'hang', every: 3, afterCreate: true }, /ended with a timeout/],
		['malformed JSON on 200', { kind: 'malformedJson', every: 3, afterCreate: true }, /ended with an answer that was not JSON/],
	])('%s after Rampwin stored the contact: reported as probably created, never twice', async (_what, fault, lost) => {
		server.fault = fault;
		const { output } = await run({ timeout: 1000 });
		expectAllStored();
		const hit = new Set(faulted(3));
		output.forEach((item, index) => {
			if (hit.has(index)) {
				expect(item.json).toEqual({
					phone_number: BASE_PHONE + index,
					full_name: `Contact ${index}`,
					integration_id: 'chan-1',
					status: 'probablyCreated',
					message: expect.stringMatching(lost) as string,
					apiMessage: 'Contact already exists on this channel',
				});
				expect(item.json.error).toBeUndefined();
			} else {
				expect(item.json._id).toEqual(expect.any(String));
			}
		});
		for (const index of hit) expect(attemptsOf(index)).toBe(2);
	});

	test('a create whose every attempt lost its answer says the contact may exist and how to check', async () => {
		server.fault = { kind: 'reset', every: 1, afterCreate: true, times: 99 };
		const { output } = await run({ items: contacts(2), retries: 2 });
		expectAllStored(2);
		for (const index of [0, 1]) expect(attemptsOf(index)).toBe(3);
		for (const item of output) {
			expect(item.json.error).toBe(
				'Rampwin may have created the contact: an attempt lost its answer, and no later attempt settled it',
			);
			expect(item.json.errorDescription).toMatch(/^An attempt ended with a dropped connection \(ECONNRESET\);.*closed before Rampwin answered \(ECONNRESET\).*Contact › Create or Update/);
		}
	});

	test('400 and 401 are never retried', async () => {
		await run({ items: contacts(20) });
		server.requests.length = 0;
		const duplicate = await run({ items: contacts(20) });
		expect(server.requests).toHaveLength(20);
		expect(duplicate.output.every((item) => /already exists/.test(String(item.json.error)))).toBe(true);

		server.requests.length = 0;
		const wrongKey = await run({ items: contacts(20), apiKey: 'wrong-key-x' });
		expect(server.requests).toHaveLength(20);
		expect(wrongKey.output.every((item) => item.json.error === 'Rampwin rejected the API key (HTTP 401)')).toBe(true);
		expect(serialise(wrongKey.run)).not.toContain('wrong-key-x');
	});

	test('after 429s the node settles near the rate the API accepts', async () => {
		server.latencyMs = 20;
		server.maxInFlight = 4;
		const items = contacts(200);
		await run({ items, retries: 8 });
		expectAllStored(200);
		const rejected = server.requests.length - 200;
		// Without backing off, a cap of 32 against a limit of 4 has most requests refused.
		expect(rejected).toBeLessThan(100);
	});

	test('a cancelled execution starts no new requests', async () => {
		server.latencyMs = 100;
		const result = await runRampwin({
			server,
			items: contacts(200),
			continueOnFail: true,
			cancelAfterMs: 350,
			parameters: { options: { maxConcurrency: 4 } },
		});
		const seen = server.requests.length;
		await new Promise((resolve) => setTimeout(resolve, 500));
		// n8n settles a cancelled run at once: the (at most 4) requests already in flight may
		// reach the server after that, on a busy machine; a node that went on would send dozens.
		expect(server.requests.length - seen).toBeLessThanOrEqual(4);
		expect(seen).toBeLessThan(40);
		expect(result.run.status).toBe('canceled');
	});
});

function serialise(value: unknown): string {
	return JSON.stringify(value, (_key, inner: unknown) =>
		inner instanceof Error ? { ...inner, message: inner.message, stack: inner.stack } : inner,
	);
}
