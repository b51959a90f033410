import type { IDataObject } from 'n8n-workflow';

import { runRampwin, type RampwinRunOptions } from '../harness/rampwin-workflow';
import type { RampwinServer } from '../../sandbox/rampwin-server';
import { useRampwinServer } from '../harness/server';

jest.setTimeout(30_000);

let server: RampwinServer;
useRampwinServer((started) => (server = started));

const upsert = (options: Omit<RampwinRunOptions, 'server'>) =>
	runRampwin({
		server,
		...options,
		parameters: { operation: 'upsert', ...options.parameters },
	});

describe('Contact > Create or Update through n8n-core', () => {
	test('creates, then updates the same contact; fields left empty are not wiped', async () => {
		const first = await upsert({
			items: [{ phone: '+91 98765 43210', name: 'Asha Rao', city: 'Pune', plan: 'GOLD' }],
			parameters: {
				additionalFields: { city: '={{ $json.city }}', email: 'asha@example.com' },
				customAttributes: { attribute: [{ name: 'plan_status', type: 'string', value: '={{ $json.plan }}' }] },
			},
		});
		expect(first.error).toBeUndefined();
		const [request] = server.requests;
		expect(request.path).toBe('/api/contacts/insertOrUpdate');
		expect(request.query).toEqual({ channel_id: 'chan-1' });
		expect(JSON.parse(request.rawBody)).toStrictEqual({
			phone_number: '+919876543210',
			full_name: 'Asha Rao',
			city: 'Pune',
			email: 'asha@example.com',
			plan_status: 'GOLD',
		});
		const stored = server.contacts.get('chan-1 +919876543210');
		expect(first.output).toEqual([
			{ json: { _id: stored?._id, phone_number: '+919876543210' }, pairedItem: { item: 0 } },
		]);

		// The next sync: the sheet's city and name cells are empty, the plan changed.
		const second = await upsert({
			items: [{ phone: '0091 98765 43210', name: '', city: '', plan: 'PLATINUM' }],
			parameters: {
				additionalFields: { city: '={{ $json.city }}' },
				customAttributes: { attribute: [{ name: 'plan_status', type: 'string', value: '={{ $json.plan }}' }] },
			},
		});
		expect(second.error).toBeUndefined();
		expect(JSON.parse(server.requests[1].rawBody)).toStrictEqual({
			phone_number: '+919876543210',
			plan_status: 'PLATINUM',
		});
		expect(server.contacts.size).toBe(1);
		expect(second.output[0].json._id).toBe(stored?._id);
		expect(server.contacts.get('chan-1 +919876543210')).toEqual({
			_id: stored?._id,
			phone_number: '+919876543210',
			full_name: 'Asha Rao',
			city: 'Pune',
			email: 'asha@example.com',
			plan_status: 'PLATINUM',
		});
	});

	test.each([
		['a timeout after Rampwin stored it', 'hang' as const],
		['a reset after Rampwin stored it', 'reset' as const],
		['a 502 after Rampwin stored it', 'html502' as const],
	])('is retried after %s, and the contact is stored once', async (_label, kind) => {
		server.fault = { kind, afterCreate: true, times: 1 };
		const { output, error } = await upsert({
			items: [{ phone: '+91 98765 43210', name: 'Asha' }],
			parameters: { options: { timeout: 1000, maxRetries: 2 } },
		});
		expect(error).toBeUndefined();
		expect(server.requests).toHaveLength(2);
		expect(server.contacts.size).toBe(1);
		// Idempotent: a plain success, never a "probably" outcome.
		expect(output).toEqual([
			{
				json: { _id: server.contacts.get('chan-1 +919876543210')?._id, phone_number: '+919876543210' },
				pairedItem: { item: 0 },
			},
		]);
	});

	test('a bad row is refused before sending and names the field', async () => {
		const { output } = await upsert({
			items: [{ phone: '12', name: 'Too short' }, { phone: '+44 20 7946 0958', name: 'Fine' }],
			continueOnFail: true,
		});
		expect(server.requests).toHaveLength(1);
		expect(output[0].json).toMatchObject({
			error: expect.stringMatching(/^Item 0: Phone number "12" read as \+1 /),
			errorDescription: expect.stringMatching(/^Field "Phone Number":/),
			phone_number: '12',
			channel_id: 'chan-1',
		});
		expect(output[1].json.phone_number).toBe('+442079460958');
	});

	test('an empty Channel ID is refused before sending', async () => {
		const { error } = await upsert({
			items: [{ phone: '+91 98765 43210', name: 'Asha' }],
			parameters: { integrationId: '={{ $json.channel }}' },
		});
		expect(error?.message).toMatch(/Item 0: Channel ID is empty/);
		expect(server.requests).toHaveLength(0);
	});
});

describe('phone forms', () => {
	test.each([
		['0091 98765 43210', '+919876543210', 919876543210, '919876543210'],
		['919876543210@c.us', '+919876543210', 919876543210, '919876543210'],
		['919876543210@s.whatsapp.net', '+919876543210', 919876543210, '919876543210'],
	])('%p is sent in each endpoint\'s own form', async (phone, upsertForm, createForm, assignForm) => {
		const items: IDataObject[] = [{ phone, name: 'Asha' }];
		await runRampwin({ server, items });
		await upsert({ items });
		await runRampwin({
			server,
			items,
			parameters: { operation: 'assign', teamMemberEmail: 'agent@rampwin.test' },
		});
		const sent = server.requests.map((request) => (request.body as IDataObject).phone_number);
		expect(sent).toStrictEqual([createForm, upsertForm, assignForm]);
	});
});
