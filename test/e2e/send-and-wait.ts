// Message › Send and Wait for Response in real n8n: the approval example's workflow, started
// by its Webhook node, waits; an HTTP client plays the manager (GET the link as a link preview
// would, then POST the page's form) and the run resumes. It runs inside the trigger's e2e
// file, on the n8n that file already started, so it costs no n8n start of its own.
import { EXAMPLES, prepareExample, type ImportedExample } from '../../scripts/lib/example';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

import type { N8nExecution, N8nServer } from '../../scripts/lib/n8n';
import type { RampwinServer } from '../../sandbox/rampwin-server';
import { inventedIncomingMessage } from '../../sandbox/webhooks';

const CHANNEL = 'chan-e2e-approval';
const MANAGER = '919800000001';
const CUSTOMER = '919800000002';

export interface SendAndWaitContext {
	sandbox: RampwinServer;
	server: N8nServer;
}

interface ExampleWorkflow {
	id: string;
	name: string;
	nodes: Array<{ name: string; webhookId?: string; parameters: Record<string, unknown>; credentials?: unknown; id?: string; type?: string; typeVersion?: number; position?: number[] }>;
}

/**
 * The approval example, pointed at the sandbox, a Free Text copy of it (its own id and webhook
 * path; the manager types an answer that the customer is sent) and a WhatsApp Buttons copy,
 * which also holds a Rampwin Trigger on the channel, connected to nothing (a tap reaches the
 * waiting run through a trigger active on the channel, whatever workflow it is in): import all
 * three with the file's other workflows.
 */
export function prepareApproval(sandbox: RampwinServer): { workflows: unknown[]; approval: ImportedExample; freeText: ImportedExample; buttons: ImportedExample } {
	const target = { apiKey: sandbox.apiKey, baseUrl: sandbox.baseUrl, channelId: CHANNEL };
	const approval = prepareExample(target, EXAMPLES.approval);
	const copy = prepareExample(target, EXAMPLES.approval);
	const workflow = copy.workflow as ExampleWorkflow;
	workflow.id = 'rampwinExample6F';
	workflow.name = `${workflow.name} (Free Text)`;
	const node = (name: string) => workflow.nodes.find((candidate) => candidate.name === name)!;
	Object.assign(node('Refund request'), { webhookId: '6a0f1e2d-3c4b-4a59-8e7f-0a1b2c3d4e12' });
	node('Refund request').parameters.path = 'feedback-request';
	Object.assign(node('Ask the manager').parameters, { responseType: 'freeText', message: 'What went wrong with order #1042?' });
	node('Tell the customer').parameters.text = "={{ 'The manager says: ' + $json.text }}";
	const buttons = buttonsCopy(prepareExample(target, EXAMPLES.approval).workflow as ExampleWorkflow);
	return {
		workflows: [approval.workflow, workflow, buttons],
		approval: approval.example,
		freeText: { ...copy.example, workflowId: workflow.id },
		buttons: { ...approval.example, workflowId: buttons.id },
	};
}

function buttonsCopy(workflow: ExampleWorkflow): ExampleWorkflow {
	workflow.id = 'rampwinExample6W';
	workflow.name = `${workflow.name} (WhatsApp Buttons)`;
	const node = (name: string) => workflow.nodes.find((candidate) => candidate.name === name)!;
	Object.assign(node('Refund request'), { webhookId: '6a0f1e2d-3c4b-4a59-8e7f-0a1b2c3d4e22' });
	node('Refund request').parameters.path = 'buttons-request';
	node('Ask the manager').parameters.responseType = 'whatsappButtons';
	workflow.nodes.push({
		id: '6a0f1e2d-3c4b-4a59-8e7f-0a1b2c3d4e24',
		name: 'Taps and messages',
		type: 'n8n-nodes-rampwin.rampwinTrigger',
		typeVersion: 1.1,
		position: [0, 220],
		webhookId: '6a0f1e2d-3c4b-4a59-8e7f-0a1b2c3d4e23',
		parameters: { integrationId: CHANNEL, events: ['message_incoming'] },
		credentials: node('Ask the manager').credentials,
	});
	return workflow;
}

export interface TapRoundTrip {
	sandbox: RampwinServer;
	/** Where n8n's production webhooks are: n8n itself, or the webhook process in queue mode. */
	webhookBase: string;
	executions: () => Promise<N8nExecution[]>;
	logTail: () => string;
}

