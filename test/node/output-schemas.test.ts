import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { readSchema, schemaErrors, type Shape } from '../harness/output-schema';
import { runRampwin, type RampwinRunOptions } from '../harness/rampwin-workflow';
import { useRampwinServer } from '../harness/server';
import type { RampwinServer } from '../../sandbox/rampwin-server';

jest.setTimeout(60_000);

let server: RampwinServer;
useRampwinServer((started) => (server = started));

// Each operation runs through n8n-core with a good item and one whose phone number is
// refused, once with On Error › Continue and once with the error output. runRampwin itself
// holds every item to the schema; this file checks that each shape really occurs and that
// the shapes do not blur into one another.
const good = { phone: '+91 98765 43210', name: 'Asha', email: 'agent@rampwin.test' };
const bad = { phone: '98765-ABCDE', name: 'Bad Row', email: 'agent@rampwin.test' };

const OPERATIONS: Array<[resource: string, operation: string, parameters: INodeParameters]> = [
	['contact', 'create', {}],
	['contact', 'upsert', {}],
	['contact', 'assign', { teamMemberEmail: '={{ $json.email }}' }],
	['message', 'sendText', { text: 'Hi {{ $json.name }}' }],
	['message', 'sendMedia', { source: 'url', fileUrl: 'https://example.com/brochure.pdf' }],
	['message', 'sendButtons', { bodyText: 'Friday?', buttons: { button: [{ title: 'Yes' }, { title: 'No' }] } }],
	[
		'message',
		'sendList',
		{ bodyText: 'Which?', buttonText: 'Menu', sections: { section: [{ title: 'A', rows: { row: [{ title: 'One' }] } }] } },
	],
];

async function run(resource: string, operation: string, parameters: INodeParameters, options: Partial<RampwinRunOptions>) {
	if (operation === 'assign') {
		// Assign needs the contact on the channel first.
		await runRampwin({ server, items: [good] });
	}
	return await runRampwin({
		server,
		items: [good, bad],
		...options,
		parameters: { resource, operation, ...parameters },
	});
}

const json = (items: INodeExecutionData[]) => items.map((item) => item.json);

function matches(resource: string, operation: string, shape: Shape, item: IDataObject): boolean {
	return schemaErrors(resource, operation, shape, item).length === 0;
}

describe.each(OPERATIONS)('the %s/%s output schema against real runs', (resource, operation, parameters) => {
	test('a result matches the result shape only, and the editor lists each of its fields', async () => {
		const { output, error } = await run(resource, operation, parameters, { continueOnFail: true });
		expect(error).toBeUndefined();
		const [result, failed] = json(output);
		expect('error' in result).toBe(false);
		expect(matches(resource, operation, 'result', result)).toBe(true);
		expect(matches(resource, operation, 'failedItem', result)).toBe(false);
		expect(matches(resource, operation, 'errorOutputItem', result)).toBe(false);
		const listed = Object.keys(readSchema(resource, operation).properties as IDataObject);
		expect(listed).toEqual(expect.arrayContaining(Object.keys(result)));

		// On Error › Continue: the failed item stays on the same output, in place of its result.
		expect(failed.error).toEqual(expect.stringMatching(/^Item 1: /));
		expect(matches(resource, operation, 'failedItem', failed)).toBe(true);
		expect(matches(resource, operation, 'result', failed)).toBe(false);
	});

	test('a failed item on the error output matches the error output shape, not the result', async () => {
		const { output, errorOutput, error } = await run(resource, operation, parameters, {
			settings: { onError: 'continueErrorOutput' },
		});
		expect(error).toBeUndefined();
		expect(output).toHaveLength(1);
		const [failed] = json(errorOutput);
		// n8n puts the input item's fields under the node's two.
		expect(failed).toEqual(expect.objectContaining({ ...bad, error: expect.stringMatching(/^Item 1: /), message: expect.any(String) }));
		expect(matches(resource, operation, 'errorOutputItem', failed)).toBe(true);
		expect(matches(resource, operation, 'result', failed)).toBe(false);
	});
});

describe('fields the node writes itself', () => {
	test('Create: a contact that was probably created by a lost attempt has the shape the schema gives it', async () => {
		server.fault = { kind: 'reset', afterCreate: true, every: 1, times: 1 };
		const { output, error } = await runRampwin({ server, items: [good], parameters: { options: { timeout: 2000 } } });
		expect(error).toBeUndefined();
		const [item] = json(output);
		expect(item.status).toBe('probablyCreated');
		expect(matches('contact', 'create', 'result', item)).toBe(true);
		// Every field the editor lists for Create occurs in one of the two kinds of result.
		server.fault = undefined;
		const created = json((await runRampwin({ server, items: [{ phone: '+44 7700 900123', name: 'Em' }] })).output)[0];
		const listed = Object.keys(readSchema('contact', 'create').properties as IDataObject);
		expect([...new Set([...Object.keys(item), ...Object.keys(created)])].sort()).toEqual(listed.sort());
	});

	test.each([
		['a result without the field Rampwin always sends', 'message', 'sendText', { phone_number: '919876543210', message: 'ok' }],
		['a result with a number where the schema says text', 'message', 'sendText', { sent: true, phone_number: 919876543210, message: 'ok' }],
		['a result with a field the node never writes', 'contact', 'assign', { phone_number: '1', team_member_email: 'a@b.c', assigned: true, message: 'ok', extra: 1 }],
		['a contact without its _id', 'contact', 'upsert', { phone_number: '+919876543210' }],
		['a probably-created contact with another status', 'contact', 'create', { phone_number: 1, full_name: 'A', integration_id: 'c', status: 'created', message: 'm' }],
	])('the schema refuses %s', (_what, resource, operation, item) => {
		expect(matches(resource, operation, 'result', item as IDataObject)).toBe(false);
	});

	test('Create and Create or Update allow more fields from Rampwin, as the reference leaves room for', () => {
		const more = { _id: 'a', phone_number: '+919876543210', city: 'Mumbai' };
		expect(matches('contact', 'upsert', 'result', more)).toBe(true);
		expect(matches('contact', 'create', 'result', { ...more, phone_number: 919876543210 })).toBe(true);
	});
});
