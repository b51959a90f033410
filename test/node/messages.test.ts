import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { runRampwin, type RampwinRunOptions } from '../harness/rampwin-workflow';
import { N8N_LINE } from '../harness/n8n';
import type { RampwinServer } from '../../sandbox/rampwin-server';
import { useRampwinServer } from '../harness/server';

jest.setTimeout(30_000);

let server: RampwinServer;
useRampwinServer((started) => (server = started));

const asha = { phone: '+91 98765 43210', name: 'Asha' };

function send(operation: string, parameters: INodeParameters, options: Partial<Omit<RampwinRunOptions, 'server'>> = {}) {
	return runRampwin({
		server,
		items: [asha],
		...options,
		parameters: { resource: 'message', operation, ...parameters, ...options.parameters },
	});
}

const sentBodies = () => server.requests.filter((r) => r.path === '/api/messages/send').map((r) => JSON.parse(r.rawBody) as IDataObject);

describe('Message > Send Text through n8n-core', () => {
	test('sends the text as the reference shows, and outputs what Rampwin said', async () => {
		const { output, error } = await send('sendText', { text: 'Hi {{ $json.name }}', phoneNumber: '={{ $json.phone }}' });
		expect(error).toBeUndefined();
		const [request] = server.requests;
		expect(request.path).toBe('/api/messages/send');
		expect(request.query).toEqual({});
		expect(request.headers['x-api-key']).toBe(server.apiKey);
		expect(JSON.parse(request.rawBody)).toStrictEqual({
			channel_id: 'chan-1',
			phone_number: '919876543210',
			text: 'Hi {{ $json.name }}',
		});
		expect(server.deliveredTo('919876543210')).toHaveLength(1);
		expect(output).toEqual([
			{ json: { sent: true, phone_number: '919876543210', message: 'Message sent successfully' }, pairedItem: { item: 0 } },
		]);
	});

	test('Hide From Chat goes in the body, Hide From Chat List in the query', async () => {
		await send('sendText', { text: 'Hi', options: { hideFromChat: true, hideFromChatList: true } });
		expect(server.requests[0].query).toEqual({ dontShowInChatList: 'true' });
		expect(sentBodies()[0]).toStrictEqual({ channel_id: 'chan-1', phone_number: '919876543210', hide_from_chat: true, text: 'Hi' });
		expect(server.messages[0]).toMatchObject({ hideFromChat: true, dontShowInChatList: true });
	});

	test('outside the 24-hour window: Rampwin\'s message, and what it means', async () => {
		server.sessionWindow = new Set(['447700900123']);
		const { error } = await send('sendText', { text: 'Hi' });
		expect(error?.message).toBe(
			'Rampwin refused the message: Session expired: the contact has not messaged this channel in the last 24 hours',
		);
		expect(error?.description).toMatch(/only within 24 hours of the contact's last message/);
		expect(server.messages).toHaveLength(0);
		expect(server.requests).toHaveLength(1);
	});

	test.each([
		['an empty text from an expression', { text: '={{ $json.nothing }}' }, /Field "Text"/],
		['a text of 4097 characters', { text: 'x'.repeat(4097) }, /4097 characters; WhatsApp allows 4096/],
		['a phone with letters', { text: 'Hi', phoneNumber: 'call me' }, /contains letters/],
		['an empty channel', { text: 'Hi', integrationId: '={{ $json.nothing }}' }, /Channel ID is empty/],
	])('%s is refused before any request', async (_what, parameters, message) => {
		const { error } = await send('sendText', parameters);
		expect(error?.message).toMatch(/^Item 0: /);
		expect(`${error?.message} ${error?.description}`).toMatch(message);
		expect(server.requests).toHaveLength(0);
	});
});

describe('Message > Send Media through n8n-core', () => {
	test('by URL: the address goes as file_url', async () => {
		const { output } = await send('sendMedia', { source: 'url', fileUrl: 'https://example.com/brochure.pdf' });
		expect(sentBodies()).toStrictEqual([
			{ channel_id: 'chan-1', phone_number: '919876543210', file_url: 'https://example.com/brochure.pdf' },
		]);
		expect(output[0].json.sent).toBe(true);
	});

	test('from binary data: uploaded first (multipart, field "file"), then sent by the returned URL', async () => {
		const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(2048, 7)]);
		const { output, error } = await send(
			'sendMedia',
			{ source: 'binary', binaryPropertyName: 'data' },
			{ items: [{ ...asha, $binary: { data: { base64: png.toString('base64'), fileName: 'logo.png', mimeType: 'image/png' } } }] },
		);
		expect(error).toBeUndefined();
		expect(server.requests.map((r) => r.path)).toEqual(['/api/media/upload', '/api/messages/send']);
		expect(server.requests[0].headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
		expect(server.requests[0].headers['x-api-key']).toBe(server.apiKey);
		const [upload] = server.uploads;
		expect(upload).toMatchObject({ filename: 'logo.png', contentType: 'image/png' });
		expect(upload.bytes.equals(png)).toBe(true);
		expect(sentBodies()).toStrictEqual([{ channel_id: 'chan-1', phone_number: '919876543210', file_url: upload.url }]);
		// The URL serves the very bytes back, as WhatsApp would fetch them.
		const served = Buffer.from(await (await fetch(upload.url)).arrayBuffer());
		expect(served.equals(png)).toBe(true);
		expect(output[0].json).toEqual({ sent: true, phone_number: '919876543210', message: 'Message sent successfully' });
	});

	test.each([
		['a GIF', 'party.gif', 'image/gif', 10, /has type image\/gif, which WhatsApp media messages do not accept/],
		['a PDF of 101 MB', 'scan.pdf', 'application/pdf', 101 * 1024 * 1024, /is 101\.0 MB; WhatsApp accepts documents up to 100 MB/],
	])('%s is refused before anything is uploaded', async (_what, fileName, mimeType, size, message) => {
		const { error } = await send(
			'sendMedia',
			{ source: 'binary' },
			{ items: [{ ...asha, $binary: { data: { base64: Buffer.alloc(size, 1).toString('base64'), fileName, mimeType } } }] },
		);
		expect(error?.message).toMatch(message);
		expect(error?.message).toMatch(/^Item 0: /);
		expect(server.requests).toHaveLength(0);
	});

	test('a failed upload sends nothing', async () => {
		server.fault = { kind: 'status503', every: 1, times: 99 };
		const { error } = await send(
			'sendMedia',
			{ source: 'binary', options: { maxRetries: 1 } },
			{ items: [{ ...asha, $binary: { data: { base64: 'JVBERi0xLjQK', fileName: 'a.pdf', mimeType: 'application/pdf' } } }] },
		);
		expect(error?.message).toBe('Rampwin had a server error (HTTP 503)');
		expect(server.requests.map((r) => r.path)).toEqual(['/api/media/upload', '/api/media/upload']);
		expect(server.messages).toHaveLength(0);
	});

	test('a URL that is not http(s) is refused before sending', async () => {
		const { error } = await send('sendMedia', { source: 'url', fileUrl: 'ftp://example.com/a.pdf' });
		expect(error?.description).toMatch(/^Field "File URL":/);
		expect(server.requests).toHaveLength(0);
	});
});

