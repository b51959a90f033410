import type { IDataObject } from 'n8n-workflow';

import { runRampwin, type RampwinRunOptions } from '../harness/rampwin-workflow';
import { type RampwinServer, type Fault } from '../../sandbox/rampwin-server';
import { useRampwinServer } from '../harness/server';

jest.setTimeout(30_000);

let server: RampwinServer;
useRampwinServer((started) => (server = started));

// Six recipients; faults strike the even numbers (every: 2).
const PHONES = [919000000001, 919000000002, 919000000003, 919000000004, 919000000005, 919000000006];
const recipients = (): IDataObject[] => PHONES.map((phone) => ({ phone: `+${phone}`, name: `Contact ${phone}` }));
const hit = (phone: number) => phone % 2 === 0;
const MAY_HAVE_SENT = 'Rampwin may have sent this message; it was not retried so that the contact is not messaged twice';

async function sendAll(options: Partial<Omit<RampwinRunOptions, 'server'>> = {}) {
	const items = options.items ?? recipients();
	const result = await runRampwin({
		server,
		items,
		continueOnFail: true,
		...options,
		parameters: {
			resource: 'message',
			operation: 'sendText',
			text: 'Your order has shipped',
			// 2 s, not less: under CI load (the end-to-end tests run alongside) a 500 ms timeout also cut answers that were on their way.
			options: { timeout: 2000, maxRetries: 3 },
			...options.parameters,
		},
	});
	expect(result.error).toBeUndefined();
	expect(result.output.map((item) => item.pairedItem)).toEqual(items.map((_, item) => ({ item })));
	return result;
}

const delivered = (phone: number) => server.deliveredTo(String(phone)).length;
const attempts = () => server.requests.filter((request) => request.path === '/api/messages/send').length;

describe('a message is never sent twice, through n8n-core', () => {
	test.each<[string, Fault, number]>([
		['a timeout after Rampwin sent it', { kind: 'hang', every: 2, afterCreate: true }, 1],
		['a reset after Rampwin sent it', { kind: 'reset', every: 2, afterCreate: true }, 1],
		['an HTML 502 after Rampwin sent it', { kind: 'html502', every: 2, afterCreate: true }, 1],
		['a 504 after Rampwin sent it', { kind: 'status504', every: 2, afterCreate: true }, 1],
		['a 200 that is not JSON', { kind: 'malformedJson', every: 2, afterCreate: true }, 1],
		['an HTML 502 before Rampwin sent anything', { kind: 'html502', every: 2 }, 0],
		['a 503 without Retry-After', { kind: 'status503', every: 2 }, 0],
	])('%s: not retried, reported as "may have been sent"', async (_what, fault, deliveredToHit) => {
		server.fault = fault;
		const { output } = await sendAll();
		for (const [index, phone] of PHONES.entries()) {
			if (hit(phone)) {
				expect(delivered(phone)).toBe(deliveredToHit);
				expect(output[index].json.error).toBe(MAY_HAVE_SENT);
				expect(output[index].json.errorDescription).toMatch(/Check the chat in Rampwin before you send it again/);
			} else {
				expect(delivered(phone)).toBe(1);
				expect(output[index].json.sent).toBe(true);
			}
		}
		// One attempt per recipient: nothing was retried.
		expect(attempts()).toBe(PHONES.length);
	});

	test.each<[string, Fault]>([
		['429 with Retry-After', { kind: 'status429', every: 2, retryAfter: '1' }],
		['503 with Retry-After', { kind: 'status503', every: 2, retryAfter: '1' }],
	])('%s: Rampwin did not act, so it is retried and sent once', async (_what, fault) => {
		server.fault = fault;
		const started = Date.now();
		const { output } = await sendAll();
		expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
		for (const phone of PHONES) expect(delivered(phone)).toBe(1);
		expect(output.every((item) => item.json.sent === true)).toBe(true);
		expect(attempts()).toBe(PHONES.length + PHONES.filter(hit).length);
	});

	test('a refused connection: the request never left, so it is retried and sent once', async () => {
		await server.refuseConnectionsFor(600);
		const { output } = await sendAll();
		for (const phone of PHONES) expect(delivered(phone)).toBe(1);
		expect(output.every((item) => item.json.sent === true)).toBe(true);
	});

	test("n8n's Retry On Fail re-runs the node; nothing that went out, or may have, goes out again", async () => {
		server.fault = { kind: 'reset', every: 2, afterCreate: true };
		const items = [{ phone: 'not a phone', name: 'Bad first row' }, ...recipients()];
		const { output } = await sendAll({
			items,
			settings: { retryOnFail: true, maxTries: 3, waitBetweenTries: 0 },
		});
		for (const phone of PHONES) expect(delivered(phone)).toBe(1);
		expect(attempts()).toBe(PHONES.length);
		expect(output[0].json.error).toMatch(/contains letters/);
		output.slice(1).forEach((item, index) => {
			expect(item.json.sent ?? item.json.error).toBe(hit(PHONES[index]) ? MAY_HAVE_SENT : true);
		});
	});
});
