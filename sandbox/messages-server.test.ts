import type { Fault } from './faults';
import { NO_FILE } from './media';
import { INVALID_PAYLOAD, SESSION_EXPIRED } from './messages';
import type { RampwinServer } from './rampwin-server';
import { useRampwinServer } from '../test/harness/server';

let server: RampwinServer;
useRampwinServer((started) => (server = started));

const PHONE = '919999999999';

interface Answer {
	status: number;
	contentType: string | null;
	text: string;
	retryAfter: string | null;
}

async function post(
	path: string,
	body: string | FormData,
	headers: Record<string, string> = {},
	timeoutMs = 5000,
): Promise<Answer> {
	const response = await fetch(`${server.baseUrl}${path}`, {
		method: 'POST',
		headers: { 'x-api-key': server.apiKey, ...headers },
		body,
		signal: AbortSignal.timeout(timeoutMs),
	});
	return {
		status: response.status,
		contentType: response.headers.get('content-type'),
		text: await response.text(),
		retryAfter: response.headers.get('retry-after'),
	};
}

const sendMessage = (body: unknown, { query = '', headers = {}, timeoutMs = 5000 } = {}) =>
	post(
		`/api/messages/send${query}`,
		JSON.stringify(body),
		{ 'content-type': 'application/json', ...headers },
		timeoutMs,
	);

const message = (content: Record<string, unknown>, phone = PHONE) => ({
	channel_id: 'chan-1',
	phone_number: phone,
	...content,
});

async function upload(bytes: Uint8Array, filename: string, type = 'image/png', timeoutMs = 5000): Promise<Answer> {
	const form = new FormData();
	form.append('file', new Blob([bytes], { type }), filename);
	return await post('/api/media/upload', form, {}, timeoutMs);
}

const uploadedUrl = async (filename = 'photo.png') =>
	(JSON.parse((await upload(new Uint8Array([1, 2, 3]), filename)).text) as { url: string }).url;

const buttons = (overrides: Record<string, unknown> = {}, count = 2) => ({
	type: 'button',
	body: { text: 'Pick one' },
	action: {
		buttons: Array.from({ length: count }, (_, index) => ({
			type: 'reply',
			reply: { id: `b${index}`, title: `Option ${index}` },
		})),
	},
	...overrides,
});

const list = (overrides: Record<string, unknown> = {}, rowsPerSection = [2, 1]) => ({
	type: 'list',
	body: { text: 'Choose a plan' },
	action: {
		button: 'Plans',
		sections: rowsPerSection.map((count, section) => ({
			title: `Section ${section}`,
			rows: Array.from({ length: count }, (_, row) => ({
				id: `s${section}r${row}`,
				title: `Row ${row}`,
				description: 'More about it',
			})),
		})),
	},
	...overrides,
});

const reply = (id: string, title: string) => ({ type: 'reply', reply: { id, title } });
const withButtons = (...replies: unknown[]) => ({ interactive: buttons({ action: { buttons: replies } }) });
const section = (rows: unknown[], title: string | undefined = 'S') => ({ title, rows });
const withSections = (...sections: unknown[]) => ({ interactive: list({ action: { button: 'Plans', sections } }) });
const x = (count: number) => 'x'.repeat(count);

const OK = { status: 200, text: JSON.stringify({ success: true, message: 'Message sent successfully' }) };
const REFUSED = { status: 400, text: JSON.stringify({ success: false, message: INVALID_PAYLOAD }) };

