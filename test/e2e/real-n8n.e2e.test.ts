import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import {
	N8N_VERSIONS,
	N8nInstance,
	nodeOutput,
	packedTarball,
	type ExecuteResult,
	type N8nItem,
} from '../../scripts/lib/n8n';
import { RampwinServer } from '../server/rampwin-server';
import { fullContactBody } from '../fixtures/full-contact';

const WRONG_KEY = 'wrong-key-SECRET-e2e-5d1f';

const workflowsDir = path.join(__dirname, 'workflows');
const workflows = readdirSync(workflowsDir)
	.filter((file) => file.endsWith('.workflow.json'))
	.map((file) => JSON.parse(readFileSync(path.join(workflowsDir, file), 'utf8')) as { id: string; name: string });
const workflowId = (name: string): string => {
	const found = workflows.find((workflow) => workflow.id.toLowerCase().includes(name.toLowerCase()));
	if (!found) throw new Error(`No e2e workflow matches ${name}`);
	return found.id;
};

describe.each(N8N_VERSIONS)('n8n %s with the packed package installed', (version) => {
	let server: RampwinServer;
	let n8n: N8nInstance;

	beforeAll(async () => {
		server = await RampwinServer.start();
		n8n = await N8nInstance.create(version);
		await n8n.installPackage(packedTarball());
		await n8n.importCredentials([
			{
				id: 'rampwinSandbox01',
				name: 'Rampwin sandbox',
				type: 'rampwinApi',
				data: { apiKey: server.apiKey, baseUrl: server.baseUrl },
			},
			{
				id: 'rampwinWrongKey1',
				name: 'Rampwin wrong key',
				type: 'rampwinApi',
				data: { apiKey: WRONG_KEY, baseUrl: server.baseUrl },
			},
		]);
		await n8n.importWorkflows(workflows);
	});

	afterAll(async () => {
		await server?.close();
		n8n?.remove();
	});

	beforeEach(() => server.reset());

	const execute = async (name: string): Promise<ExecuteResult> => await n8n.execute(workflowId(name));

	test('a full contact with typed custom attributes', async () => {
		const result = await execute('FullContact');
		const output = rampwinOutput(result);
		expect(output).toHaveLength(1);
		expect(result.code).toBe(0);
		expect(server.requests).toHaveLength(1);
		expect(server.requests[0].query).toEqual({ integration_id: 'chan-e2e' });
		expect(server.requests[0].headers['x-api-key']).toBe(server.apiKey);
		expect(JSON.parse(server.requests[0].rawBody)).toStrictEqual(fullContactBody('chan-e2e'));
		const [stored] = [...server.contacts.values()];
		expect(output[0].json).toEqual({
			_id: stored._id,
			phone_number: 919876543210,
			full_name: 'John Doe',
			integration_id: 'chan-e2e',
		});
	});

	test('a mixed batch with Continue On Fail gives one output per input, in order', async () => {
		const result = await execute('MixedBatch');
		const output = rampwinOutput(result);
		expect(output.map((item) => item.json.full_name)).toEqual([
			'Good One',
			'Bad Phone',
			'Good Two',
			'Duplicate of One',
			'',
			'Good Three',
		]);
		expect(output.map((item) => pairedIndex(item))).toEqual([0, 1, 2, 3, 4, 5]);
		expect(output.map((item) => (item.json.error ? 'error' : 'created'))).toEqual([
			'created',
			'error',
			'created',
			'error',
			'error',
			'created',
		]);
		expect(output[1].json.error).toBe('Item 1: Phone number "not a phone" contains letters');
		expect(output[3].json.error).toBe('Rampwin refused the contact: Contact already exists on this channel');
		expect(output[4].json.error).toBe('Item 4: Full Name is empty');
		expect(server.contacts.size).toBe(3);
	});

	test('a duplicate stops the workflow with the API message', async () => {
		const result = await execute('Duplicate');
		expect(result.code).not.toBe(0);
		const error = result.data?.data.resultData.error;
		expect(`${error?.message ?? ''}\n${result.stdout}\n${result.stderr}`).toContain(
			'Rampwin refused the contact: Contact already exists on this channel',
		);
		expect(server.contacts.size).toBe(1);
		expect(server.requests).toHaveLength(2);
	});

	test('a wrong key fails clearly and the key is never printed', async () => {
		const result = await execute('WrongKey');
		expect(result.code).not.toBe(0);
		expect(server.requests[0]?.headers['x-api-key']).toBe(WRONG_KEY);
		expect(`${result.stdout}\n${result.stderr}`).toContain('Rampwin rejected the API key (HTTP 401)');
		expect(result.stdout).not.toContain(WRONG_KEY);
		expect(result.stderr).not.toContain(WRONG_KEY);
		expect(server.contacts.size).toBe(0);
	});

	test('phone and attribute come from the previous node through expressions', async () => {
		const result = await execute('Expressions');
		const output = rampwinOutput(result);
		expect(output).toHaveLength(2);
		expect(result.code).toBe(0);
		expect(server.requests.map((request) => request.body)).toStrictEqual([
			{
				phone_number: 919812345678,
				full_name: 'Priya Shah',
				integration_id: 'chan-e2e',
				tags: ['gold', 'early'],
				recharge_amount: 750,
			},
			{
				phone_number: 14155552671,
				full_name: 'Sam Lee',
				integration_id: 'chan-e2e',
				tags: ['trial'],
				recharge_amount: 20.5,
			},
		]);
		expect(output.map((item) => pairedIndex(item))).toEqual([0, 1]);
	});
});

/** The Rampwin node's items; when there are none, fail with what n8n said instead. */
function rampwinOutput(result: ExecuteResult): N8nItem[] {
	const output = nodeOutput(result.data, 'Rampwin');
	if (output.length === 0) {
		const error = result.data?.data.resultData.error;
		throw new Error(
			`No Rampwin output (exit ${result.code}): ${error ? `${error.message} ${error.description ?? ''}` : ''}\n${result.stdout.slice(-2000)}\n${result.stderr.slice(-2000)}`,
		);
	}
	return output;
}

function pairedIndex(item: N8nItem): number | undefined {
	const paired = Array.isArray(item.pairedItem) ? item.pairedItem[0] : item.pairedItem;
	return paired?.item;
}