/**
 * WhatsApp Buttons end to end, on a running n8n with the buttons copy active: a refund request
 * is asked with Send Buttons; the manager taps Decline, delivered by the sandbox (its invented
 * tap payload) to the Rampwin Trigger, which resumes the waiting run; the same tap again and the
 * other button afterwards change nothing. An ordinary message then starts one run of the
 * trigger: the fence after which nothing else is coming. Returns the workflow's executions.
 */
export async function tapRoundTrip({ sandbox, webhookBase, executions, logTail }: TapRoundTrip): Promise<N8nExecution[]> {
	const until = (what: string, done: () => Promise<boolean>) => waitUntil(what, logTail, done);
	const [manager, customer] = ['919800000021', '919800000022'];
	const response = await fetch(`${webhookBase}/webhook/buttons-request`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ manager, customer, amount: '$40', order: '#1042' }),
	});
	expect(response.status).toBe(200);
	await until('the question to the manager', async () => sandbox.deliveredTo(manager).length > 0);
	const [question] = sandbox.deliveredTo(manager);
	expect(question.kind).toBe('button');
	const sent = (question.content as { action: { buttons: Array<{ reply: { id: string; title: string } }> } }).action.buttons.map(({ reply }) => reply);
	expect(sent.map(({ title }) => title)).toEqual(['Approve', 'Decline']);
	for (const { id } of sent) expect(id).toMatch(/^rwsw1\.[A-Za-z0-9_.-]{60,250}$/);
	await until('the run to wait', async () => (await executions()).some((e) => e.status === 'waiting'));

	const received = { status: 200, body: JSON.stringify({ received: true }) };
	expect(await sandbox.tapButton(CHANNEL, manager, 'Decline')).toEqual(received);
	await until('the reply to the customer', async () => sandbox.deliveredTo(customer).length > 0);
	await until('the run to finish', async () => (await executions()).every((e) => e.status === 'success'));
	// The same tap again, then the other button: answered, and nothing resumed or started.
	expect(await sandbox.tapButton(CHANNEL, manager, 'Decline')).toEqual(received);
	expect(await sandbox.tapButton(CHANNEL, manager, 'Approve')).toEqual(received);
	expect(await sandbox.deliverEvent(CHANNEL, inventedIncomingMessage(CHANNEL, manager, 'Done?'))).toEqual(received);
	await until('the ordinary message\'s run', async () => (await executions()).filter((e) => e.status === 'success').length === 2);
	expect(sandbox.deliveredTo(customer).map((m) => m.content)).toEqual(['Sorry, your refund request was declined.']);
	expect(sandbox.deliveredTo(manager)).toHaveLength(1);
	return await executions();
}