describe('POST /api/messages/send', () => {
	test('delivers a text and records it with the query flag and hide_from_chat', async () => {
		const hidden = message({ text: 'Hello', hide_from_chat: true });
		expect(await sendMessage(hidden, { query: '?dontShowInChatList=true' })).toMatchObject(OK);
		expect(await sendMessage(message({ text: 'Again' }), { query: '?dontShowInChatList=false' })).toMatchObject(OK);
		expect(await sendMessage(message({ text: 'Plain' }))).toMatchObject(OK);
		expect(server.messages.map(({ receivedAt, ...rest }) => rest)).toEqual([
			{
				channel: 'chan-1',
				phone: PHONE,
				kind: 'text',
				content: 'Hello',
				body: hidden,
				hideFromChat: true,
				dontShowInChatList: true,
			},
			expect.objectContaining({ content: 'Again', hideFromChat: undefined, dontShowInChatList: false }),
			expect.objectContaining({ content: 'Plain', dontShowInChatList: undefined }),
		]);
		expect(server.deliveredTo(PHONE)).toHaveLength(3);
		expect(server.deliveredTo('447700900123')).toEqual([]);
	});

	test.each([
		['media by URL', { file_url: 'https://cdn.example.com/a.pdf' }, 'media'],
		['reply buttons, the fewest fields', { interactive: buttons({}, 1) }, 'button'],
		[
			'reply buttons with an image header and a footer',
			{
				interactive: buttons(
					{ header: { type: 'image', image: { link: 'https://cdn.example.com/a.png' } }, footer: { text: 'Rampwin' } },
					3,
				),
			},
			'button',
		],
		['a list with two sections and a footer', { interactive: list({ footer: { text: 'Rampwin' } }) }, 'list'],
		['a list whose rows have no description', withSections(section([{ id: 'r', title: 'Row' }])), 'list'],
	])('delivers %s', async (_what, content, kind) => {
		expect(await sendMessage(message(content))).toMatchObject(OK);
		expect(server.messages).toEqual([expect.objectContaining({ kind, content: Object.values(content)[0] })]);
	});

	test.each([
		['text of 4096 characters', { text: x(4096) }],
		['text of 4096 emoji (counted as characters, not UTF-16 units)', { text: '😀'.repeat(4096) }],
		[
			'buttons at every limit',
			{
				interactive: buttons({
					body: { text: x(1024) },
					action: { buttons: [reply(x(256), x(20)), reply('b', 'B'), reply('c', 'C')] },
					footer: { text: x(60) },
				}),
			},
		],
		[
			'a list at every limit',
			{
				interactive: list({
					body: { text: x(4096) },
					action: {
						button: x(20),
						sections: Array.from({ length: 10 }, (_, index) => ({
							title: x(23) + String(index),
							rows: [{ id: x(199) + String(index), title: x(24), description: x(72) }],
						})),
					},
					footer: { text: x(60) },
				}),
			},
		],
	])('accepts %s', async (_what, content) => {
		expect(await sendMessage(message(content))).toMatchObject(OK);
	});

	test.each<[string, Record<string, unknown>, RegExp]>([
		['a phone number sent as a JSON number', { phone_number: 919999999999, text: 'Hi' }, /phone_number/],
		['a phone number with "+"', { phone_number: '+919999999999', text: 'Hi' }, /phone_number/],
		['a phone number with spaces', { phone_number: '91 99999 99999', text: 'Hi' }, /phone_number/],
		['a phone number too short', { phone_number: '12345', text: 'Hi' }, /phone_number/],
		['no phone number', { phone_number: undefined, text: 'Hi' }, /phone_number is required/],
		['no channel', { channel_id: undefined, text: 'Hi' }, /channel_id is required/],
		['an empty channel', { channel_id: '', text: 'Hi' }, /channel_id/],
		['a string hide_from_chat', { text: 'Hi', hide_from_chat: 'true' }, /hide_from_chat/],
		['no content', {}, /exactly one of/],
		['two kinds of content', { text: 'Hi', file_url: 'https://cdn.example.com/a.png' }, /exactly one of/],
		['a field the reference does not give', { file_url: 'https://cdn.example.com/a.png', caption: 'Hi' }, /caption/],
		['empty text', { text: '' }, /text must be 1 to 4096/],
		['text of 4097 characters', { text: x(4097) }, /text must be 1 to 4096/],
		['text that is not a string', { text: 42 }, /text must be a string/],
		['a file URL that is not http(s)', { file_url: 'ftp://cdn.example.com/a.png' }, /file_url must be an http/],
		['a file URL that is not a URL', { file_url: 'a.png' }, /file_url must be an http/],
		['an interactive of another type', { interactive: { ...buttons(), type: 'product' } }, /interactive.type/],
		['no buttons', withButtons(), /buttons must be an array of 1 to 3/],
		['4 buttons', { interactive: buttons({}, 4) }, /buttons must be an array of 1 to 3/],
		['a button title of 21', withButtons(reply('a', x(21))), /reply.title must be 1 to 20/],
		['an empty button title', withButtons(reply('a', '')), /reply.title/],
		['a button id of 257', withButtons(reply(x(257), 'A')), /reply.id must be 1 to 256/],
		['a button not of type reply', withButtons({ ...reply('a', 'A'), type: 'url' }), /type must be "reply"/],
		['the same button id twice', withButtons(reply('a', 'A'), reply('a', 'B')), /button ids must be distinct/],
		['the same button title twice', withButtons(reply('a', 'A'), reply('b', 'A')), /button titles must be distinct/],
		['a buttons body of 1025', { interactive: buttons({ body: { text: x(1025) } }) }, /body.text must be 1 to 1024/],
		['buttons without a body', { interactive: buttons({ body: undefined }) }, /interactive.body is required/],
		['a footer of 61', { interactive: buttons({ footer: { text: x(61) } }) }, /footer.text must be 1 to 60/],
		['a text header', { interactive: buttons({ header: { type: 'text', text: 'Hi' } }) }, /header.type must be "image"/],
		[
			'an image header without a URL',
			{ interactive: buttons({ header: { type: 'image', image: { link: 'a.png' } } }) },
			/image.link must be an http/,
		],
		['a list button label of 21', { interactive: list({ action: { ...list().action, button: x(21) } }) }, /button must/],
		['a list of 11 sections', { interactive: list({}, Array(11).fill(1)) }, /sections must be an array of 1 to 10/],
		['a list of 11 rows in all', { interactive: list({}, [6, 5]) }, /at most 10 rows in all \(got 11\)/],
		['a list section without rows', { interactive: list({}, [0]) }, /rows must be an array of 1 to 10/],
		['a list body of 4097', { interactive: list({ body: { text: x(4097) } }) }, /body.text must be 1 to 4096/],
		['a list footer of 61', { interactive: list({ footer: { text: x(61) } }) }, /footer.text must be 1 to 60/],
		['a list with a header', { interactive: list({ header: { type: 'text', text: 'Hi' } }) }, /header is not a field/],
		['a row title of 25', withSections(section([{ id: 'r', title: x(25) }])), /rows\[0\].title must be 1 to 24/],
		['a row id of 201', withSections(section([{ id: x(201), title: 'R' }])), /rows\[0\].id must be 1 to 200/],
		[
			'a row description of 73',
			withSections(section([{ id: 'r', title: 'R', description: x(73) }])),
			/description must be 1 to 72/,
		],
		['a section title of 25', withSections(section([{ id: 'r', title: 'R' }], x(25))), /title must be 1 to 24/],
		[
			'an untitled section beside another',
			withSections({ rows: [{ id: 'r', title: 'R' }] }, section([{ id: 's', title: 'S' }])),
			/sections\[0\].title must be a string/,
		],
		[
			'the same row id in two sections',
			withSections(section([{ id: 'same', title: 'One' }]), section([{ id: 'same', title: 'Two' }])),
			/row ids must be distinct/,
		],
	])('refuses %s with the reference\'s 400', async (_what, change, reason) => {
		expect(await sendMessage(message(change))).toMatchObject(REFUSED);
		expect(server.lastRejection).toMatch(reason);
		expect(server.messages).toEqual([]);
	});

	test('refuses a bad dontShowInChatList, a body that is not JSON, and a non-JSON content type', async () => {
		expect(await sendMessage(message({ text: 'Hi' }), { query: '?dontShowInChatList=yes' })).toMatchObject(REFUSED);
		expect(server.lastRejection).toMatch(/dontShowInChatList/);
		expect(await post('/api/messages/send', '{"text": ', { 'content-type': 'application/json' })).toMatchObject(REFUSED);
		expect(server.lastRejection).toMatch(/body must be an object/);
		const plain = { headers: { 'content-type': 'text/plain' } };
		expect(await sendMessage(message({ text: 'Hi' }), plain)).toMatchObject(REFUSED);
		expect(server.lastRejection).toMatch(/content-type/);
		expect(server.messages).toEqual([]);
	});

	test('answers a wrong key with a plain-text 401, as the contacts routes do', async () => {
		const answer = await sendMessage(message({ text: 'Hi' }), { headers: { 'x-api-key': 'wrong' } });
		expect(answer).toMatchObject({ status: 401, contentType: 'text/plain', text: 'Unauthorized' });
		expect(server.messages).toEqual([]);
	});

	test('the 24-hour window: only numbers that wrote in may get a message; reset() opens it to all', async () => {
		server.sessionWindow = new Set([PHONE]);
		expect(await sendMessage(message({ text: 'Hi' }))).toMatchObject(OK);
		const expired = await sendMessage(message({ text: 'Hi' }, '447700900123'));
		expect(expired).toMatchObject({ status: 400, text: JSON.stringify({ success: false, message: SESSION_EXPIRED }) });
		expect(server.lastRejection).toBe(SESSION_EXPIRED);
		expect(server.messages.map((sent) => sent.phone)).toEqual([PHONE]);
		server.reset();
		expect(await sendMessage(message({ text: 'Hi' }, '447700900123'))).toMatchObject(OK);
	});

	test('is not idempotent: the same message sent twice is delivered twice', async () => {
		await sendMessage(message({ text: 'Hi' }));
		await sendMessage(message({ text: 'Hi' }));
		expect(server.deliveredTo(PHONE).filter((sent) => sent.content === 'Hi')).toHaveLength(2);
	});
});

