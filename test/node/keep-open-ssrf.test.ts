import type { RampwinServer } from '../../sandbox/rampwin-server';
import { contacts, helperGuardsLoopbackInN8n, runPath } from '../harness/keep-open';
import { N8N_LINE } from '../harness/n8n';
import { useRampwinServer } from '../harness/server';

// An instance with n8n's SSRF protection on (N8N_SSRF_PROTECTION_ENABLED, n8n 2.x; its
// default rules block loopback, where the sandbox listens). n8n reads the setting when its
// request helper is first used, which in this file is after beforeAll.
jest.setTimeout(30_000);

let server: RampwinServer;
useRampwinServer((started) => (server = started));

const saved = process.env.N8N_SSRF_PROTECTION_ENABLED;
beforeAll(() => (process.env.N8N_SSRF_PROTECTION_ENABLED = 'true'));
afterAll(() => {
	if (saved === undefined) delete process.env.N8N_SSRF_PROTECTION_ENABLED;
	else process.env.N8N_SSRF_PROTECTION_ENABLED = saved;
});

const REFUSED = "Keep Connections Open (in Options) can't be used while this n8n instance's SSRF protection is on";

(N8N_LINE === '2' ? describe : describe.skip)('Keep Connections Open under SSRF protection (n8n 2.x)', () => {
	test('is refused with the item, the option and the fix, and nothing is sent', async () => {
		const { result, requests } = await runPath(server, true, { items: contacts(2) });
		expect(result.error?.message).toBe(REFUSED);
		expect(result.error?.description).toContain('Turn Keep Connections Open off');
		expect(result.error?.context?.itemIndex).toBe(0);
		expect(requests).toHaveLength(0);
	});

	test("with the option off, n8n's helper applies the protection: the loopback sandbox is blocked", async () => {
		const { result, requests } = await runPath(server, false, { items: contacts(2), continueOnFail: true, parameters: { options: { maxRetries: 0 } } });
		expect(result.output).toHaveLength(2);
		expect(result.output.every((item) => typeof item.json.error === 'string')).toBe(true);
		expect(requests).toHaveLength(0);
	});

	test('the check used where n8n has no egress filter (2.14 to 2.27) sees the protection too', async () => {
		expect(await helperGuardsLoopbackInN8n()).toBe(true);
	});
});

(N8N_LINE === '1' ? describe : describe.skip)('Keep Connections Open on n8n 1.x, which has no SSRF protection', () => {
	test('works: there is no protection for it to go around', async () => {
		const { result, requests } = await runPath(server, true, { items: contacts(2) });
		expect(result.error).toBeUndefined();
		expect(requests).toHaveLength(2);
		expect(server.contacts.size).toBe(2);
		// Without an egress filter, n8n's helper was asked: nothing stopped it.
		expect(await helperGuardsLoopbackInN8n()).toBe(false);
	});
});
