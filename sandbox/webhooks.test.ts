import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { useRampwinServer } from '../test/harness/server';
import { RampwinServer } from './rampwin-server';

let server: RampwinServer;
useRampwinServer((started) => (server = started));

const flags = { message_incoming: true, message_outgoing: false, message_status: false, template_update: false, channel_update: false };

async function setWebhook(channel: string, body: unknown, apiKey = server.apiKey): Promise<{ status: number; body: unknown }> {
	const response = await fetch(`${server.baseUrl}/api/integrations/${channel}/setWebhook`, {
		method: 'POST',
		headers: { 'x-api-key': apiKey, 'content-type': 'application/json' },
		body: JSON.stringify(body),
	});
	return { status: response.status, body: (await response.json().catch(() => undefined)) as unknown };
}

describe('setWebhook', () => {
	test('records the URL and flags per channel; a new call replaces the old one', async () => {
		expect((await setWebhook('chan-1', { url: 'http://127.0.0.1:1/a', events: flags })).status).toBe(200);
		expect((await setWebhook('chan-1', { url: 'http://127.0.0.1:1/b', events: { ...flags, message_status: true } })).status).toBe(200);
		expect((await setWebhook('chan-2', { url: 'http://127.0.0.1:1/c', events: flags })).status).toBe(200);
		expect(server.webhooks.get('chan-1')).toMatchObject({ url: 'http://127.0.0.1:1/b', events: { ...flags, message_status: true } });
		expect(server.webhooks.get('chan-2')?.url).toBe('http://127.0.0.1:1/c');
		expect(server.webhookCalls.map((call) => call.url)).toEqual(['http://127.0.0.1:1/a', 'http://127.0.0.1:1/b', 'http://127.0.0.1:1/c']);
	});

	test.each<[string, unknown, RegExp]>([
		['no url', { events: flags }, /url/],
		['a url that is not http(s)', { url: 'ftp://x', events: flags }, /url/],
		['no events', { url: 'http://x.test/' }, /events/],
		['a missing flag', { url: 'http://x.test/', events: { message_incoming: true } }, /message_outgoing/],
		['a flag that is not boolean', { url: 'http://x.test/', events: { ...flags, message_status: 'yes' } }, /message_status/],
		['an unknown flag', { url: 'http://x.test/', events: { ...flags, message_read: true } }, /message_read/],
	])('refuses %s with 400', async (_name, body, message) => {
		const answer = await setWebhook('chan-1', body);
		expect(answer.status).toBe(400);
		expect((answer.body as { message: string }).message).toMatch(message);
		expect(server.webhooks.size).toBe(0);
	});

	test('a wrong key gets 401; a channel that does not exist, 404', async () => {
		expect((await setWebhook('chan-1', { url: 'http://x.test/', events: flags }, 'wrong')).status).toBe(401);
		server.channels = new Set(['chan-2']);
		expect((await setWebhook('chan-1', { url: 'http://x.test/', events: flags })).status).toBe(404);
		expect(server.webhooks.size).toBe(0);
	});
});

describe('deliverEvent', () => {
	let receiver: Server;
	const received: Array<{ url: string; body: string; type: string | undefined }> = [];

	beforeAll(async () => {
		receiver = createServer((req: IncomingMessage, res) => {
			let body = '';
			req.on('data', (chunk: Buffer) => (body += chunk.toString()));
			req.on('end', () => {
				received.push({ url: req.url ?? '', body, type: req.headers['content-type'] });
				res.writeHead(200, { 'content-type': 'application/json' }).end('{"received":true}');
			});
		});
		await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
	});
	afterAll(async () => await new Promise<void>((resolve) => receiver.close(() => resolve())));
	beforeEach(() => (received.length = 0));

	test('posts to the registered URL with its token, or with the token replaced or left out', async () => {
		const port = (receiver.address() as AddressInfo).port;
		await setWebhook('chan-1', { url: `http://127.0.0.1:${port}/hook?token=right`, events: flags });
		expect(await server.deliverEvent('chan-1', { a: 1 })).toEqual({ status: 200, body: '{"received":true}' });
		await server.deliverEvent('chan-1', { a: 2 }, { token: 'wrong' });
		await server.deliverEvent('chan-1', { a: 3 }, { token: null });
		await server.deliverEvent('chan-1', undefined, { rawBody: 'plain', contentType: 'text/plain' });
		expect(received).toEqual([
			{ url: '/hook?token=right', body: '{"a":1}', type: 'application/json' },
			{ url: '/hook?token=wrong', body: '{"a":2}', type: 'application/json' },
			{ url: '/hook', body: '{"a":3}', type: 'application/json' },
			{ url: '/hook?token=right', body: 'plain', type: 'text/plain' },
		]);
	});

	test('tapButton delivers a tap on the last buttons message to that number, carrying the button\'s id (an invented shape)', async () => {
		const port = (receiver.address() as AddressInfo).port;
		await setWebhook('chan-1', { url: `http://127.0.0.1:${port}/hook?token=right`, events: flags });
		const interactive = { type: 'button', body: { text: 'OK?' }, action: { buttons: [{ type: 'reply', reply: { id: 'yes-1', title: 'Yes' } }, { type: 'reply', reply: { id: 'no-1', title: 'No' } }] } };
		const sent = await fetch(`${server.baseUrl}/api/messages/send`, {
			method: 'POST',
			headers: { 'x-api-key': server.apiKey, 'content-type': 'application/json' },
			body: JSON.stringify({ channel_id: 'chan-1', phone_number: '919800000001', interactive }),
		});
		expect(sent.status).toBe(200);
		expect(await server.tapButton('chan-1', '919800000001', 'No')).toEqual({ status: 200, body: '{"received":true}' });
		expect(JSON.parse(received[0].body)).toMatchObject({ from: '919800000001', interactive: { type: 'button_reply', button_reply: { id: 'no-1', title: 'No' } } });
		await expect(server.tapButton('chan-1', '919800000001', 'Maybe')).rejects.toThrow(/No button "Maybe"/);
		await expect(server.tapButton('chan-1', '919800000002', 'No')).rejects.toThrow(/No button/);
	});

	test('refuses to deliver for a channel with no webhook', async () => {
		await expect(server.deliverEvent('nowhere', {})).rejects.toThrow(/No webhook/);
	});
});
