import { Logger } from '@n8n/backend-common';
import { Container } from '@n8n/di';
import type { IDataObject } from 'n8n-workflow';

import { runRampwin, type RampwinRunOptions } from '../harness/rampwin-workflow';
import type { RampwinServer } from '../../sandbox/rampwin-server';
import { useRampwinServer } from '../harness/server';

// Outages last seconds here, and the node probes with backoff.
jest.setTimeout(60_000);

let server: RampwinServer;
useRampwinServer((started) => (server = started));

// A valid Indian mobile range: numbers are checked against numbering plans, and +91 0… is none.
const BASE_PHONE = 919000000000;
const contacts = (count: number): IDataObject[] =>
	Array.from({ length: count }, (_, index) => ({ phone: BASE_PHONE + index, name: `Contact ${index}` }));

/** n8n's own logger, as n8n-core hands it to nodes; the test only listens to it. */
function listenToLogs() {
	const logger = Container.get(Logger);
	return { warn: jest.spyOn(logger, 'warn'), info: jest.spyOn(logger, 'info') };
}

afterEach(() => jest.restoreAllMocks());

async function run(items: IDataObject[], options: Partial<Omit<RampwinRunOptions, 'server' | 'items'>> = {}) {
	const started = Date.now();
	const result = await runRampwin({ server, items, continueOnFail: true, ...options });
	expect(result.error).toBeUndefined();
	// One output per input, in order.
	expect(result.output.map((item) => item.pairedItem)).toEqual(items.map((_, item) => ({ item })));
	return { ...result, seconds: (Date.now() - started) / 1000 };
}

describe('riding out a Rampwin outage, through n8n-core', () => {
	test('an outage in the middle of a batch: every contact created once, few requests while it lasts', async () => {
		const logs = listenToLogs();
		server.trouble = { outage: { afterRequests: 150, durationMs: 4000 } };
		const items = contacts(500);
		const { output, run: execution } = await run(items, { parameters: { options: { timeout: 3000, maxConcurrency: 32 } } });

		expect(server.contacts.size).toBe(500);
		expect(output.every((item) => typeof item.json._id === 'string')).toBe(true);
		// The (at most 32) requests in flight when it began, a few retries before a probe
		// confirmed it, and a few probes: not the 350 items left × 4 attempts.
		expect(server.troubleMaker?.outageRequests).toBeGreaterThan(0);
		expect(server.troubleMaker?.outageRequests).toBeLessThanOrEqual(60);

		const warned = logs.warn.mock.calls.map(([message]) => String(message));
		const informed = logs.info.mock.calls.map(([message]) => String(message));
		expect(warned).toEqual([expect.stringMatching(/^Rampwin at http:\/\/127\.0\.0\.1:\d+ looks unavailable/)]);
		expect(informed).toContainEqual(expect.stringMatching(/answers again after \d+ s; the node resumes sending/));
		expect(JSON.stringify([warned, informed, execution])).not.toContain(server.apiKey);
	});

	test('a permanent outage: after Max Wait every unfinished item fails with one clear message', async () => {
		server.trouble = { outage: { afterRequests: 0, durationMs: 600_000 } };
		const items = contacts(40);
		const { output, seconds } = await run(items, {
			parameters: { options: { maxWaitForRampwin: 0.05, timeout: 2000 } },
		});
		expect(seconds).toBeLessThan(15);
		expect(server.contacts.size).toBe(0);
		for (const item of output) {
			expect(item.json.error).toBe('Rampwin was unavailable for 3 s; the contact was not sent');
			expect(item.json.errorDescription).toMatch(/failed for longer than Max Wait for Rampwin/);
		}
		expect(server.apiRequests).toBeLessThan(40);
	});

	test('a degraded API failing about 30% of requests: every contact created once, no retry storm', async () => {
		server.trouble = { degraded: true };
		// 150 here to keep the suite quick (each 429 pauses all requests for its Retry-After
		// of 1 s); `npm run bench` runs the 300 of the issue.
		const items = contacts(150);
		const { output } = await run(items);
		expect(output.filter((item) => item.json.error !== undefined)).toEqual([]);
		expect(server.contacts.size).toBe(150);
		// About 150 / 0.7 requests are needed; far fewer than a retry storm would send.
		expect(server.apiRequests).toBeLessThan(300);
	});

	test('cancelling during an outage ends the wait at once', async () => {
		server.trouble = { outage: { afterRequests: 20, durationMs: 600_000 } };
		const started = Date.now();
		const { run: execution } = await runRampwin({
			server,
			items: contacts(200),
			continueOnFail: true,
			cancelAfterMs: 2500,
		});
		expect(Date.now() - started).toBeLessThan(5000);
		expect(execution.status).toBe('canceled');
		const afterCancel = server.requests.filter((request) => request.receivedAt > started + 2600);
		expect(afterCancel).toEqual([]);
	});

	test('messages wait out refused connections (never sent) and go out once', async () => {
		await server.refuseConnectionsFor(3000);
		const items = contacts(12).map((item, index) => ({ ...item, phone: `+91 90000 000${String(index).padStart(2, '0')}` }));
		const { output } = await run(items, {
			parameters: { resource: 'message', operation: 'sendText', text: 'Hello' },
		});
		expect(output.every((item) => item.json.sent === true)).toBe(true);
		expect(server.messages).toHaveLength(12);
		expect(new Set(server.messages.map((message) => message.phone)).size).toBe(12);
	});
});