export function sendAndWaitTests(context: () => SendAndWaitContext & { approval: ImportedExample; freeText: ImportedExample; buttons: ImportedExample }): void {
	describe('Send and Wait for Response: the approval example', () => {
		test('waits; a GET shows the choice and answers nothing; the page\'s POST resumes the run once', async () => {
			const { sandbox, server, approval: example } = context();
			await server.activate(example.workflowId);
			expect(await requestRefund(server.url)).toBe(200);
			await until('the question to the manager', server, async () => sandbox.deliveredTo(MANAGER).length > 0);
			const [question] = sandbox.deliveredTo(MANAGER);
			const links = linksIn(String(question.content));
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
			// A link to an execution n8n does not have: n8n's 404, and nothing runs.
			const unknown = await post(links.Approve.replace(/\/webhook-waiting\/\d+\//, '/webhook-waiting/987654/'));
			expect(unknown.status).toBe(404);
			expect(await server.executions(example.workflowId)).toHaveLength(1);
			expect(sandbox.deliveredTo(CUSTOMER)).toHaveLength(1);
			expect(sandbox.deliveredTo(MANAGER)).toHaveLength(1);
			await server.deactivate(example.workflowId);
		});

		test('WhatsApp Buttons: a tap delivered to the Rampwin Trigger resumes the waiting run once; the trigger starts no run for it', async () => {
			const { sandbox, server, buttons } = context();
			await server.activate(buttons.workflowId);
			expect(sandbox.webhooks.get(CHANNEL)?.url).toContain('/webhook/6a0f1e2d-3c4b-4a59-8e7f-0a1b2c3d4e23/webhook?token=');
			const runs = await tapRoundTrip({ sandbox, webhookBase: server.url, executions: async () => await server.executions(buttons.workflowId), logTail: () => server.logTail() });
			expect(runs.map((e) => [e.mode, e.status])).toEqual([
				['webhook', 'success'],
				['webhook', 'success'],
			]);
			await server.deactivate(buttons.workflowId);
		});

		test('Free Text: the page\'s text box; an empty answer is asked again; the typed one resumes the run', async () => {
			const { sandbox, server, freeText } = context();
			await server.activate(freeText.workflowId);
			const manager = '919800000011';
			const customer = '919800000012';
			await fetch(`${server.url}/webhook/feedback-request`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ manager, customer }),
			});
			await until('the question to the manager', server, async () => sandbox.deliveredTo(manager).length > 0);
			const link = /^Respond: (\S+)$/m.exec(String(sandbox.deliveredTo(manager)[0].content))?.[1];
			expect(link).toBeDefined();
			const page = await (await fetch(link!)).text();
			expect(page).toContain('<textarea id="text" name="text" rows="5" required></textarea>');
			expect(page).toContain('What went wrong with order #1042?');
			expect((await post(link!, 'text=')).status).toBe(422);
			expect((await server.executions(freeText.workflowId)).map((e) => e.status)).toEqual(['waiting']);
			const answer = await post(link!, `text=${encodeURIComponent('The parcel <b>never</b> came & the box was open')}`);
			expect(answer.status).toBe(200);
			await until('the reply to the customer', server, async () => sandbox.deliveredTo(customer).length > 0);
			expect(sandbox.deliveredTo(customer).map((m) => m.content)).toEqual(['The manager says: The parcel <b>never</b> came & the box was open']);
			await server.deactivate(freeText.workflowId);
		});

		// n8n 2.x makes a Human review tool of every node with waiting webhooks and a sendAndWait
		// operation (createHitlTools, run by its loader); the editor's node list is what it wrote.
		test('n8n\'s loader lists the node\'s Human review tool on n8n 2.x, and none on n8n 1.x', () => {
			const { server } = context();
			const file = path.join(server.instance.userFolder, '.cache', 'n8n', 'public', 'types', 'nodes.json');
			expect(existsSync(file)).toBe(true);
			const types = JSON.parse(readFileSync(file, 'utf8')) as Array<{ name: string; properties: Array<{ name: string; type: string; default: unknown }>; outputs: unknown }>;
			expect(types.some((type) => type.name === 'n8n-nodes-rampwin.rampwin')).toBe(true);
			const tool = types.find((type) => type.name === 'n8n-nodes-rampwin.rampwinHitlTool');
			if (server.instance.version.startsWith('1.')) {
				expect(tool).toBeUndefined();
				return;
			}
			expect(tool).toBeDefined();
			const hidden = Object.fromEntries(tool!.properties.filter((p) => p.type === 'hidden').map((p) => [p.name, p.default]));
			expect(hidden).toEqual({ resource: 'message', operation: 'sendAndWait', responseType: 'approval' });
			const names = tool!.properties.map((p) => p.name);
			expect(names).toEqual(expect.arrayContaining(['message', 'integrationId', 'phoneNumber', 'approvalOptions']));
			expect(JSON.stringify(tool!.outputs)).toContain('Human review');
		});
	});
}

/** The approval example's Webhook gets a refund request for the manager and customer above. */
export async function requestRefund(n8nWebhookBase: string): Promise<number> {
	const response = await fetch(`${n8nWebhookBase}/webhook/refund-request`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ manager: MANAGER, customer: CUSTOMER, amount: '$40', order: '#1042' }),
	});
	await response.text();
	return response.status;
}

export const APPROVAL_PEOPLE = { manager: MANAGER, customer: CUSTOMER };

/** The links of a Send and Wait message, by their label. */
export function linksIn(text: string): Record<string, string> {
	return Object.fromEntries([...text.matchAll(/^(\w+): (http\S+)$/gm)].map(([, label, url]) => [label, url]));
}

/** The page's form, as a browser sends it. */
export async function post(url: string, body = ''): Promise<Response> {
	return await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
}

async function until(what: string, server: N8nServer, done: () => Promise<boolean>): Promise<void> {
	await waitUntil(what, () => server.logTail(), done);
}

async function waitUntil(what: string, logTail: () => string, done: () => Promise<boolean>): Promise<void> {
	const deadline = Date.now() + 30_000;
	while (Date.now() < deadline) {
		if (await done()) return;
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	throw new Error(`Waited 30 s for ${what}. n8n's output ends:\n${logTail()}`);
}
