import { testCredential } from '../harness/n8n';
import type { RampwinServer } from '../../sandbox/rampwin-server';
import { useRampwinServer } from '../harness/server';

let server: RampwinServer;
useRampwinServer((started) => (server = started));

describe('Rampwin API credential test', () => {
	test('accepts a working key without creating a contact', async () => {
		const result = await testCredential('rampwinApi', { apiKey: server.apiKey, baseUrl: server.baseUrl });
		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(server.requests).toHaveLength(1);
		expect(server.requests[0].method).toBe('POST');
		expect(server.requests[0].path).toBe('/api/contacts');
		expect(server.requests[0].headers['x-api-key']).toBe(server.apiKey);
		expect(server.contacts.size).toBe(0);
	});

	test('reports a rejected key', async () => {
		const result = await testCredential('rampwinApi', { apiKey: 'nope', baseUrl: server.baseUrl });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/^Rampwin rejected the API key \(HTTP 401\)/);
	});

	test('reports a Base URL with no Rampwin API behind it', async () => {
		const result = await testCredential('rampwinApi', {
			apiKey: server.apiKey,
			baseUrl: `${server.baseUrl}/not-rampwin`,
		});
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/^No Rampwin API at this Base URL \(HTTP 404\)/);
	});
});

describe('Rampwin API credential test, beyond the verdicts above', () => {
	test('sends the key only in the x-api-key header, and an empty contact', async () => {
		await testCredential('rampwinApi', { apiKey: server.apiKey, baseUrl: `${server.baseUrl}/` });
		expect(server.requests).toHaveLength(1);
		const [sent] = server.requests;
		expect(sent.path).toBe('/api/contacts');
		expect(sent.query).toEqual({});
		expect(sent.rawBody).toBe('{}');
		const elsewhere = Object.entries(sent.headers).filter(
			([name, value]) => name !== 'x-api-key' && String(value).includes(server.apiKey),
		);
		expect(elsewhere).toEqual([]);
	});

	test('never puts a rejected key in its message', async () => {
		const key = 'wrong-key-SECRET-7c2e';
		const result = await testCredential('rampwinApi', { apiKey: key, baseUrl: server.baseUrl });
		expect(result.status).toBe('Error');
		expect(server.requests[0].headers['x-api-key']).toBe(key);
		expect(result.message).not.toContain('SECRET');
	});

	test('says that Rampwin had a server error, then that the connection was closed', async () => {
		// An outage answers in turn with a 503, a dropped connection and an HTML 502.
		server.trouble = { outage: { afterRequests: 0, durationMs: 60_000 } };
		const data = { apiKey: server.apiKey, baseUrl: server.baseUrl };
		const first = await testCredential('rampwinApi', data);
		expect(first).toEqual({
			status: 'Error',
			message: expect.stringMatching(/^Rampwin answered with a server error \(HTTP 503\), so the key could not be checked/),
		});
		const second = await testCredential('rampwinApi', data);
		expect(second).toEqual({
			status: 'Error',
			message: expect.stringMatching(/^The connection was closed before Rampwin answered\. Check the Base URL/),
		});
	});

	test('says in words that nothing answers at the Base URL', async () => {
		await server.refuseConnectionsFor(60_000);
		try {
			const result = await testCredential('rampwinApi', { apiKey: server.apiKey, baseUrl: server.baseUrl });
			expect(result).toEqual({
				status: 'Error',
				message: expect.stringMatching(/^The connection was refused: nothing answers at that address and port\. Check the Base URL/),
			});
			expect(result.message).not.toMatch(/ECONNREFUSED/);
		} finally {
			await server.refuseConnectionsFor(0);
		}
	});

	test('refuses a Base URL that is no web address, sending nothing', async () => {
		const result = await testCredential('rampwinApi', { apiKey: server.apiKey, baseUrl: 'api.rampwin.com' });
		expect(result).toEqual({ status: 'Error', message: expect.stringMatching(/^The Base URL is not a web address/) });
		expect(server.requests).toHaveLength(0);
	});
});
