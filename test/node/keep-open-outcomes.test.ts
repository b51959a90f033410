import type { INodeParameters } from 'n8n-workflow';

import type { Fault, FaultKind, RampwinServer } from '../../sandbox/rampwin-server';
import { bothPaths, comparable, contacts, serialise, type RunSpec } from '../harness/keep-open';
import { useRampwinServer } from '../harness/server';

// Every way an attempt can end that the transport's classify() tells apart, through n8n-core
// with Keep Connections Open and through n8n's helper: the same retries (the server counts the
// attempts), the same outputs and the same error texts.
jest.setTimeout(120_000);

let server: RampwinServer;
useRampwinServer((started) => (server = started));

const items = contacts(2);

const create: INodeParameters = { operation: 'create' };
const sendText: INodeParameters = { resource: 'message', operation: 'sendText', text: 'Hello' };

const KINDS: FaultKind[] = ['status429', 'status503', 'status504', 'html502', 'reset', 'hang', 'malformedJson', 'redirect'];

function spec(parameters: INodeParameters, fault: Fault | undefined, maxRetries: number, extra: Partial<RunSpec> = {}): RunSpec {
	return {
		items,
		continueOnFail: true,
		// Short only where the server hangs: a busy machine must not turn answers into timeouts.
		parameters: { ...parameters, options: { maxRetries, timeout: fault?.kind === 'hang' ? 400 : 10_000, maxWaitForRampwin: 0 } },
		before: (started) => (started.fault = fault),
		...extra,
	};
}

async function expectSameOutcome(run: RunSpec): Promise<unknown[]> {
	const { helper, keptOpen } = await bothPaths(server, run);
	expect(keptOpen.result.error).toBeUndefined();
	expect(keptOpen.result.output).toHaveLength(items.length);
	expect(comparable(keptOpen.result.output)).toEqual(comparable(helper.result.output));
	expect([...keptOpen.attempts]).toEqual([...helper.attempts]);
	expect(keptOpen.requests.length).toBe(helper.requests.length);
	expect(serialise(keptOpen.result.run)).not.toContain(server.apiKey);
	return comparable(keptOpen.result.output);
}

describe('Keep Connections Open: every outcome as through the helper', () => {
	test.each(KINDS.map((kind) => [kind]))('%s that keeps on: the same retries and error texts, for a contact and a message', async (kind) => {
		const fault: Fault = { kind, every: 1, times: 99, retryAfter: kind === 'status429' ? '0' : undefined };
		const contact = await expectSameOutcome(spec(create, fault, 1));
		const message = await expectSameOutcome(spec(sendText, fault, 1));
		// Each ended in an error, not a success that happened to match.
		for (const output of [contact, message]) expect(JSON.stringify(output)).toContain('"error"');
	});

	test.each(KINDS.map((kind) => [kind]))('%s once: retried as through the helper', async (kind) => {
		const fault: Fault = { kind, every: 1, times: 1, retryAfter: kind === 'status429' ? '0' : undefined };
		const output = await expectSameOutcome(spec(create, fault, 2));
		// A redirect is never followed nor retried; everything else succeeds on its retry.
		expect(JSON.stringify(output).includes('"error"')).toBe(kind === 'redirect');
	});

	test('an answer lost after the contact was stored: "probably created" on the retry\'s 400, as through the helper', async () => {
		const output = await expectSameOutcome(spec(create, { kind: 'reset', every: 1, times: 1, afterCreate: true }, 2));
		expect(server.contacts.size).toBe(items.length);
		expect(JSON.stringify(output)).not.toContain('"error"');
	});

	test('a wrong API key: the same 401 text, and neither key in the run', async () => {
		const output = await expectSameOutcome(spec(create, undefined, 1, { apiKey: 'wrong-key-SECRET-x' }));
		expect(JSON.stringify(output)).toContain('Rampwin rejected the API key');
		expect(JSON.stringify(output)).not.toContain('wrong-key-SECRET-x');
	});
});