describe('Message > Send Buttons and Send List through n8n-core', () => {
	test('buttons: the interactive object in the reference\'s shape; an ID defaults to its title', async () => {
		await send('sendButtons', {
			bodyText: 'Shall we confirm Friday?',
			buttons: { button: [{ title: 'Confirm', id: 'yes' }, { title: 'Later' }] },
			headerImageUrl: 'https://example.com/offer.jpg',
			footerText: 'Reply STOP to opt out',
		});
		expect(sentBodies()[0]).toStrictEqual({
			channel_id: 'chan-1',
			phone_number: '919876543210',
			interactive: {
				type: 'button',
				body: { text: 'Shall we confirm Friday?' },
				action: {
					buttons: [
						{ type: 'reply', reply: { id: 'yes', title: 'Confirm' } },
						{ type: 'reply', reply: { id: 'Later', title: 'Later' } },
					],
				},
				header: { type: 'image', image: { link: 'https://example.com/offer.jpg' } },
				footer: { text: 'Reply STOP to opt out' },
			},
		});
		expect(server.messages[0].kind).toBe('button');
	});

	test.each([
		['a fourth button', 'sendButtons', { buttons: { button: [1, 2, 3, 4].map((n) => ({ title: `B${n}` })) } }, /At most 3 fields are allowed/],
		['a new node\'s empty button', 'sendButtons', {}, /Parameter "Button Title" is required/],
	])('%s is refused by n8n itself, as the editor flags it', async (_what, operation, parameters, message) => {
		// n8n 1.x refuses a node with issues too, in its own words.
		const said = N8N_LINE === '1' ? /The workflow has issues and cannot be executed/ : message;
		await expect(send(operation, { bodyText: 'Pick', ...parameters })).rejects.toThrow(said);
		expect(server.requests).toHaveLength(0);
	});

	test.each([
		['no button', 'sendButtons', { buttons: {} }, 'Buttons', /There are 0 buttons; WhatsApp allows 1 to 3/],
		['a list without sections', 'sendList', { buttonText: 'Open', sections: {} }, 'Sections', /The list has no sections/],
	])('%s (emptied by hand, which n8n does not flag) is refused by the node, naming the field', async (_what, operation, parameters, field, message) => {
		const { error } = await send(operation, { bodyText: 'Pick', ...parameters });
		expect(error?.message).toMatch(message);
		expect(error?.description).toMatch(new RegExp(`^Field "${field}": `));
		expect(server.requests).toHaveLength(0);
	});

	test('a section without rows is refused by the node (n8n cannot flag it; see Sections in sendList)', async () => {
		const { error } = await send('sendList', {
			bodyText: 'Pick',
			buttonText: 'Open',
			sections: { section: [{ title: 'A', rows: {} }] },
		});
		expect(error?.message).toMatch(/^Item 0: Section 1 has no rows/);
		expect(server.requests).toHaveLength(0);
	});

	test.each([
		['a title of 21 characters', { button: [{ title: 'x'.repeat(21) }] }, /21 characters; WhatsApp allows 20/],
		['two buttons with one title', { button: [{ title: 'Yes' }, { title: 'Yes' }] }, /Yes/],
		['a title that an expression leaves empty', { button: [{ title: '={{ $json.nothing }}' }] }, /title/i],
	])('buttons: %s is refused before any request', async (_what, buttons, message) => {
		const { error } = await send('sendButtons', { bodyText: 'Pick', buttons });
		expect(`${error?.message} ${error?.description}`).toMatch(message);
		expect(server.requests).toHaveLength(0);
	});

	test('list from the fields: sections and rows in the reference\'s shape', async () => {
		await send('sendList', {
			bodyText: 'Which pizza?',
			buttonText: 'See the menu',
			sections: {
				section: [
					{ title: 'Pizzas', rows: { row: [{ title: 'Margherita', id: 'm', description: 'Tomato and mozzarella' }] } },
					{ title: 'Drinks', rows: { row: [{ title: 'Lemonade' }] } },
				],
			},
		});
		expect(sentBodies()[0].interactive).toStrictEqual({
			type: 'list',
			body: { text: 'Which pizza?' },
			action: {
				button: 'See the menu',
				sections: [
					{ title: 'Pizzas', rows: [{ id: 'm', title: 'Margherita', description: 'Tomato and mozzarella' }] },
					{ title: 'Drinks', rows: [{ id: 'Lemonade', title: 'Lemonade' }] },
				],
			},
		});
		expect(server.messages[0].kind).toBe('list');
	});

	test('list from JSON, e.g. an AI agent\'s or a previous node\'s', async () => {
		const sections = [{ title: 'Slots', rows: [{ id: 'mon', title: 'Monday 10:00' }, { id: 'tue', title: 'Tuesday 15:00' }] }];
		const { error } = await send(
			'sendList',
			{ bodyText: 'Pick a slot', buttonText: 'Slots', sectionsInput: 'json', sectionsJson: '={{ $json.sections }}' },
			{ items: [{ ...asha, sections }] },
		);
		expect(error).toBeUndefined();
		expect((sentBodies()[0].interactive as IDataObject).action).toStrictEqual({ button: 'Slots', sections });
	});

	test.each([
		['eleven rows', Array.from({ length: 11 }, (_, n) => ({ id: `r${n}`, title: `Row ${n}` })), /10/],
		['a row title of 25', [{ id: 'a', title: 'x'.repeat(25) }], /25 characters; WhatsApp allows 24/],
		['the same row ID twice', [{ id: 'a', title: 'A' }, { id: 'a', title: 'B' }], /same as/],
	])('list: %s is refused before any request', async (_what, rows, message) => {
		const { error } = await send(
			'sendList',
			{ bodyText: 'Pick', buttonText: 'Open', sectionsInput: 'json', sectionsJson: JSON.stringify([{ title: 'S', rows }]) },
		);
		expect(`${error?.message} ${error?.description}`).toMatch(message);
		expect(server.requests).toHaveLength(0);
	});

	test('a button label of 21 characters is refused', async () => {
		const { error } = await send('sendList', {
			bodyText: 'Pick',
			buttonText: 'x'.repeat(21),
			sectionsInput: 'json',
			sectionsJson: '[{"title":"S","rows":[{"id":"a","title":"A"}]}]',
		});
		expect(error?.description).toMatch(/^Field "Button Text":/);
		expect(server.requests).toHaveLength(0);
	});
});

describe('messages and the error output', () => {
	test('each failure on the error output, each success on the success output, paired', async () => {
		server.sessionWindow = new Set(['919876543210', '447700900123']);
		const { output, errorOutput } = await runRampwin({
			server,
			items: [asha, { phone: 'bad', name: 'Bad' }, { phone: '+1 415 555 2671', name: 'Out of window' }, { phone: '+44 7700 900123', name: 'Em' }],
			settings: { onError: 'continueErrorOutput' },
			parameters: { resource: 'message', operation: 'sendText', text: 'Hello' },
		});
		expect(output.map((item) => [item.pairedItem, item.json.phone_number])).toEqual([
			[{ item: 0 }, '919876543210'],
			[{ item: 3 }, '447700900123'],
		]);
		expect(errorOutput.map((item) => [item.pairedItem, item.json.name, item.json.error])).toEqual([
			[{ item: 1 }, 'Bad', 'Item 1: Phone number "bad" contains letters'],
			[
				{ item: 2 },
				'Out of window',
				'Rampwin refused the message: Session expired: the contact has not messaged this channel in the last 24 hours',
			],
		]);
		expect(server.messages).toHaveLength(2);
	});
});
