import { writeFileSync } from 'node:fs';

import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeType } from 'n8n-workflow';

import { failureCode } from '../../nodes/Rampwin/transport/network';
import { connect, request } from '../../nodes/Rampwin/transport/request';
import { itemsSource, N8N_LINE, registerNodeType, runWorkflow } from '../harness/n8n';
import {
	fixtureFile,
	readFixtures,
	SCENARIOS,
	shapeOf,
	skeleton,
	type ErrorShape,
	type Scenario,
} from '../harness/network-errors';
import { closeProvokers, provoke } from '../harness/provoke';
import { EXPECTED_CODES } from '../fixtures/network-errors/expected';

// What this n8n line's request helper throws for each failure, provoked for real over
// loopback through the node's own request() in n8n's engine, checked against the fixture
// of this line (UPDATE_NETWORK_FIXTURES=1 writes it anew). Runs in both jest projects.
const MAJOR = N8N_LINE;
const API_KEY = 'key-SECRET-network-errors';

const probe: INodeType = {
	description: {
		displayName: 'Probe',
		name: 'probe',
		group: ['transform'],
		version: 1,
		description: 'Sends one Rampwin request and outputs the shape of its failure',
		defaults: {},
		inputs: ['main'],
		outputs: ['main'],
		credentials: [{ name: 'rampwinApi', required: true }],
		properties: [{ displayName: 'Timeout', name: 'timeout', type: 'number', default: 2000 }],
	},
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const connection = await connect(this);
		const call = { method: 'POST' as const, path: '/api/contacts', body: { full_name: 'A' }, safety: 'idempotent' as const, refused: { subject: 'the probe', badRequestHint: '' } };
		try {
			await request(this, connection, call, this.getNodeParameter('timeout', 0) as number);
			return [[{ json: { answered: true } }]];
		} catch (error) {
			return [[{ json: { shape: shapeOf(error) as unknown as IDataObject, code: failureCode(error), said: JSON.stringify(error) } }]];
		}
	},
};
registerNodeType('test.probe', probe);

afterAll(closeProvokers);

async function capture(scenario: Scenario): Promise<IDataObject> {
	const { baseUrl, timeout, cancelAfterMs } = await provoke(scenario);
	const run = await runWorkflow({
		nodes: [
			itemsSource([{}]),
			{ id: 'probe', name: 'Probe', type: 'test.probe', typeVersion: 1, position: [200, 0], parameters: { timeout: timeout ?? 2000 }, credentials: { rampwinApi: { id: 'cred-1', name: 'Rampwin account' } } },
		],
		connections: { Items: { main: [[{ node: 'Probe', type: 'main', index: 0 }]] } },
		credentials: { rampwinApi: { apiKey: API_KEY, baseUrl } },
		cancelAfterMs,
	});
	const json = run.data.resultData.runData.Probe?.[0]?.data?.main?.[0]?.[0]?.json;
	if (!json) throw new Error(`${scenario}: the probe gave no output (${run.data.resultData.error?.message})`);
	return json;
}

/** The resolver may say "not found" or "no answer", depending on the machine's DNS. */
const dnsAlike = (shape: unknown): string => JSON.stringify(shape).replace(/EAI_AGAIN/g, 'ENOTFOUND');

describe(`what n8n-core ${MAJOR}.x throws for a request that gets no answer`, () => {
	const captured: Partial<Record<Scenario, ErrorShape>> = {};
	const fixtures = readFixtures(MAJOR);

	afterAll(() => {
		if (process.env.UPDATE_NETWORK_FIXTURES === '1') writeFileSync(fixtureFile(MAJOR), `${JSON.stringify(captured, null, '\t')}\n`);
	});

	test.each(SCENARIOS.map((scenario) => [scenario]))('%s: read as the same failure on every n8n line', async (scenario) => {
		const { shape, code, said } = await capture(scenario);
		captured[scenario] = shape as unknown as ErrorShape;
		expect(String(said)).not.toContain(API_KEY);
		const expected = EXPECTED_CODES[scenario];
		expect(scenario === 'dnsFailure' && code === 'EAI_AGAIN' ? 'ENOTFOUND' : code).toBe(expected);
		if (process.env.UPDATE_NETWORK_FIXTURES !== '1') {
			expect(fixtures?.[scenario]).toBeDefined();
			expect(dnsAlike(skeleton(shape as unknown as ErrorShape))).toBe(dnsAlike(skeleton(fixtures?.[scenario])));
		}
	});
});
