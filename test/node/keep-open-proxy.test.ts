import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { RampwinServer } from '../../sandbox/rampwin-server';
import { contacts, runPath, serialise } from '../harness/keep-open';
import { useRampwinServer } from '../harness/server';

// An instance that sends its requests through a proxy (HTTP_PROXY): Node's fetch would go
// around it, so Keep Connections Open is refused before anything is sent, while n8n's helper
// goes on through the proxy.
jest.setTimeout(30_000);

let server: RampwinServer;
useRampwinServer((started) => (server = started));

/** What reached the proxy: the absolute URL of each plain-HTTP request it was asked to forward. */
const proxied: string[] = [];
const proxy = createServer((req: IncomingMessage, res) => {
	proxied.push(req.url ?? '');
	// A proxy that cannot reach a host answers for it, as proxies do.
	res.writeHead(502, { 'content-type': 'text/plain' }).end('Bad gateway');
});

const saved = { HTTP_PROXY: process.env.HTTP_PROXY, NO_PROXY: process.env.NO_PROXY };

beforeAll(async () => {
	await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
	process.env.HTTP_PROXY = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
	delete process.env.NO_PROXY;
});

afterAll(() => {
	for (const [name, value] of Object.entries(saved)) {
		if (value === undefined) delete process.env[name];
		else process.env[name] = value;
	}
	proxy.closeAllConnections();
	proxy.close();
});

beforeEach(() => (proxied.length = 0));

const REFUSED = "Keep Connections Open (in Options) can't be used: n8n may send requests through a proxy here";

describe('Keep Connections Open behind a proxy', () => {
	test('is refused with the item, the option and the fix, and nothing is sent', async () => {
		const { result, requests } = await runPath(server, true, { items: contacts(3) });
		expect(result.error?.message).toBe(REFUSED);
		expect(result.error?.description).toContain('ignores HTTP_PROXY, HTTPS_PROXY and NO_PROXY');
		expect(result.error?.description).toContain('Turn Keep Connections Open off');
		expect(result.error?.context?.itemIndex).toBe(0);
		expect(requests).toHaveLength(0);
		// The check asked n8n's helper for a host that cannot exist; the proxy answered for it.
		expect(proxied).toEqual(['http://rampwin-keep-open-check.invalid/']);
		expect(serialise(result.run)).not.toContain(server.apiKey);
	});

	test('with Continue On Fail, every item carries the refusal: none passes as if sent', async () => {
		const { result, requests } = await runPath(server, true, { items: contacts(3), continueOnFail: true });
		expect(result.output.map((item) => [item.pairedItem, item.json.error])).toEqual([0, 1, 2].map((item) => [{ item }, REFUSED]));
		expect(requests).toHaveLength(0);
	});

	test('with the option off, the same import goes through the proxy, as n8n sends it', async () => {
		const { result, requests } = await runPath(server, false, { items: contacts(3), continueOnFail: true, parameters: { options: { maxRetries: 0 } } });
		expect(result.error).toBeUndefined();
		// The proxy took every request (and refused them): n8n's helper uses it here.
		expect(proxied).toHaveLength(3);
		expect(proxied.every((url) => url.startsWith(`${server.baseUrl}/api/contacts`))).toBe(true);
		expect(requests).toHaveLength(0);
	});
});
