import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { runRampwin, type RampwinRunOptions } from '../harness/rampwin-workflow';
import type { RampwinServer } from '../../sandbox/rampwin-server';
import { useRampwinServer } from '../harness/server';

jest.setTimeout(30_000);

let server: RampwinServer;
useRampwinServer((started) => (server = started));

const TEMPLATES = '/api/message-templates/official-templates';

const shipped: INodeParameters = {
	name: 'order_shipped',
	category: 'utility',
	language: 'en_US',
	bodyText: 'Hi {{1}}, your order {{2}} has shipped.',
	bodyExamples: 'Asha\n#1042',
};

function create(parameters: INodeParameters, options: Partial<Omit<RampwinRunOptions, 'server'>> = {}) {
	return runRampwin({
		server,
		items: [{}],
		...options,
		parameters: { resource: 'template', operation: 'create', ...shipped, ...parameters },
	});
}

function list(parameters: INodeParameters, options: Partial<Omit<RampwinRunOptions, 'server'>> = {}) {
	return runRampwin({ server, items: [{}], ...options, parameters: { resource: 'template', operation: 'getMany', ...parameters } });
}

const createBodies = () => server.requests.filter((r) => r.method === 'POST' && r.path === TEMPLATES).map((r) => r.body as IDataObject);

async function seed(count: number, channel = 'chan-1') {
	for (let index = 1; index <= count; index++) {
		const { error } = await create({ name: `t_${String(index).padStart(3, '0')}`, integrationId: channel });
		expect(error).toBeUndefined();
	}
	server.requests.length = 0;
}

