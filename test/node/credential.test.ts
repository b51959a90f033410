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
