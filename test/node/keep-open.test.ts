import { Logger } from '@n8n/backend-common';
import { Container } from '@n8n/di';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { RampwinServer } from '../../sandbox/rampwin-server';
import { bothPaths, comparable, contacts, eventually, helperGuardsLoopbackInN8n, runPath, serialise, wire } from '../harness/keep-open';
import { useRampwinServer } from '../harness/server';

// Keep Connections Open through n8n-core: the same requests, answers, retries and error texts
// as n8n's request helper, over fewer connections, none left open after the run.
jest.setTimeout(60_000);

let server: RampwinServer;
useRampwinServer((started) => (server = started));

const logged: string[] = [];
beforeEach(() => {
	const logger = Container.get(Logger);
	for (const level of ['error', 'warn', 'info', 'debug'] as const) {
		jest.spyOn(logger, level).mockImplementation((message: string, meta?: object) => void logged.push(serialise([message, meta])));
	}
});
afterEach(() => {
	jest.restoreAllMocks();
	// The key never reaches n8n's log, whatever the test did.
	expect(logged.join('\n')).not.toContain(server.apiKey);
	logged.length = 0;
});

describe('Keep Connections Open through n8n-core', () => {
	test('an import: the same requests and outputs as through the helper, over a connection per request in flight', async () => {
		const items = contacts(120);
		const spec = { items, continueOnFail: true, parameters: { options: { maxConcurrency: 8 } } };
		const { helper, keptOpen } = await bothPaths(server, spec);

		expect(keptOpen.result.error).toBeUndefined();
		expect(keptOpen.result.output).toHaveLength(120);
		expect(keptOpen.result.output.every((item) => typeof item.json._id === 'string')).toBe(true);
		expect(server.contacts.size).toBe(120);
		expect(comparable(keptOpen.result.output)).toEqual(comparable(helper.result.output));
		const sorted = (run: typeof helper) => run.requests.map(wire).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
		expect(sorted(keptOpen)).toEqual(sorted(helper));
		expect(keptOpen.requests[0].headers['x-api-key']).toBe(server.apiKey);

		// The helper opens a connection per request; kept open, about one per request in flight
		// (a next request may start just before the pool has its connection back).
		expect(helper.opened).toBe(120);
		expect(keptOpen.opened).toBeGreaterThan(0);
		expect(keptOpen.opened).toBeLessThanOrEqual(16);
		expect(serialise(keptOpen.result.run)).not.toContain(server.apiKey);
	});

	test('every operation sends what it sends through the helper: query, JSON bodies, a GET, a multipart upload', async () => {
		const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(4096, 7)]);
		const asha = { phone: '+91 98765 43210', name: 'Asha', email: 'agent@rampwin.test' };
		const runs: Array<{ parameters: INodeParameters; items?: IDataObject[]; check?: () => void }> = [
			{ parameters: { operation: 'upsert' } },
			// Refused (no such contact): the same 400 and the same words on both paths.
			{ parameters: { operation: 'assign', teamMemberEmail: '={{ $json.email }}' } },
			{ parameters: { resource: 'message', operation: 'sendText', text: 'Hi {{ $json.name }}', options: { hideFromChat: true, hideFromChatList: true } } },
			{
				parameters: { resource: 'message', operation: 'sendMedia', source: 'binary', binaryPropertyName: 'data' },
				items: [{ ...asha, $binary: { data: { base64: png.toString('base64'), fileName: 'logo.png', mimeType: 'image/png' } } }],
				// The upload went through whole: the server stored the very bytes.
				check: () => {
					expect(server.uploads).toHaveLength(1);
					expect(server.uploads[0].bytes.equals(png)).toBe(true);
					expect(server.messages[0].content).toBe(server.uploads[0].url);
				},
			},
			{ parameters: { resource: 'template', operation: 'getMany', returnAll: true, options: { isSyncMessage: true } }, items: [{}] },
		];
		for (const { check, ...run } of runs) {
			const { helper, keptOpen } = await bothPaths(server, { items: [asha], continueOnFail: true, ...run });
			check?.();
			expect(keptOpen.result.error).toBeUndefined();
			expect(keptOpen.requests.length).toBeGreaterThan(0);
			expect(keptOpen.requests.map(wire)).toEqual(helper.requests.map(wire));
			expect(comparable(keptOpen.result.output)).toEqual(comparable(helper.result.output));
		}
	});

	test('no connection is left open: they close soon after the run, while the helper leaves none at all', async () => {
		// The earlier tests' connections close first.
		expect(await eventually(() => server.sockets.open === 0, 10_000)).toBe(true);
		const helper = await runPath(server, false, { items: contacts(20), parameters: { options: { maxConcurrency: 4 } } });
		expect(helper.opened).toBe(20);
		expect(await eventually(() => server.sockets.open === 0, 1000)).toBe(true);

		const keptOpen = await runPath(server, true, { items: contacts(20), parameters: { options: { maxConcurrency: 4 } } });
		expect(keptOpen.result.error).toBeUndefined();
		expect(keptOpen.opened).toBeLessThanOrEqual(8);
		// Open between requests: that is the option. Then the pool closes them once idle.
		expect(server.sockets.open).toBeGreaterThan(0);
		expect(await eventually(() => server.sockets.open === 0, 10_000)).toBe(true);
	});

	test("without SSRF protection, n8n's helper does not stop a request to loopback (the check where n8n has no egress filter)", async () => {
		expect(await helperGuardsLoopbackInN8n()).toBe(false);
	});

	test('Max Concurrent Requests holds on the kept-open connections too', async () => {
		const run = await runPath(server, true, {
			items: contacts(60),
			parameters: { options: { maxConcurrency: 3 } },
			before: (started) => (started.latencyMs = 20),
		});
		expect(run.result.error).toBeUndefined();
		expect(server.contacts.size).toBe(60);
		expect(server.peakInFlight).toBeLessThanOrEqual(3);
		expect(run.opened).toBeLessThanOrEqual(6);
	});

	test('an outage mid-import: ridden out as through the helper, every contact created once', async () => {
		const run = await runPath(server, true, {
			items: contacts(150),
			continueOnFail: true,
			parameters: { options: { timeout: 3000, maxConcurrency: 16 } },
			before: (started) => (started.trouble = { outage: { afterRequests: 40, durationMs: 2500 } }),
		});
		expect(run.result.error).toBeUndefined();
		expect(server.contacts.size).toBe(150);
		expect(run.result.output.every((item) => typeof item.json._id === 'string')).toBe(true);
		expect(server.troubleMaker?.outageRequests).toBeGreaterThan(0);
		expect(server.troubleMaker?.outageRequests).toBeLessThanOrEqual(60);
		expect(logged.some((line) => line.includes('looks unavailable'))).toBe(true);
	});

	test('a cancelled execution aborts the requests in flight and starts no new ones', async () => {
		expect(await eventually(() => server.sockets.open === 0, 10_000)).toBe(true);
		const started = Date.now();
		const run = await runPath(server, true, {
			items: contacts(50),
			continueOnFail: true,
			cancelAfterMs: 300,
			parameters: { options: { maxConcurrency: 4 } },
			before: (started) => (started.latencyMs = 3000),
		});
		expect(run.result.run.status).toBe('canceled');
		expect(Date.now() - started).toBeLessThan(2000);
		expect(run.requests.length).toBeLessThanOrEqual(4);
		// Aborted: the requests in flight were dropped at once, not answered 3 s later.
		expect(await eventually(() => server.inFlight === 0, 1000)).toBe(true);
		expect(server.sockets.open).toBeLessThanOrEqual(4);
		// undici connects anew in place of each aborted connection; idle, those close too.
		expect(await eventually(() => server.sockets.open === 0, 10_000)).toBe(true);
		// Rampwin may still act on what reached it before the abort, as a real server would.
		expect(server.contacts.size).toBeLessThanOrEqual(4);
	});
});
