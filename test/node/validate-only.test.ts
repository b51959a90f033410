import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { runRampwin } from '../harness/rampwin-workflow';
import type { RampwinServer } from '../../sandbox/rampwin-server';
import { useRampwinServer } from '../harness/server';

jest.setTimeout(30_000);

let server: RampwinServer;
useRampwinServer((started) => (server = started));

// A sheet as people keep one: international, national, WhatsApp IDs, and rows that must fail.
const sheet: IDataObject[] = [
	{ phone: '+91 98765 43210', name: 'Asha' },
	{ phone: '098765 43211', name: 'Trunk zero' },
	{ phone: '4577267430', name: 'Denmark or India' },
	{ phone: '919812345678@c.us', name: 'WhatsApp ID' },
	{ phone: '98765', name: 'Too short' },
	{ phone: '+44 20 7946 0958', name: '' },
	{ phone: '+1 415 555 2671', name: 'Ben' },
];
const options = { defaultCountryCode: '91' };

/** What the server received, in the shape Validate Only outputs. */
const received = () =>
	server.requests.map((request) => ({ method: request.method, path: request.path, qs: request.query, body: JSON.parse(request.rawBody) as unknown }));

describe('Validate Only (Send Nothing), through n8n-core', () => {
	test.each(['create', 'upsert'])(
		'Contact › %s: a mixed sheet sends nothing, and outputs the exact requests a real run sends',
		async (operation) => {
			const check = await runRampwin({
				server,
				items: sheet,
				continueOnFail: true,
				parameters: { operation, options: { ...options, validateOnly: true } },
			});
			expect(server.requests).toHaveLength(0);
			expect(server.apiRequests).toBe(0);

			const real = await runRampwin({ server, items: sheet, continueOnFail: true, parameters: { operation, options } });
			const valid = check.output.filter((item) => item.json.valid === true);
			expect(valid.map((item) => item.json.request)).toEqual(received());
			expect(valid.map((item) => item.pairedItem)).toEqual(
				real.output.filter((item) => item.json.error === undefined).map((item) => item.pairedItem),
			);
			// Every item gives one output, in order; the failures are the same errors as a real run's.
			expect(check.output.map((item) => item.pairedItem)).toEqual(sheet.map((_, item) => ({ item })));
			expect(check.output.map((item) => item.json.error)).toEqual(real.output.map((item) => item.json.error ?? null));
			expect(check.output.map((item) => item.json.errorDescription)).toEqual(real.output.map((item) => item.json.errorDescription ?? null));
			// One set of columns on every row, so that n8n's table has no "undefined" cells.
			expect(valid[0].json).toMatchObject({ valid: true, error: null, errorDescription: null, phone_number: sheet[0].phone, request: received()[0] });
			const invalid = check.output.find((item) => item.json.valid === false);
			expect(Object.keys(invalid?.json ?? {})).toEqual(Object.keys(valid[0].json));
			expect(invalid?.json.request).toBeNull();
			// The key is the credential's, added when a request is sent: not in the output.
			expect(JSON.stringify(check.output)).not.toContain(server.apiKey);
		},
	);

	test('with the error output on, invalid items go there exactly as in a real run', async () => {
		const check = await runRampwin({
			server,
			items: sheet,
			settings: { onError: 'continueErrorOutput' },
			parameters: { options: { ...options, validateOnly: true } },
		});
		expect(server.requests).toHaveLength(0);
		const real = await runRampwin({ server, items: sheet, settings: { onError: 'continueErrorOutput' }, parameters: { options } });
		expect(check.errorOutput).toEqual(real.errorOutput);
		expect(check.output.map((item) => item.json.request)).toEqual(received());
	});

	test('without Continue On Fail, the first invalid item fails the node as a real run would, and nothing is sent', async () => {
		const check = await runRampwin({ server, items: sheet, parameters: { options: { ...options, validateOnly: true } } });
		expect(server.requests).toHaveLength(0);
		const real = await runRampwin({ server, items: sheet, parameters: { options } });
		expect(check.error?.message).toBe(real.error?.message);
		expect(check.error?.message).toMatch(/^Item 2: /);
		expect(check.error?.description).toBe(real.error?.description);
	});

	test.each<[string, INodeParameters]>([
		['sendText', { text: 'Hi', phoneNumber: '={{ $json.phone }}' }],
		['sendButtons', { phoneNumber: '={{ $json.phone }}', bodyText: 'Pick', buttons: { button: [{ title: 'Yes' }, { title: 'No' }] } }],
		['sendMedia', { phoneNumber: '={{ $json.phone }}', source: 'url', fileUrl: 'https://example.com/a.pdf' }],
	])('Message › %s: nothing is sent, the request is the one a real run sends', async (operation, parameters) => {
		const items = [{ phone: '+91 98765 43210', name: 'Asha' }];
		const check = await runRampwin({
			server,
			items,
			parameters: { resource: 'message', operation, ...parameters, options: { validateOnly: true } },
		});
		expect(check.error).toBeUndefined();
		expect(server.requests).toHaveLength(0);
		expect(server.deliveredTo('919876543210')).toHaveLength(0);
		await runRampwin({ server, items, parameters: { resource: 'message', operation, ...parameters } });
		expect(check.output.map((item) => item.json)).toEqual(
			received().map((request) => ({ valid: true, error: null, errorDescription: null, phone_number: items[0].phone, channel_id: 'chan-1', request })),
		);
	});

	test('Message › Send Media from binary data: neither the upload nor the message is sent; the upload is described', async () => {
		const file = { base64: Buffer.from('%PDF-1.4\n').toString('base64'), fileName: 'a.pdf', mimeType: 'application/pdf' };
		const check = await runRampwin({
			server,
			items: [{ phone: '+91 98765 43210', name: 'Asha', $binary: { data: file } }],
			parameters: { resource: 'message', operation: 'sendMedia', phoneNumber: '={{ $json.phone }}', source: 'binary', options: { validateOnly: true } },
		});
		expect(check.error).toBeUndefined();
		expect(server.requests).toHaveLength(0);
		expect(check.output[0].json).toMatchObject({
			valid: true,
			request: { method: 'POST', path: '/api/messages/send', body: { channel_id: 'chan-1', phone_number: '919876543210' } },
			upload: { method: 'POST', path: '/api/media/upload', contentType: 'multipart/form-data' },
		});
		expect((check.output[0].json.upload as IDataObject).bytes).toEqual(expect.any(Number));
	});
});