describe('POST /api/media/upload and GET /uploads/…', () => {
	test('stores the file and serves its bytes back intact, with their content type, without a key', async () => {
		const bytes = Uint8Array.from({ length: 256 * 4 }, (_, index) => index % 256);
		const answer = await upload(bytes, 'my photo (1).png');
		expect(answer.status).toBe(200);
		const { success, url } = JSON.parse(answer.text) as { success: boolean; url: string };
		expect(success).toBe(true);
		expect(url).toMatch(new RegExp(`^${server.baseUrl}/uploads/[0-9a-f]+/my_photo_1_.png$`));
		expect(server.uploads).toEqual([
			{
				filename: 'my photo (1).png',
				contentType: 'image/png',
				bytes: Buffer.from(bytes),
				url,
				receivedAt: expect.any(Number),
			},
		]);
		const served = await fetch(url);
		expect(served.status).toBe(200);
		expect(served.headers.get('content-type')).toBe('image/png');
		expect(Buffer.from(await served.arrayBuffer())).toEqual(Buffer.from(bytes));
		expect((await fetch(`${url}x`)).status).toBe(404);
		expect((await fetch(`${server.baseUrl}/uploads/nothing/here.png`)).status).toBe(404);
	});

	test('an uploaded URL serves as file_url and as a header; one naming a file the server lacks is refused', async () => {
		const url = await uploadedUrl();
		expect(await sendMessage(message({ file_url: url }))).toMatchObject(OK);
		const header = { type: 'image', image: { link: url } };
		expect(await sendMessage(message({ interactive: buttons({ header }) }))).toMatchObject(OK);
		const missing = url.replace(/[^/]+$/, 'other.png');
		expect(await sendMessage(message({ file_url: missing }))).toMatchObject(REFUSED);
		expect(server.lastRejection).toMatch(/names no uploaded file/);
		const missingHeader = { type: 'image', image: { link: missing } };
		expect(await sendMessage(message({ interactive: buttons({ header: missingHeader }) }))).toMatchObject(REFUSED);
		expect(server.messages.map((sent) => sent.kind)).toEqual(['media', 'button']);
	});

	test.each<[string, () => Promise<Answer>, RegExp]>([
		['a JSON body', () => post('/api/media/upload', '{}', { 'content-type': 'application/json' }), /multipart/],
		[
			'a form without the field "file"',
			() => {
				const form = new FormData();
				form.append('upload', new Blob([new Uint8Array([1])]), 'a.png');
				return post('/api/media/upload', form);
			},
			/no file in the field "file"/,
		],
		[
			'a "file" field that is text',
			() => {
				const form = new FormData();
				form.append('file', 'not a file');
				return post('/api/media/upload', form);
			},
			/no file in the field "file"/,
		],
		['an empty file', () => upload(new Uint8Array(), 'a.png'), /empty/],
		[
			'a multipart body that does not parse',
			() => post('/api/media/upload', 'garbage', { 'content-type': 'multipart/form-data; boundary=zzz' }),
			/does not parse/,
		],
	])('refuses %s with 400 "No file uploaded"', async (_what, request, reason) => {
		expect(await request()).toMatchObject({ status: 400, text: JSON.stringify({ success: false, message: NO_FILE }) });
		expect(server.lastRejection).toMatch(reason);
		expect(server.uploads).toEqual([]);
	});

	test('answers a wrong key with a plain-text 401', async () => {
		const form = new FormData();
		form.append('file', new Blob([new Uint8Array([1])]), 'a.png');
		const answer = await post('/api/media/upload', form, { 'x-api-key': 'wrong' });
		expect(answer).toMatchObject({ status: 401, text: 'Unauthorized' });
		expect(server.uploads).toEqual([]);
	});
});

