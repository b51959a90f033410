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
import { RampwinServer } from '../../sandbox/rampwin-server';
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

/**
 * The suite for one n8n line, in real n8n with the packed package installed. Each line has its
 * own test file (real-n8n-1x / real-n8n-2x) so that jest runs the two lines side by side.
 */
export function realN8nSuite(line: '1' | '2'): void {
	const version = N8N_VERSIONS.find((candidate) => candidate.startsWith(`${line}.`));
	if (version === undefined) throw new Error(`No n8n ${line}.x in N8N_VERSIONS`);
	describe(`n8n ${version} with the packed package installed`, () => {
		suite(version);
	});
}

function suite(version: string): void {
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

	test('an import through resets, lost answers and 5xx: every row created once, on this line too', async () => {
		// Before Rampwin acts: a 503 every 7th request, a 429 every 11th, a reset every 13th;
		// after it stored the contact: the answer to every 5th phone number lost (reset).
		server.trouble = { degraded: true };
		server.fault = { kind: 'reset', every: 5, afterCreate: true };
		const output = rampwinOutput(await execute('FaultImport'));
		expect(output).toHaveLength(60);
		expect(output.map((item) => pairedIndex(item))).toEqual(output.map((_, index) => index));
		expect(output.filter((item) => item.json.error !== undefined).map((item) => item.json)).toEqual([]);
		expect(server.contacts.size).toBe(60);
		// Each lost answer was retried, met "already exists" and was reported as probably created.
		const probably = output.filter((item) => item.json.status === 'probablyCreated');
		expect(probably.map((item) => item.json.phone_number)).toEqual(
			output.map((item) => item.json.phone_number).filter((phone) => Number(phone) % 5 === 0),
		);
		expect(probably.length).toBe(12);
	});

	test('the same import with Keep Connections Open: every row created once, over connections kept open', async () => {
		server.trouble = { degraded: true };
		server.fault = { kind: 'reset', every: 5, afterCreate: true };
		const output = rampwinOutput(await execute('KeepOpenImp'));
		expect(output.map((item) => pairedIndex(item))).toEqual(output.map((_, index) => index));
		expect(output.filter((item) => item.json.error !== undefined).map((item) => item.json)).toEqual([]);
		expect(server.contacts.size).toBe(60);
		expect(output.filter((item) => item.json.status === 'probablyCreated')).toHaveLength(12);
		expect(server.requests.every((request) => request.headers['x-api-key'] === server.apiKey)).toBe(true);
		// Kept open: fewer connections than requests, though every reset costs one.
		expect(server.sockets.opened).toBeLessThan(server.requests.length);
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

	test('Create or Update run twice: every row succeeds both times, with the same contact ids', async () => {
		const first = rampwinOutput(await execute('UpsertTwice'));
		const second = rampwinOutput(await execute('UpsertTwice'));
		for (const output of [first, second]) {
			expect(output.map((item) => item.json.error)).toEqual([undefined, undefined, undefined]);
			expect(output.map((item) => pairedIndex(item))).toEqual([0, 1, 2]);
		}
		expect(second.map((item) => item.json._id)).toEqual(first.map((item) => item.json._id));
		expect(server.contacts.size).toBe(3);
		expect(server.requests).toHaveLength(6);
		expect(server.requests.slice(0, 3).map((request) => request.body)).toStrictEqual([
			{ phone_number: '+919000000011', full_name: 'Asha Rao', city: 'Pune' },
			{ phone_number: '+447700900123', full_name: 'Ben Hall' },
			{ phone_number: '+919000000013', city: 'Delhi' },
		]);
		expect(server.requests.every((request) => request.query.channel_id === 'chan-e2e')).toBe(true);
	});

	test('the error output gets the failures, paired; Retry On Fail sends nothing twice', async () => {
		const result = await execute('ErrorOutput');
		expect(result.code).toBe(0);
		const created = nodeOutput(result.data, 'Created');
		const failed = nodeOutput(result.data, 'Failed');
		expect(created.map((item) => item.json.full_name)).toEqual(['Good One', 'Good Two']);
		expect(failed.map((item) => [item.json.row, item.json.error])).toEqual([
			[1, 'Item 0: Phone number "not a phone" contains letters'],
			[3, 'Item 2: Full Name is empty'],
		]);
		const rampwin = result.data?.data.resultData.runData.Rampwin?.[0]?.data?.main ?? [];
		expect(rampwin[0]?.map((item) => pairedIndex(item))).toEqual([1, 3]);
		expect(rampwin[1]?.map((item) => pairedIndex(item))).toEqual([0, 2]);
		// n8n re-ran the node (its first item failed), and the re-run sent nothing again.
		expect(server.requests).toHaveLength(2);
		expect(server.contacts.size).toBe(2);
	});

	test('Send Text: each message once, in the form the reference shows', async () => {
		const result = await execute('SendText');
		const output = rampwinOutput(result);
		expect(output.map((item) => item.json)).toEqual([
			{ sent: true, phone_number: '919000000031', message: 'Message sent successfully' },
			{ sent: true, phone_number: '919000000032', message: 'Message sent successfully' },
		]);
		expect(server.requests.map((request) => [request.query, request.body])).toStrictEqual([
			[
				{ dontShowInChatList: 'true' },
				{ channel_id: 'chan-e2e', phone_number: '919000000031', text: 'Hi Asha, your order has shipped.' },
			],
			[
				{ dontShowInChatList: 'true' },
				{ channel_id: 'chan-e2e', phone_number: '919000000032', text: 'Hi Ben, your order has shipped.' },
			],
		]);
		expect(server.messages).toHaveLength(2);
	});

	test('Send Buttons: the interactive message as the reference shows it', async () => {
		const result = await execute('SendButtons');
		expect(rampwinOutput(result)[0].json.sent).toBe(true);
		expect(server.messages.map((message) => message.content)).toStrictEqual([
			{
				type: 'button',
				body: { text: 'Shall we confirm Friday?' },
				action: {
					buttons: [
						{ type: 'reply', reply: { id: 'confirm', title: 'Confirm' } },
						{ type: 'reply', reply: { id: 'Another day', title: 'Another day' } },
					],
				},
				footer: { text: 'Reply STOP to opt out' },
			},
		]);
	});

	test('Send Media: a file from a previous node is uploaded, then sent by its URL', async () => {
		const result = await execute('SendMedia');
		expect(rampwinOutput(result)[0].json).toEqual({
			sent: true,
			phone_number: '14155552671',
			message: 'Message sent successfully',
		});
		expect(server.uploads).toHaveLength(1);
		expect(server.uploads[0]).toMatchObject({ filename: 'pixel.png', contentType: 'image/png' });
		expect(server.uploads[0].bytes.subarray(0, 4).toString('hex')).toBe('89504e47');
		expect(server.messages.map((message) => message.content)).toEqual([server.uploads[0].url]);
	});

	test('Validate Only: every row read and checked as a real run would, nothing sent', async () => {
		const result = await execute('ValidateOnly');
		const output = rampwinOutput(result);
		expect(output.map((item) => pairedIndex(item))).toEqual([0, 1, 2, 3, 4, 5]);
		expect(output.map((item) => (item.json.valid === true ? 'valid' : 'error'))).toEqual([
			'valid',
			'error',
			'valid',
			// A duplicate is Rampwin's to refuse: only a real run can find it.
			'valid',
			'error',
			'valid',
		]);
		expect(output[0].json.request).toEqual({
			method: 'POST',
			path: '/api/contacts',
			qs: { integration_id: 'chan-e2e' },
			body: { integration_id: 'chan-e2e', phone_number: 919000000001, full_name: 'Good One' },
		});
		expect(output[1].json.error).toBe('Item 1: Phone number "not a phone" contains letters');
		expect(JSON.stringify(output)).not.toContain(server.apiKey);
		expect(server.requests).toHaveLength(0);
	});

	test('Template › Create with an image header from binary data, then Get Many', async () => {
		const result = await execute('TemplateMedia');
		expect(rampwinOutput(result).map((item) => item.json)).toEqual([
			expect.objectContaining({ name: 'welcome_photo', status: 'PENDING', category: 'MARKETING', language: 'en_US' }),
		]);
		expect(server.templateUploads).toHaveLength(1);
		expect(server.templateUploads[0]).toMatchObject({ filename: 'pixel.png', contentType: 'image/png' });
		expect(server.templateUploads[0].bytes.subarray(0, 4).toString('hex')).toBe('89504e47');
		const [stored] = server.templates.get('chan-e2e') ?? [];
		expect(stored.components).toEqual(
			expect.arrayContaining([
				{ type: 'HEADER', format: 'IMAGE', example: { header_handle: [server.templateUploads[0].handle] } },
			]),
		);
		expect(nodeOutput(result.data, 'List').map((item) => item.json.name)).toEqual(['welcome_photo']);
	});
}

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
