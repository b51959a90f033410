import type { IDataObject } from 'n8n-workflow';

import { runRampwin } from '../harness/rampwin-workflow';
import type { RampwinServer } from '../../sandbox/rampwin-server';
import { useRampwinServer } from '../harness/server';

// n8n waits at least a second between tries.
jest.setTimeout(30_000);

let server: RampwinServer;
useRampwinServer((started) => (server = started));

// A valid Indian mobile range: numbers are checked against numbering plans, and +91 0… is none.
const BASE_PHONE = 919000000000;
const valid = (count: number): IDataObject[] =>
	Array.from({ length: count }, (_, index) => ({ phone: BASE_PHONE + index, name: `Contact ${index}` }));
const retryOnFail = { retryOnFail: true, maxTries: 3, waitBetweenTries: 0 };

function sentPhones(): unknown[] {
	return server.requests.map((request) => (request.body as IDataObject).phone_number);
}

describe("n8n's Retry On Fail re-runs the node; nothing is done twice", () => {
	test('a bad first row with Continue On Fail: 20 contacts, 20 requests, 20 successes', async () => {
		const items = [{ phone: 'not a number', name: 'Bad' }, ...valid(20)];
		const { output, run } = await runRampwin({ server, items, continueOnFail: true, settings: retryOnFail });

		// n8n ran the node three times, because the first output item carries json.error.
		expect(run.data.resultData.runData.Rampwin).toHaveLength(1);
		expect(server.contacts.size).toBe(20);
		expect(server.requests).toHaveLength(20);
		expect(new Set(sentPhones()).size).toBe(20);
		expect(output).toHaveLength(21);
		expect(output[0].json.error).toMatch(/Item 0: Phone number "not a number" contains letters/);
		output.slice(1).forEach((item, index) => {
			expect(item.pairedItem).toEqual({ item: index + 1 });
			expect(item.json).toEqual({
				_id: expect.any(String),
				phone_number: BASE_PHONE + index,
				full_name: `Contact ${index}`,
				integration_id: 'chan-1',
			});
		});
	});

	test('the same with the error output: successes stay successes', async () => {
		const items = [{ phone: 'not a number', name: 'Bad' }, ...valid(5)];
		const { output, errorOutput } = await runRampwin({
			server,
			items,
			settings: { ...retryOnFail, onError: 'continueErrorOutput' },
		});
		expect(server.requests).toHaveLength(5);
		expect(output.map((item) => item.pairedItem)).toEqual([1, 2, 3, 4, 5].map((item) => ({ item })));
		expect(errorOutput.map((item) => item.pairedItem)).toEqual([{ item: 0 }]);
	});

	test('without Continue On Fail the node throws and n8n re-runs it: no row is sent twice', async () => {
		const items = [...valid(10), { phone: '123', name: 'Bad' }, ...valid(12).slice(10)];
		const { error } = await runRampwin({ server, items, settings: retryOnFail });
		expect(error?.message).toMatch(/Item 10: Phone number "123" read as \+1 /);
		const phones = sentPhones();
		expect(phones.length).toBeGreaterThanOrEqual(10);
		expect(new Set(phones).size).toBe(phones.length);
		expect(server.requests.every((request) => request.body !== undefined)).toBe(true);
		expect(server.contacts.size).toBe(phones.length);
	});

	test('a re-run after a lost answer still reports "probably created", not a refusal', async () => {
		// The first run loses the answer for the second row and gives up (no node retries);
		// n8n's re-run then hits Rampwin's duplicate check.
		server.fault = { kind: 'reset', afterCreate: true, every: 1, times: 1 };
		const items = [{ phone: 'bad', name: 'Bad' }, ...valid(1)];
		const { output } = await runRampwin({
			server,
			items,
			continueOnFail: true,
			settings: retryOnFail,
			parameters: { options: { maxRetries: 0 } },
		});
		expect(server.contacts.size).toBe(1);
		expect(output[1].json).toMatchObject({ status: 'probablyCreated', phone_number: BASE_PHONE });
	});

	test('nothing is kept between executions, and a refused row is sent again on a re-run', async () => {
		const items = valid(3);
		const once = { ...retryOnFail, maxTries: 2 };
		await runRampwin({ server, items, continueOnFail: true, settings: once });
		expect(server.requests).toHaveLength(3);
		const { output } = await runRampwin({ server, items, continueOnFail: true, settings: once });
		// The second execution sends every row again; Rampwin refuses them, which changed
		// nothing, so n8n's re-run may send them once more.
		expect(server.requests).toHaveLength(9);
		expect(server.contacts.size).toBe(3);
		expect(output.every((item) => /already exists/.test(String(item.json.error)))).toBe(true);
	});
});