describe('Template › Create through n8n-core', () => {
	test('sends every field in the shape the reference shows and outputs Rampwin\'s data', async () => {
		const { output, error } = await create({
			category: 'marketing',
			headerType: 'text',
			headerText: 'Order {{1}}',
			headerExample: '#1042',
			footerText: 'Reply STOP to opt out',
			buttons: {
				button: [
					{ type: 'quickReply', text: 'Thanks' },
					{ type: 'quickReply', text: 'Help' },
					{ type: 'url', text: 'Track', url: 'https://example.com/orders/{{1}}', urlExample: '1042' },
					{ type: 'phoneNumber', text: 'Call us', phoneNumber: '+91 98765 43210' },
				],
			},
		});
		expect(error).toBeUndefined();
		expect(server.requests).toHaveLength(1);
		const [request] = server.requests;
		expect(request).toMatchObject({ method: 'POST', path: TEMPLATES, query: {} });
		expect(request.headers['x-api-key']).toBe(server.apiKey);
		expect(JSON.parse(request.rawBody)).toStrictEqual({
			channel_id: 'chan-1',
			template_json: {
				name: 'order_shipped',
				category: 'MARKETING',
				language: 'en_US',
				components: [
					{ type: 'HEADER', format: 'TEXT', text: 'Order {{1}}', example: { header_text: ['#1042'] } },
					{ type: 'BODY', text: 'Hi {{1}}, your order {{2}} has shipped.', example: { body_text: [['Asha', '#1042']] } },
					{ type: 'FOOTER', text: 'Reply STOP to opt out' },
					{
						type: 'BUTTONS',
						buttons: [
							{ type: 'QUICK_REPLY', text: 'Thanks' },
							{ type: 'QUICK_REPLY', text: 'Help' },
							{ type: 'URL', text: 'Track', url: 'https://example.com/orders/{{1}}', example: ['1042'] },
							{ type: 'PHONE_NUMBER', text: 'Call us', phone_number: '+919876543210' },
						],
					},
				],
			},
		});
		const [stored] = server.templates.get('chan-1') ?? [];
		expect(output).toEqual([
			{
				json: { template_id: stored.template_id, name: 'order_shipped', status: 'PENDING', category: 'MARKETING', language: 'en_US' },
				pairedItem: { item: 0 },
			},
		]);
	});

	test('a typed language code and components as JSON (what an AI agent gives)', async () => {
		const components = [
			{ type: 'BODY', text: 'Olá {{1}}', example: { body_text: [['Ana']] } },
			{ type: 'BUTTONS', buttons: [{ type: 'QUICK_REPLY', text: 'Sim' }] },
		];
		const { error } = await create({ language: 'other', languageCode: 'pt_BR', componentsInput: 'json', componentsJson: JSON.stringify(components) });
		expect(error).toBeUndefined();
		expect(createBodies()[0]).toStrictEqual({ channel_id: 'chan-1', template_json: { name: 'order_shipped', category: 'UTILITY', language: 'pt_BR', components } });
	});

	test('a media header by handle', async () => {
		const { error } = await create({ headerType: 'document', headerSource: 'handle', headerHandle: '7::pdf-handle' });
		expect(error).toBeUndefined();
		expect((createBodies()[0].template_json as IDataObject).components).toContainEqual({
			type: 'HEADER',
			format: 'DOCUMENT',
			example: { header_handle: ['7::pdf-handle'] },
		});
	});

	test('a binary header is uploaded first (field common_file), then its handle goes into the template', async () => {
		const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47]), Buffer.alloc(4096, 3)]);
		const { output, error } = await create(
			{ headerType: 'image', headerSource: 'binary', binaryPropertyName: 'data' },
			{ items: [{ $binary: { data: { base64: png.toString('base64'), fileName: 'banner.png', mimeType: 'image/png' } } }] },
		);
		expect(error).toBeUndefined();
		expect(server.requests.map((r) => [r.method, r.path, r.query])).toEqual([
			['POST', '/api/integrations/uploadTemplateMedia', { channel_id: 'chan-1' }],
			['POST', TEMPLATES, {}],
		]);
		expect(server.requests[0].headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
		const [upload] = server.templateUploads;
		expect(upload).toMatchObject({ filename: 'banner.png', contentType: 'image/png' });
		expect(upload.bytes.equals(png)).toBe(true);
		expect((createBodies()[0].template_json as IDataObject).components).toContainEqual({
			type: 'HEADER',
			format: 'IMAGE',
			example: { header_handle: [upload.handle] },
		});
		expect(output[0].json.status).toBe('PENDING');
	});

	test.each([
		['a GIF', 'party.gif', 'image/gif', 10, 'image', /has type image\/gif, which template headers do not accept/],
		['a PNG of 6 MB', 'big.png', 'image/png', 6 * 1024 * 1024, 'image', /is 6\.0 MB; WhatsApp accepts images up to 5 MB/],
		['an MP4 of 17 MB', 'clip.mp4', 'video/mp4', 17 * 1024 * 1024, 'video', /is 17\.0 MB; WhatsApp accepts videos up to 16 MB/],
		['a PDF', 'menu.pdf', 'application/pdf', 100, 'image', /document file, which template headers do not take/],
		['a video for an image header', 'clip.mp4', 'video/mp4', 100, 'image', /The file is a video, but the header is an image/],
		// Header Source is hidden for a document header, so a stored "binary" is not read.
		['a document from binary', 'menu.pdf', 'application/pdf', 100, 'document', /The document header has no handle/],
	])('%s is refused before anything is uploaded', async (_what, fileName, mimeType, size, headerType, message) => {
		const { error } = await create(
			{ headerType, headerSource: 'binary' },
			{ items: [{ $binary: { data: { base64: Buffer.alloc(size, 1).toString('base64'), fileName, mimeType } } }] },
		);
		expect(error?.message).toMatch(/^Item 0: /);
		expect(error?.message).toMatch(message);
		expect(server.requests).toHaveLength(0);
	});

	const refusals: Array<[string, INodeParameters, RegExp, string]> = [
		['a name with capitals', { name: 'Order Shipped' }, /may only contain lowercase letters, digits and underscores/, 'Name'],
		['a name of 513 characters', { name: 'a'.repeat(513) }, /513 characters; Meta allows 512/, 'Name'],
		['an unknown language code', { language: 'other', languageCode: 'en-US' }, /"en-US" is not a language code/, 'Language Code'],
		['a header of 61 characters', { headerType: 'text', headerText: 'x'.repeat(61) }, /Header Text is 61 characters; Meta allows 60/, 'Header Text'],
		['two variables in the header', { headerType: 'text', headerText: '{{1}} and {{2}}', headerExample: 'a' }, /2 variables; Meta allows 1 in a header/, 'Header Text'],
		['a header variable without example', { headerType: 'text', headerText: 'Order {{1}}' }, /The header has 1 variable but no example/, 'Header Example'],
		['an empty body from an expression', { bodyText: '={{ $json.nothing }}' }, /Body is empty/, 'Body'],
		['a body of 1025 characters', { bodyText: 'x'.repeat(1025), bodyExamples: '' }, /Body is 1025 characters; Meta allows 1024/, 'Body'],
		['variables out of order', { bodyText: 'Hi {{2}} and {{1}}' }, /has \{\{2\}\} where \{\{1\}\} should come first/, 'Body'],
		['a skipped variable', { bodyText: 'Hi {{1}} and {{3}}' }, /has \{\{3\}\} where \{\{2\}\} should come first/, 'Body'],
		['a named variable', { bodyText: 'Hi {{name}}', bodyExamples: '' }, /\{\{name\}\}, which is not numbered/, 'Body'],
		['missing body examples', { bodyExamples: '' }, /The body has 2 variables but no example/, 'Body Examples'],
		['too few body examples', { bodyExamples: 'Asha' }, /The body has 2 variables but 1 example/, 'Body Examples'],
		['a footer of 61 characters', { footerText: 'x'.repeat(61) }, /Footer is 61 characters; Meta allows 60/, 'Footer'],
		['a footer with a variable', { footerText: 'Bye {{1}}' }, /Footer has a variable/, 'Footer'],
		['button text of 26 characters', { buttons: { button: [{ type: 'quickReply', text: 'x'.repeat(26) }] } }, /is 26 characters; Meta allows 25/, 'Buttons'],
		['a URL of 2001 characters', { buttons: { button: [{ type: 'url', text: 'Go', url: `https://example.com/${'x'.repeat(1981)}` }] } }, /URL is 2001 characters; Meta allows 2000/, 'Buttons'],
		['a URL variable without example', { buttons: { button: [{ type: 'url', text: 'Go', url: 'https://example.com/{{1}}' }] } }, /Button 1 URL has 1 variable but no example/, 'Buttons'],
		['a variable in the middle of a URL', { buttons: { button: [{ type: 'url', text: 'Go', url: 'https://example.com/{{1}}/x', urlExample: 'a' }] } }, /may only end with one variable/, 'Buttons'],
		['three URL buttons', { buttons: { button: [1, 2, 3].map((n) => ({ type: 'url', text: `Go ${n}`, url: 'https://example.com' })) } }, /3 URL buttons; Meta allows 2/, 'Buttons'],
		['two phone buttons', { buttons: { button: [1, 2].map((n) => ({ type: 'phoneNumber', text: `Call ${n}`, phoneNumber: '+919876543210' })) } }, /2 phone number buttons; Meta allows 1/, 'Buttons'],
		// Eleven buttons in the fields are flagged in the editor (maxAllowedFields); as JSON they are checked here.
		['eleven buttons as JSON', { componentsInput: 'json', componentsJson: JSON.stringify([{ type: 'BODY', text: 'Pick' }, { type: 'BUTTONS', buttons: Array.from({ length: 11 }, (_, n) => ({ type: 'QUICK_REPLY', text: `R${n}` })) }]) }, /11 buttons; Meta allows 10/, 'Components (JSON)'],
		['quick replies split by a URL button', { buttons: { button: [{ type: 'quickReply', text: 'A' }, { type: 'url', text: 'Go', url: 'https://example.com' }, { type: 'quickReply', text: 'B' }] } }, /mixed in among the other buttons/, 'Buttons'],
		['a phone button with letters', { buttons: { button: [{ type: 'phoneNumber', text: 'Call', phoneNumber: 'call me' }] } }, /Button 1: Phone number "call me" contains letters/, 'Buttons'],
		['an image header without handle', { headerType: 'image', headerSource: 'handle', headerHandle: '' }, /The image header has no handle/, 'Header Handle'],
		['JSON that does not parse', { componentsInput: 'json', componentsJson: '[{oops' }, /is not valid JSON/, 'Components (JSON)'],
		['JSON without a body', { componentsInput: 'json', componentsJson: '[{"type":"FOOTER","text":"x"}]' }, /The template has no body/, 'Components (JSON)'],
		['JSON body of 1025 characters', { componentsInput: 'json', componentsJson: JSON.stringify([{ type: 'BODY', text: 'x'.repeat(1025) }]) }, /The BODY text is 1025 characters/, 'Components (JSON)'],
	];

	test.each(refusals)('%s is refused before any request, naming the field and the fix', async (_what, parameters, message, field) => {
		const { error, output } = await create(parameters);
		expect(output).toEqual([]);
		expect(error?.name).toBe('NodeOperationError');
		expect(error?.message).toMatch(/^Item 0: /);
		expect(error?.message).toMatch(message);
		expect(error?.description).toMatch(new RegExp(`^Field "${field.replace(/[()]/g, '\\$&')}": .{10,}`));
		expect(server.requests).toHaveLength(0);
	});

	test('a name already on the channel: Rampwin\'s refusal, with what to do', async () => {
		await create({});
		const { error } = await create({});
		expect(error?.name).toBe('NodeApiError');
		// The details of Rampwin's `errors` object reach the message.
		expect(error?.message).toBe('Rampwin refused the template: name: A template named order_shipped already exists on this channel');
		expect(error?.description).toMatch(/already exists on the channel\. Use a new name/);
		expect(server.templates.get('chan-1')).toHaveLength(1);
	});

	test('a lost answer, then "already exists": reported as probably created, stored once', async () => {
		server.fault = { kind: 'reset', afterCreate: true, every: 1, times: 1 };
		const { output, error } = await create({});
		expect(error).toBeUndefined();
		expect(createBodies()).toHaveLength(2);
		expect(server.templates.get('chan-1')).toHaveLength(1);
		expect(output[0].json).toMatchObject({ name: 'order_shipped', status: 'probablyCreated', channel_id: 'chan-1' });
		expect(output[0].json.message).toMatch(/ended with a dropped connection \(ECONNRESET\), so that attempt probably created it/);
	});

	test('every attempt lost its answer: the template may exist, and the error says how to look', async () => {
		server.fault = { kind: 'reset', afterCreate: true, every: 1, times: 99 };
		const { error } = await create({ options: { maxRetries: 2 } });
		expect(createBodies()).toHaveLength(3);
		expect(server.templates.get('chan-1')).toHaveLength(1);
		expect(error?.message).toBe(
			'Rampwin may have created the template: an attempt lost its answer, and no later attempt settled it',
		);
		expect(error?.description).toMatch(/^An attempt ended with a dropped connection \(ECONNRESET\); the last: Could not reach Rampwin .*The connection was closed before Rampwin answered \(ECONNRESET\).*Template › Get Many/);
		expect(error?.description).not.toMatch(/unknown/i);
	});

	test('the error output: good and bad items each on their own output, paired', async () => {
		const { output, errorOutput } = await runRampwin({
			server,
			items: [{ n: 'good_one' }, { n: 'Bad Name' }, { n: 'good_two' }],
			settings: { onError: 'continueErrorOutput' },
			parameters: { resource: 'template', operation: 'create', ...shipped, name: '={{ $json.n }}' },
		});
		expect(output.map((item) => [item.pairedItem, item.json.name])).toEqual([
			[{ item: 0 }, 'good_one'],
			[{ item: 2 }, 'good_two'],
		]);
		expect(errorOutput).toEqual([
			{ json: { n: 'Bad Name', error: expect.stringMatching(/^Item 1: Name "Bad Name" may only contain/), message: expect.stringMatching(/try "bad_name"/) }, pairedItem: { item: 1 } },
		]);
		expect(createBodies()).toHaveLength(2);
	});

	test('Retry On Fail re-runs the node without creating any template twice', async () => {
		const { output } = await runRampwin({
			server,
			items: [{ n: 'Bad' }, { n: 'first' }, { n: 'second' }],
			continueOnFail: true,
			settings: { retryOnFail: true, maxTries: 3, waitBetweenTries: 0 },
			parameters: { resource: 'template', operation: 'create', ...shipped, name: '={{ $json.n }}' },
		});
		// n8n re-ran the node (the first item carries json.error); nothing was sent again.
		expect(createBodies()).toHaveLength(2);
		expect(server.templates.get('chan-1')?.map((t) => t.name)).toEqual(['first', 'second']);
		expect(output.map((item) => item.json.status ?? item.json.error)).toEqual([expect.stringMatching(/^Item 0: /), 'PENDING', 'PENDING']);
	});
});

