import { createServer } from 'node:net';

import type { RampwinServer } from '../../sandbox/rampwin-server';
import { inventedIncomingMessage } from '../../sandbox/webhooks';
import { useRampwinServer } from '../harness/server';
import { TriggerHarness } from '../harness/trigger';

// The payloads below are the sandbox's invention (Rampwin's reference shows none); the node
// must pass any shape through, so the tests use it only as "some JSON Rampwin might send".

let server: RampwinServer;
useRampwinServer((started) => (server = started));

const ALL_OFF = {
	message_incoming: false,
	message_outgoing: false,
	message_status: false,
	template_update: false,
	channel_update: false,
};

async function activeTrigger(parameters = {}): Promise<TriggerHarness> {
	const trigger = await TriggerHarness.create(server, parameters);
	await trigger.activate();
	return trigger;
}

/** A loopback port that nothing listens on. */
async function closedPort(): Promise<number> {
	const probe = createServer();
	await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
	const { port } = probe.address() as { port: number };
	await new Promise<void>((resolve) => probe.close(() => resolve()));
	return port;
}

describe('Rampwin Trigger: registration', () => {
	test('activation registers the production URL with a secret token and exactly the chosen flags', async () => {
		const trigger = await activeTrigger({ events: ['message_incoming', 'message_status'] });
		expect(server.webhookCalls).toHaveLength(1);
		const [call] = server.webhookCalls;
		expect(call.channel).toBe('chan-1');
		expect(call.events).toEqual({ ...ALL_OFF, message_incoming: true, message_status: true });
		const url = new URL(call.url);
		expect(`${url.origin}${url.pathname}`).toBe(`http://localhost:5678/webhook/${trigger.node.webhookId}/webhook`);
		const token = url.searchParams.get('token') ?? '';
		// At least 128 random bits, URL-safe.
		expect(token).toMatch(/^[A-Za-z0-9_-]{22,}$/);
		expect(Buffer.from(token, 'base64url').length * 8).toBeGreaterThanOrEqual(128);
		const request = server.requests.find((r) => r.path === '/api/integrations/chan-1/setWebhook');
		expect(request?.method).toBe('POST');
		expect(request?.headers['x-api-key']).toBe(server.apiKey);
		expect(request?.body).toEqual({ url: call.url, events: call.events });
	});

	test('the default is incoming messages only', async () => {
		await activeTrigger();
		expect(server.webhookCalls[0].events).toEqual({ ...ALL_OFF, message_incoming: true });
	});

	test('the token is created once and reused on re-activation and on a restart', async () => {
		const trigger = await activeTrigger();
		await trigger.deactivate();
		await trigger.activate();
		await trigger.activate('init');
		expect(server.webhookCalls).toHaveLength(3);
		expect(new Set(server.webhookCalls.map((call) => call.url)).size).toBe(1);
	});

	test('a new call replaces the channel\'s webhook; deactivation sends nothing', async () => {
		const trigger = await activeTrigger();
		const before = server.requests.length;
		await trigger.deactivate();
		expect(server.requests.length).toBe(before);
		expect(server.webhooks.get('chan-1')?.url).toBe(server.webhookCalls[0].url);
	});

	test('manual registration calls nothing', async () => {
		const trigger = await TriggerHarness.create(server, { registration: 'manual' });
		await trigger.activate();
		await trigger.deactivate();
		expect(server.requests).toHaveLength(0);
	});

	test.each([
		['a wrong API key (401)', async () => await TriggerHarness.create(server, {}, { apiKey: 'wrong-key' }), /rejected the API key/],
		[
			'an unknown channel (404)',
			async () => {
				server.channels = new Set(['another-channel']);
				return await TriggerHarness.create(server, {});
			},
			/no such endpoint or channel/,
		],
		[
			'Rampwin down (503 on every attempt)',
			async () => {
				server.fault = { kind: 'status503', times: 10 };
				return await TriggerHarness.create(server, {});
			},
			/server error \(HTTP 503\)/,
		],
	])('activation fails clearly on %s, without the token', async (_name, make, message) => {
		const trigger = await make();
		const error = await trigger.activate().then(
			() => undefined,
			(failure: unknown) => failure as Error & { description?: string },
		);
		expect(error?.message).toMatch(message);
		const token = trigger.staticData['node:Rampwin Trigger'] as { token: string };
		expect(JSON.stringify([error?.message, error?.description])).not.toContain(token.token);
		expect(server.webhooks.size).toBe(0);
	});

	test('activation fails clearly when Rampwin cannot be reached', async () => {
		const baseUrl = `http://127.0.0.1:${await closedPort()}`;
		const unreachable = await TriggerHarness.create(server, {}, { baseUrl });
		await expect(unreachable.activate()).rejects.toThrow(`Could not reach Rampwin at ${baseUrl}`);
	});

	test('a passing 503 is retried, so one blip does not fail the activation', async () => {
		server.fault = { kind: 'status503', times: 1 };
		await activeTrigger();
		expect(server.webhooks.size).toBe(1);
		expect(server.requests.filter((r) => r.path.endsWith('/setWebhook'))).toHaveLength(2);
	});
});