/** What the client sees: an HTTP status (and whether a 200 was JSON), or the error's code. */
async function outcome(request: Promise<Answer>): Promise<number | string> {
	try {
		const { status, text } = await request;
		if (status !== 200) return status;
		JSON.parse(text);
		return status;
	} catch (error) {
		if (error instanceof SyntaxError) return '200, not JSON';
		const cause = (error as { cause?: { code?: string } }).cause;
		return cause?.code ?? (error as Error).name;
	}
}

const LOST: Array<[Fault['kind'], number | string]> = [
	['status429', 429],
	['status503', 503],
	['status504', 504],
	['html502', 502],
	['reset', 'UND_ERR_SOCKET'],
	['hang', 'TimeoutError'],
	['malformedJson', '200, not JSON'],
];

describe('faults on messages and uploads', () => {
	test.each(LOST)('%s before delivery: nothing delivered; the retry delivers once', async (kind, seen) => {
		server.fault = { kind };
		expect(await outcome(sendMessage(message({ text: 'Hi' }), { timeoutMs: 300 }))).toBe(seen);
		expect(server.messages).toEqual([]);
		expect(await sendMessage(message({ text: 'Hi' }))).toMatchObject(OK);
		expect(server.deliveredTo(PHONE)).toHaveLength(1);
		expect(server.attempts.get(`chan-1 ${PHONE} "Hi"`)).toBe(2);
	});

	test.each(LOST)('%s after delivery: delivered, and the answer is lost', async (kind, seen) => {
		server.fault = { kind, afterCreate: true };
		expect(await outcome(sendMessage(message({ text: 'Hi' }), { timeoutMs: 300 }))).toBe(seen);
		expect(server.deliveredTo(PHONE)).toHaveLength(1);
	});

	test.each(LOST)('%s after the upload: stored, and the answer is lost', async (kind, seen) => {
		server.fault = { kind, afterCreate: true };
		expect(await outcome(upload(new Uint8Array([7]), 'a.png', 'image/png', 300))).toBe(seen);
		expect(server.uploads).toHaveLength(1);
	});

	test('status503 and status429 send Retry-After; 504 is an HTML page', async () => {
		server.fault = { kind: 'status503', retryAfter: '2', times: 2 };
		expect(await sendMessage(message({ text: 'Hi' }))).toMatchObject({ status: 503, retryAfter: '2' });
		server.fault = { kind: 'status429', retryAfterDateMs: 3000, times: 2 };
		const limited = await sendMessage(message({ text: 'Hi' }));
		expect(limited.status).toBe(429);
		expect(Date.parse(limited.retryAfter ?? '') - Date.now()).toBeGreaterThan(1000);
		server.fault = { kind: 'status504', times: 3 };
		expect(await sendMessage(message({ text: 'Hi' }))).toMatchObject({ status: 504, contentType: 'text/html' });
		expect(server.messages).toEqual([]);
	});

	test('every: messages by phone, attempts per message; uploads by the number in the file name', async () => {
		server.fault = { kind: 'status503', every: 7, times: 1 };
		expect((await sendMessage(message({ text: 'A' }, '15550000004'))).status).toBe(503);
		expect((await sendMessage(message({ text: 'B' }, '15550000004'))).status).toBe(503);
		expect((await sendMessage(message({ text: 'A' }, '15550000004'))).status).toBe(200);
		expect((await sendMessage(message({ text: 'A' }, '15550000005'))).status).toBe(200);
		expect((await upload(new Uint8Array([1]), 'file-14.png')).status).toBe(503);
		expect((await upload(new Uint8Array([1]), 'file-14.png')).status).toBe(200);
		expect((await upload(new Uint8Array([1]), 'file-15.png')).status).toBe(200);
		expect((await upload(new Uint8Array([1]), 'no-number.png')).status).toBe(200);
	});
});