describe('Template › Get Many through n8n-core', () => {
	test('Return All follows every page; one item per template, paired', async () => {
		await seed(230);
		const { output, error } = await list({ returnAll: true });
		expect(error).toBeUndefined();
		expect(output).toHaveLength(230);
		expect(output.map((item) => item.json.name)).toEqual(Array.from({ length: 230 }, (_, i) => `t_${String(i + 1).padStart(3, '0')}`));
		expect(output.every((item) => item.pairedItem && (item.pairedItem as { item: number }).item === 0)).toBe(true);
		expect(output[0].json).toMatchObject({ status: 'PENDING', category: 'UTILITY', language: 'en_US' });
		// Pages of 100, then an empty page ends the list.
		expect(server.requests.map((r) => r.query)).toEqual([1, 2, 3, 4].map((page) => ({ channel_id: 'chan-1', isPagination: 'true', page: String(page), page_size: '100' })));
	});

	test('Limit stops asking once it has enough', async () => {
		await seed(12);
		const { output } = await list({ returnAll: false, limit: 5 });
		expect(output.map((item) => item.json.name)).toEqual(['t_001', 't_002', 't_003', 't_004', 't_005']);
		expect(server.requests.map((r) => r.query.page)).toEqual(['1']);
		expect(server.requests[0].query.page_size).toBe('5');
	});

	test('the default Limit is 50, across pages when Rampwin pages smaller', async () => {
		await seed(60);
		const { output } = await list({});
		expect(output).toHaveLength(50);
	});

	test('Sync From Meta asks Rampwin to sync first and shows Meta\'s status', async () => {
		await seed(1);
		server.metaStatuses.set('chan-1 t_001', 'APPROVED');
		const before = await list({ returnAll: true });
		expect(before.output[0].json.status).toBe('PENDING');
		const after = await list({ returnAll: true, options: { isSyncMessage: true } });
		expect(after.output[0].json.status).toBe('APPROVED');
		expect(server.requests.at(-2)?.query.isSyncMessage).toBe('true');
		expect(server.requests.at(-1)?.query.isSyncMessage).toBeUndefined();
		server.setTemplateStatus('chan-1', 't_001', 'REJECTED');
		expect((await list({ returnAll: true })).output[0].json.status).toBe('REJECTED');
	});

	test('a list answer whose data is the list itself is read too', async () => {
		await seed(3);
		server.templateListShape = 'dataList';
		const { output } = await list({ returnAll: true });
		expect(output.map((item) => item.json.name)).toEqual(['t_001', 't_002', 't_003']);
	});

	test('an answer without a list fails with a clear error instead of an empty list', async () => {
		await seed(2);
		server.templateListShape = 'noList';
		const { error, output } = await list({ returnAll: true });
		expect(output).toEqual([]);
		expect(error?.message).toBe('Item 0: Rampwin\'s template list could not be read (page 1: "data" holds no list (its fields: page, total))');
		expect(error?.description).toMatch(/fails rather than report no templates/);
	});

	test('a page that fails once is retried (a read is always safe to repeat)', async () => {
		await seed(150);
		server.fault = { kind: 'html502', every: 2, times: 1 };
		const { output, error } = await list({ returnAll: true });
		expect(error).toBeUndefined();
		expect(output).toHaveLength(150);
		expect(server.requests.map((r) => r.query.page)).toEqual(['1', '2', '2', '3']);
	});

	test('templates are per channel; a bad Limit or an empty channel is refused before any request', async () => {
		await seed(2, 'chan-2');
		expect((await list({ returnAll: true })).output).toEqual([]);
		expect((await list({ returnAll: true, integrationId: 'chan-2' })).output).toHaveLength(2);
		server.requests.length = 0;
		const empty = await list({ integrationId: '={{ $json.nothing }}' });
		expect(empty.error?.message).toMatch(/^Item 0: Channel ID is empty/);
		const zero = await list({ limit: '={{ 0 }}' });
		expect(zero.error?.description).toMatch(/^Field "Limit":/);
		expect(server.requests).toHaveLength(0);
	});
});