describe('Rampwin Trigger: deliveries', () => {
	test('the right token runs the workflow with the body\'s fields unchanged, and Rampwin gets 200 at once', async () => {
		const trigger = await activeTrigger();
		const event = inventedIncomingMessage('chan-1', '919876543210', 'Hello', 'Asha');
		const answer = await trigger.deliver({ json: event });
		expect(answer.status).toBe(200);
		expect(answer.ran).toBe(true);
		expect(answer.items.map((item) => item.json)).toEqual([event]);
	});

	test('a new node is typeVersion 1.1, and a saved workflow\'s typeVersion 1 trigger takes deliveries alike', async () => {
		const event = inventedIncomingMessage('chan-1', '919876543210', 'Hello', 'Asha');
		const answers = [];
		for (const typeVersion of [undefined, 1]) {
			const trigger = await TriggerHarness.create(server, {}, {}, typeVersion);
			await trigger.activate();
			answers.push({
				typeVersion: trigger.node.typeVersion,
				json: await trigger.deliver({ json: event }),
				text: await trigger.deliver({ body: 'status=read&id=9', contentType: 'application/octet-stream' }),
				stranger: (await trigger.deliver({ token: 'not-the-token', json: event })).status,
			});
		}
		expect(answers.map(({ typeVersion }) => typeVersion)).toEqual([1.1, 1]);
		for (const { json, text, stranger } of answers) {
			expect([json.status, json.ran, json.items.map((item) => item.json)]).toEqual([200, true, [event]]);
			expect([text.status, text.ran, text.items.map((item) => item.json)]).toEqual([200, true, [{ body: 'status=read&id=9' }]]);
			expect(stranger).toBe(401);
		}
	});

	test.each([
		['no token', null],
		['a wrong token', 'not-the-token'],
		['an empty token', ''],
	])('%s is refused with 401 and starts nothing', async (_name, token) => {
		const trigger = await activeTrigger();
		const answer = await trigger.deliver({ token, json: { hello: 'world' } });
		expect(answer.status).toBe(401);
		expect(answer.ran).toBe(false);
	});

	test('a token of the right length but one character off is refused', async () => {
		const trigger = await activeTrigger();
		const token = trigger.registeredToken() ?? '';
		const changed = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
		expect((await trigger.deliver({ token: changed, json: {} })).status).toBe(401);
	});

	test('a body that is not JSON becomes { body: raw text }', async () => {
		const trigger = await activeTrigger();
		const answer = await trigger.deliver({ body: 'status=delivered&id=7', contentType: 'application/x-www-form-urlencoded' });
		expect(answer.items.map((item) => item.json)).toEqual([{ body: 'status=delivered&id=7' }]);
	});

	test('a JSON array gives one item per element', async () => {
		const trigger = await activeTrigger();
		const events = [{ id: 1 }, { id: 2 }, 'three'];
		const answer = await trigger.deliver({ json: events });
		expect(answer.items.map((item) => item.json)).toEqual([{ id: 1 }, { id: 2 }, { body: 'three' }]);
	});

	test('the same delivery twice runs the workflow once', async () => {
		const trigger = await activeTrigger();
		const event = inventedIncomingMessage('chan-1', '919876543210', 'Hello');
		const first = await trigger.deliver({ json: event });
		const again = await trigger.deliver({ json: event });
		expect([first.ran, again.ran]).toEqual([true, false]);
		expect(again.status).toBe(200);
	});

	test('two events that look alike but differ in their body both run', async () => {
		const trigger = await activeTrigger();
		const one = inventedIncomingMessage('chan-1', '919876543210', 'Yes');
		const two = { ...one, message_id: `${String(one.message_id)}-2` };
		const answers = [await trigger.deliver({ json: one }), await trigger.deliver({ json: two })];
		expect(answers.map((answer) => answer.ran)).toEqual([true, true]);
	});

	test('with Ignore Repeats Within at 0, every delivery runs', async () => {
		const trigger = await activeTrigger({ options: { repeatWindow: 0 } });
		const answers = [await trigger.deliver({ json: { a: 1 } }), await trigger.deliver({ json: { a: 1 } })];
		expect(answers.map((answer) => answer.ran)).toEqual([true, true]);
	});

	test('a refused delivery does not count as seen, so the real one still runs', async () => {
		const trigger = await activeTrigger();
		await trigger.deliver({ token: 'wrong', json: { a: 1 } });
		expect((await trigger.deliver({ json: { a: 1 } })).ran).toBe(true);
	});

	test('Include Headers adds the request headers; the token is in no item, header or answer', async () => {
		const trigger = await activeTrigger({ options: { includeHeaders: true } });
		const token = trigger.registeredToken() ?? '';
		const answer = await trigger.deliver({ json: { a: 1 }, headers: { 'x-rampwin-test': 'yes' } });
		expect(answer.items[0].json).toEqual({ a: 1, headers: { 'content-type': 'application/json', 'x-rampwin-test': 'yes' } });
		expect(token.length).toBeGreaterThan(20);
		expect(JSON.stringify([answer.items, answer.response])).not.toContain(token);
		const refused = await trigger.deliver({ token: 'wrong', json: {} });
		expect(JSON.stringify(refused.response)).not.toContain(token);
	});

	test('manual registration with a secret checks it; without one every delivery runs', async () => {
		const guarded = await activeTrigger({ registration: 'manual', secretToken: 'my-own-secret' });
		expect((await guarded.deliver({ token: 'my-own-secret', json: { a: 1 } })).ran).toBe(true);
		expect((await guarded.deliver({ token: 'other', json: { a: 2 } })).status).toBe(401);
		const open = await activeTrigger({ registration: 'manual' });
		expect((await open.deliver({ token: null, json: { a: 3 } })).ran).toBe(true);
	});
});

