import { RampwinServer } from './rampwin-server';
import { useRampwinServer } from '../test/harness/server';

let server: RampwinServer;
useRampwinServer((started) => (server = started));

const assignBody = JSON.stringify({
	integration_id: 'chan-1',
	team_member_email: 'agent@rampwin.test',
	phone_number: '919999999999',
});

/** The status of an assign request, or the code of the error the client got. */
async function assign(baseUrl = server.baseUrl): Promise<number | string> {
	try {
		const response = await fetch(`${baseUrl}/api/contacts/assign`, {
			method: 'POST',
			headers: { 'x-api-key': server.apiKey, 'content-type': 'application/json' },
			body: assignBody,
		});
		return response.status;
	} catch (error) {
		return (error as { cause?: { code?: string } }).cause?.code ?? String(error);
	}
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('refuseConnectionsFor', () => {
	test('refuses connections for a while, then listens again on the same port', async () => {
		const baseUrl = server.baseUrl;
		// A kept-alive socket from this request must not carry the next one past the refusal.
		expect(await assign()).toBe(400);
		await server.refuseConnectionsFor(300);
		const refusedAt = Date.now();
		expect(await assign()).toBe('ECONNREFUSED');
		let outcome = await assign();
		while (outcome === 'ECONNREFUSED') {
			await sleep(25);
			outcome = await assign();
		}
		expect(outcome).toBe(400);
		expect(Date.now() - refusedAt).toBeGreaterThanOrEqual(250);
		expect(server.baseUrl).toBe(baseUrl);
		expect(server.requests).toHaveLength(2);
	});

	test('drops a request in flight', async () => {
		server.fault = { kind: 'hang' };
		const hanging = assign();
		await sleep(50);
		await server.refuseConnectionsFor(50);
		expect(await hanging).toBe('UND_ERR_SOCKET');
	});

	test.each([
		['while refusing', 10_000],
		['while it listens again', 0],
		['after it listens again', 5],
	])('close() works %s, and the port stays closed', async (_when, ms) => {
		const other = await RampwinServer.start();
		await other.refuseConnectionsFor(ms);
		await sleep(ms === 0 ? 0 : 30);
		await other.close();
		await sleep(50);
		expect(await assign(other.baseUrl)).toBe('ECONNREFUSED');
	});
});

describe('requests in flight', () => {
	test('counts the 429s beyond maxInFlight, and keeps the peak per group', async () => {
		server.latencyMs = 100;
		server.maxInFlight = 4;
		server.inFlightGroup = (req) => (req.body as { city?: string } | undefined)?.city;
		const upsert = async (index: number, city: string) =>
			(
				await fetch(`${server.baseUrl}/api/contacts/insertOrUpdate?channel_id=chan-1`, {
					method: 'POST',
					headers: { 'x-api-key': server.apiKey, 'content-type': 'application/json' },
					body: JSON.stringify({ phone_number: `+91990000000${index}`, city }),
				})
			).status;
		const statuses = await Promise.all([0, 1, 2, 3, 4, 5].map(async (index) => await upsert(index, index < 2 ? 'Pune' : 'Delhi')));
		// All six arrive within the latency; each answer leaves one fewer in flight.
		expect(statuses.filter((status) => status === 429)).toHaveLength(2);
		expect(server.tooManyRequests).toBe(2);
		expect(server.peakInFlightByGroup).toEqual(new Map([['Pune', 2], ['Delhi', 4]]));
		server.reset();
		expect([server.tooManyRequests, server.peakInFlightByGroup.size, server.inFlightGroup]).toEqual([0, 0, undefined]);
	});
});
