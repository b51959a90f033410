import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { runRampwin } from '../harness/rampwin-workflow';
import { RampwinServer } from '../../sandbox/rampwin-server';
import { useRampwinServer } from '../harness/server';
import { fullContactBody } from '../fixtures/full-contact';

let server: RampwinServer;
useRampwinServer((started) => (server = started));

const john = { phone: '+91 98765-43210', name: 'John Doe' };

describe('Contact > Create through n8n-core', () => {
	test('sends a full contact exactly as the API reference describes', async () => {
		const { output, error } = await runRampwin({
			server,
			items: [john],
			parameters: {
				additionalFields: {
					firstName: 'John',
					lastName: 'Doe',
					email: 'john@example.com',
					company: 'Acme',
					city: 'Mumbai',
					state: 'Maharashtra',
					zipcode: '004001',
					address: '12 Marine Drive',
					remarks: 'Met at the expo',
					tags: 'premium, whatsapp_user',
					timezone: 'Asia/Kolkata',
				},
				customAttributes: {
					attribute: [
						{ name: 'plan_status', type: 'string', value: 'ACTIVE' },
						{ name: 'recharge_amount', type: 'number', value: '500' },
						{ name: 'autopay', type: 'boolean', value: 'true' },
						{ name: 'interests', type: 'array', value: 'cricket, movies' },
						{ name: 'meta', type: 'json', value: '{"source":"expo","visits":[1,2]}' },
					],
				},
			},
		});

		expect(error).toBeUndefined();
		expect(server.requests).toHaveLength(1);
		const [request] = server.requests;
		expect(request.method).toBe('POST');
		expect(request.path).toBe('/api/contacts');
		expect(request.query).toEqual({ integration_id: 'chan-1' });
		expect(request.headers.accept).toBe('application/json, text/plain, */*');
		expect(request.headers['content-type']).toBe('application/json;charset=UTF-8');
		expect(request.headers['x-api-key']).toBe(server.apiKey);
		expect(JSON.parse(request.rawBody)).toStrictEqual(fullContactBody('chan-1'));

		const stored = [...server.contacts.values()][0];
		expect(output).toEqual([
			{
				json: {
					_id: stored._id,
					phone_number: 919876543210,
					full_name: 'John Doe',
					integration_id: 'chan-1',
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	test('a minimal contact sends only the required fields', async () => {
		const { output } = await runRampwin({ server, items: [john] });
		expect(JSON.parse(server.requests[0].rawBody)).toStrictEqual({
			phone_number: 919876543210,
			full_name: 'John Doe',
			integration_id: 'chan-1',
		});
		expect(output).toHaveLength(1);
		expect(output[0].json._id).toEqual(expect.any(String));
	});

	test('values from expressions keep their types', async () => {
		const { error } = await runRampwin({
			server,
			items: [{ phone: 919876543210, name: 'John Doe', amount: 750, labels: ['a', ' b '], zip: 400001 }],
			parameters: {
				fullName: "={{ $('Items').item.json.name.toUpperCase() }}",
				additionalFields: { tags: '={{ $json.labels }}', zipcode: '={{ $json.zip }}' },
				customAttributes: {
					attribute: [
						{ name: 'recharge_amount', type: 'number', value: '={{ $json.amount }}' },
						{ name: 'labels', type: 'array', value: '={{ $json.labels }}' },
						{ name: 'profile', type: 'json', value: '={{ { tier: "gold", since: 2021 } }}' },
					],
				},
			},
		});
		expect(error).toBeUndefined();
		expect(server.requests[0].body).toStrictEqual({
			phone_number: 919876543210,
			full_name: 'JOHN DOE',
			integration_id: 'chan-1',
			zipcode: '400001',
			tags: ['a', 'b'],
			recharge_amount: 750,
			labels: ['a', ' b '],
			profile: { tier: 'gold', since: 2021 },
		});
	});

	test('a Base URL with a trailing slash still reaches /api/contacts', async () => {
		const { error } = await runRampwin({ server, items: [john], baseUrl: `${server.baseUrl}/` });
		expect(error).toBeUndefined();
		expect(server.requests[0].path).toBe('/api/contacts');
	});

	describe('bad input stops the node before any request, naming item and field', () => {
		const cases: Array<[string, IDataObject, IDataObject, RegExp, string]> = [
			['letters in the phone', { phone: '+91 98765 ABCDE' }, {}, /contains letters/, 'Phone Number'],
			['too few digits for the country', { phone: '+91 98765 43' }, {}, /numbers in India have 8 to 13 digits after 91, not 7/, 'Phone Number'],
			['too many digits for the country', { phone: '+1234 5678 9012 3456' }, {}, /numbers in the US, Canada and other NANP countries have 7 or 10 digits after 1, not 15/, 'Phone Number'],
			['a national number without Default Country Code', { phone: '9876543210' }, {}, /read as \+98 \(Iran\) 76543210/, 'Phone Number'],
			['no country code', { phone: '098765 43210' }, {}, /starts with 0/, 'Phone Number'],
			['a decimal phone', { phone: 9198765432.5 }, {}, /not a whole positive number/, 'Phone Number'],
			['an empty phone', { phone: '' }, {}, /Phone number is empty/, 'Phone Number'],
			['a blank name', { name: '   ' }, {}, /Full Name is empty/, 'Full Name'],
			['a bad email', {}, { additionalFields: { email: 'john@' } }, /not a valid address/, 'Email'],
			['a bad timezone', {}, { additionalFields: { timezone: 'Mars/Base' } }, /not a known IANA/, 'Timezone'],
			...(
				[
					['a number that does not parse', { name: 'n', type: 'number', value: '5OO' }, /should be a number/],
					['a boolean that is not true/false', { name: 'b', type: 'boolean', value: 'yes' }, /true or false/],
					['invalid JSON', { name: 'j', type: 'json', value: '{oops}' }, /not valid JSON/],
					['an empty attribute name', { name: '', value: 'x' }, /has no name/],
					['a core field name', { name: 'full_name', value: 'x' }, /clashes with a built-in/],
					['__proto__', { name: '__proto__', value: 'x' }, /not an allowed name/],
				] as Array<[string, IDataObject, RegExp]>
			).map(([what, entry, message]): [string, IDataObject, IDataObject, RegExp, string] => [
				what,
				{},
				{ customAttributes: { attribute: [entry] } },
				message,
				'Custom Attributes',
			]),
			[
				'a duplicate attribute name',
				{},
				{ customAttributes: { attribute: [{ name: 'a', value: '1' }, { name: 'a', value: '2' }] } },
				/defined more than once/,
				'Custom Attributes',
			],
		];

		test.each(cases)('%s', async (_what, itemChange, parameters, message, field) => {
			const { output, error } = await runRampwin({
				server,
				items: [john, { ...john, phone: '+44 7700 900123', ...itemChange }],
				parameters: parameters as INodeParameters,
			});
			expect(output).toEqual([]);
			expect(error?.name).toBe('NodeOperationError');
			expect(error?.message).toMatch(message);
			expect(error?.description).toContain(`Field "${field}"`);
			const failedItem = Object.keys(itemChange).length ? 1 : 0;
			expect(error?.message).toMatch(new RegExp(`^Item ${failedItem}: `));
			expect(error?.context?.itemIndex).toBe(failedItem);
			// Item 0 is valid when only item 1 is bad; nothing after the bad item is sent.
			expect(server.requests).toHaveLength(failedItem);
		});
	});

	test('a duplicate contact surfaces the API message', async () => {
		await runRampwin({ server, items: [john] });
		const { error } = await runRampwin({ server, items: [john] });
		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toBe('Rampwin refused the contact: Contact already exists on this channel');
		expect(error?.description).toMatch(/already exists on this channel/);
		expect(error?.httpCode).toBe('400');
		expect(error?.context?.itemIndex).toBe(0);
		expect(server.contacts.size).toBe(1);
	});

	test('a wrong API key says so and never shows the key', async () => {
		const wrongKey = 'wrong-key-SECRET-77c1';
		const { run, error } = await runRampwin({ server, items: [john], apiKey: wrongKey });
		expect(server.requests[0].headers['x-api-key']).toBe(wrongKey);
		expect(error?.message).toBe('Rampwin rejected the API key (HTTP 401)');
		expect(error?.description).toMatch(/paste the API key again/);
		expect(serialise(run)).not.toContain(wrongKey);
		expect(serialise(error)).not.toContain(wrongKey);
	});

	test('an unreachable server is a network error without the key', async () => {
		const closed = await RampwinServer.start();
		const baseUrl = closed.baseUrl;
		await closed.close();
		const { run, error } = await runRampwin({ server, items: [john], baseUrl });
		expect(error?.message).toBe(`Could not reach Rampwin at ${baseUrl}`);
		expect(error?.description).toMatch(/ECONNREFUSED/);
		expect(serialise(run)).not.toContain(server.apiKey);
	});

	test('an invalid Base URL is refused before any request', async () => {
		const { error } = await runRampwin({ server, items: [john], baseUrl: 'api.rampwin.com' });
		expect(error?.message).toBe('The Base URL "api.rampwin.com" is not a valid web address');
		expect(server.requests).toHaveLength(0);
	});

	test('Continue On Fail gives one output per input, paired and in order', async () => {
		const items = [
			{ phone: '+91 90000 00001', name: 'Good One' },
			{ phone: 'not a phone', name: 'Bad Phone' },
			{ phone: '+91 90000 00002', name: 'Good Two' },
			{ phone: '+91 90000 00001', name: 'Duplicate of One' },
			{ phone: '+91 90000 00003', name: '' },
			{ phone: 919000000004, name: 'Good Three' },
		];
		const { output, error, run } = await runRampwin({ server, items, continueOnFail: true });

		expect(error).toBeUndefined();
		expect(output).toHaveLength(items.length);
		output.forEach((item, index) => expect(item.pairedItem).toEqual({ item: index }));
		expect(output.map((item) => item.json.full_name)).toEqual(items.map((item) => item.name));
		expect(output.map((item) => (item.json.error ? 'error' : 'created'))).toEqual([
			'created',
			'error',
			'created',
			'error',
			'error',
			'created',
		]);
		expect(output[1].json).toEqual({
			error: 'Item 1: Phone number "not a phone" contains letters',
			errorDescription: 'Field "Phone Number": Use digits only, with the country code, e.g. +91 98765 43210',
			phone_number: 'not a phone',
			full_name: 'Bad Phone',
			integration_id: 'chan-1',
		});
		expect(output[3].json.error).toBe('Rampwin refused the contact: Contact already exists on this channel');
		expect(output[4].json.error).toBe('Item 4: Full Name is empty');
		expect(server.contacts.size).toBe(3);
		expect(server.requests).toHaveLength(4);
		expect(serialise(run)).not.toContain(server.apiKey);
	});
});

function serialise(value: unknown): string {
	return JSON.stringify(value, (_key, inner: unknown) =>
		inner instanceof Error ? { ...inner, message: inner.message, stack: inner.stack } : inner,
	);
}