describe('Rampwin Trigger: testing in the editor', () => {
	test('listening registers the test URL; when it ends, the channel points at the active workflow again', async () => {
		const trigger = await activeTrigger();
		const production = server.webhooks.get('chan-1')?.url;
		await trigger.listenForTest();
		const testUrl = server.webhooks.get('chan-1')?.url ?? '';
		expect(testUrl).toContain('/webhook-test/');
		expect(testUrl).not.toBe(production);
		const answer = await trigger.deliver({ test: true, json: { hello: 'test' } });
		expect(answer.ran).toBe(true);
		await trigger.stopTest();
		expect(server.webhooks.get('chan-1')?.url).toBe(production);
		expect((await trigger.deliver({ json: { after: 'test' } })).ran).toBe(true);
	});

	test('without an active workflow, the end of a test sends nothing', async () => {
		const trigger = await TriggerHarness.create(server, {});
		await trigger.listenForTest();
		const calls = server.webhookCalls.length;
		await trigger.stopTest();
		expect(server.webhookCalls.length).toBe(calls);
	});

	test('a deactivation is never taken for the end of a test, even if n8n reports the workflow inactive', async () => {
		const trigger = await activeTrigger();
		await trigger.listenForTest();
		await trigger.stopTest();
		const calls = server.webhookCalls.length;
		await trigger.deactivate({ reportedActive: false });
		await trigger.listenForTest();
		await trigger.stopTest();
		expect(server.webhookCalls.length).toBe(calls + 1);
		expect(server.webhooks.get('chan-1')?.url).toContain('/webhook-test/');
	});

	test('a test delivery does not make the same production delivery a repeat', async () => {
		const trigger = await activeTrigger();
		await trigger.listenForTest();
		expect((await trigger.deliver({ test: true, json: { same: 1 } })).ran).toBe(true);
		await trigger.stopTest();
		expect((await trigger.deliver({ json: { same: 1 } })).ran).toBe(true);
	});
});
