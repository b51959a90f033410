// Message › Send and Wait for Response in real n8n: the approval example's workflow, started
// by its Webhook node, waits; an HTTP client plays the manager (GET the link as a link preview
// would, then POST the page's form) and the run resumes. It runs inside the trigger's e2e
// file, on the n8n that file already started, so it costs no n8n start of its own.
import { EXAMPLES, prepareExample, type ImportedExample } from '../../scripts/lib/example';
import type { N8nServer } from '../../scripts/lib/n8n';
import type { RampwinServer } from '../../sandbox/rampwin-server';

const CHANNEL = 'chan-e2e-approval';
const MANAGER = '919800000001';
const CUSTOMER = '919800000002';

export interface SendAndWaitContext {
	sandbox: RampwinServer;
	server: N8nServer;
}

/** The approval example, pointed at the sandbox: import its workflow with the file's others. */
export function prepareApproval(sandbox: RampwinServer): { workflow: unknown; example: ImportedExample } {
	const { workflow, example } = prepareExample({ apiKey: sandbox.apiKey, baseUrl: sandbox.baseUrl, channelId: CHANNEL }, EXAMPLES.approval);
	return { workflow, example };
}

export function sendAndWaitTests(context: () => SendAndWaitContext & { example: ImportedExample }): void {
	describe('Send and Wait for Response: the approval example', () => {
		test('waits; a GET shows the choice and answers nothing; the page\'s POST resumes the run once', async () => {
			const { sandbox, server, example } = context();
			await server.activate(example.workflowId);
			const started = await fetch(`${server.url}/webhook/refund-request`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ manager: MANAGER, customer: CUSTOMER, amount: '$40', order: '#1042' }),
			});
			expect(started.status).toBe(200);
			await until('the question to the manager', server, async () => sandbox.deliveredTo(MANAGER).length > 0);
			const [question] = sandbox.deliveredTo(MANAGER);
			const links = Object.fromEntries([...String(question.content).matchAll(/^(\w+): (http\S+)$/gm)].map(([, label, url]) => [label, url]));
			expect(String(question.content)).toMatch(/^Refund \$40 for order #1042\?\n\nApprove: http/);
			expect(Object.keys(links)).toEqual(['Approve', 'Decline']);
			expect(new URL(links.Approve).pathname).toMatch(new RegExp(`^/webhook-waiting/\\d+/6a0f1e2d-3c4b-4a59-8e7f-0a1b2c3d4e03$`));
			await until('the run to wait', server, async () => (await server.executions(example.workflowId)).some((e) => e.status === 'waiting'));

			// A link preview fetches the link: the page, and no answer.
			const preview = await fetch(links.Decline, { headers: { 'user-agent': 'WhatsApp/2.24.6.77 A' } });
			expect(preview.status).toBe(200);
			expect(preview.headers.get('content-type')).toMatch(/^text\/html/);
			const page = await preview.text();
			expect(page).toContain('<form method="post"><button type="submit">Decline</button></form>');
			expect(page).toContain('Refund $40 for order #1042?');

			// A changed choice fails n8n's signature check.
			const changed = new URL(links.Decline);
			changed.searchParams.set('approved', 'true');
			expect((await post(changed.toString())).status).toBe(401);
			expect((await server.executions(example.workflowId)).map((e) => e.status)).toEqual(['waiting']);
			expect(sandbox.deliveredTo(CUSTOMER)).toHaveLength(0);

			// The manager taps Approve on the page: the form posts back to the same address.
			const answer = await post(links.Approve);
			expect(answer.status).toBe(200);
			expect(await answer.text()).toContain('Your answer was recorded');
			await until('the reply to the customer', server, async () => sandbox.deliveredTo(CUSTOMER).length > 0);
			expect(sandbox.deliveredTo(CUSTOMER).map((m) => m.content)).toEqual(['Your refund of $40 is approved.']);
			await until('the run to finish', server, async () => (await server.executions(example.workflowId)).every((e) => e.status === 'success'));

			// The same link again, or the other one: n8n's "no action required" page; nothing runs again.
			for (const url of [links.Approve, links.Decline]) {
				const again = await post(url);
				expect(again.status).toBe(200);
				expect(await again.text()).not.toContain('Your answer was recorded');
			}
			expect(await server.executions(example.workflowId)).toHaveLength(1);
			expect(sandbox.deliveredTo(CUSTOMER)).toHaveLength(1);
			expect(sandbox.deliveredTo(MANAGER)).toHaveLength(1);
			await server.deactivate(example.workflowId);
		});
	});
}

/** The page's form, as a browser sends it. */
async function post(url: string): Promise<Response> {
	return await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: '' });
}

async function until(what: string, server: N8nServer, done: () => Promise<boolean>): Promise<void> {
	const deadline = Date.now() + 30_000;
	while (Date.now() < deadline) {
		if (await done()) return;
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	throw new Error(`Waited 30 s for ${what}. n8n's output ends:\n${server.logTail()}`);
}
