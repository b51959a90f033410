// The auto-reply example in real n8n started with `n8n start`, its workflow active: what
// Rampwin (the sandbox) is told on activation, restart and deactivation, and what each
// delivery makes n8n do. Every assertion reads the sandbox's own records or n8n's
// executions list. The payloads are invented by the sandbox (Rampwin's reference shows none).
// The same running n8n also runs the AI-agent example with Combine Messages (one run per
// burst of messages) and tests the credential the way the editor's Test button does.
import { EXAMPLES, prepareExample, type ImportedExample } from '../../scripts/lib/example';
import {
	N8N_VERSIONS,
	N8nInstance,
	N8nServer,
	packedTarball,
	type CredentialExport,
	type N8nExecution,
} from '../../scripts/lib/n8n';
import { RampwinServer, type DeliveryAnswer } from '../../sandbox/rampwin-server';
import { inventedIncomingMessage } from '../../sandbox/webhooks';
import { prepareApproval, sendAndWaitTests } from './send-and-wait';

const CHANNEL = 'chan-e2e-trigger';
/** The AI-agent example's own channel, since Rampwin keeps one webhook per channel. */
const BURSTS_CHANNEL = 'chan-e2e-bursts';
const EVENTS = ['message_incoming', 'message_status'];
const RECEIVED = { status: 200, body: JSON.stringify({ received: true }) };

/** A workflow's Rampwin Trigger node, as imported. */
const triggerOf = (workflow: unknown): { type: string; typeVersion?: number } => {
	const node = (workflow as { nodes: Array<{ type: string; typeVersion?: number }> }).nodes.find(
		(candidate) => candidate.type === 'n8n-nodes-rampwin.rampwinTrigger',
	);
	if (node === undefined) throw new Error('the workflow has no Rampwin Trigger');
	return node;
};

describe.each(N8N_VERSIONS)('n8n %s running the auto-reply example with its workflow active', (version) => {
	let sandbox: RampwinServer;
	let n8n: N8nInstance;
	let server: N8nServer;
	let example: ImportedExample;
	let bursts: ImportedExample;
	let approval: ReturnType<typeof prepareApproval>;
	let autoReplyTrigger: { typeVersion?: number };
	let sender = 0;
	let good: CredentialExport;
	let wrongKey: CredentialExport;

	beforeAll(async () => {
		sandbox = await RampwinServer.start();
		n8n = await N8nInstance.create(version);
		await n8n.installPackage(packedTarball());
		const target = (channelId: string) => ({ apiKey: sandbox.apiKey, baseUrl: sandbox.baseUrl, channelId });
		const autoReply = prepareExample(target(CHANNEL), EXAMPLES['auto-reply'], { events: EVENTS });
		// Quiet Period 2 s: the test's deliveries come 0.2 s apart, so a busy machine does not split a burst.
		const agent = prepareExample(target(BURSTS_CHANNEL), EXAMPLES['ai-agent-bursts'], {
			options: { combineMessages: { settings: { senderField: 'from', quietPeriod: 2, longestWait: 10 } } },
		});
		// The auto-reply example's trigger is typeVersion 1.1, as a new node is; this one plays a
		// workflow saved before 1.1, which keeps typeVersion 1.
		triggerOf(agent.workflow).typeVersion = 1;
		autoReplyTrigger = triggerOf(autoReply.workflow);
		example = autoReply.example;
		bursts = agent.example;
		good = { id: 'rampwinCredTest1', name: 'Rampwin', type: 'rampwinApi', data: { apiKey: sandbox.apiKey, baseUrl: sandbox.baseUrl } };
		wrongKey = { ...good, id: 'rampwinCredTest2', name: 'Rampwin wrong key', data: { ...good.data, apiKey: 'wrong-key-SECRET-e2e-91ab' } };
		// One CLI call each (n8n's CLI takes seconds to start); both examples use the same credential.
		await n8n.importCredentials([autoReply.credential, good, wrongKey]);
		approval = prepareApproval(sandbox);
		await n8n.importWorkflows([autoReply.workflow, agent.workflow, ...approval.workflows]);
		server = await N8nServer.start(n8n);
	});

	afterAll(async () => {
		await server?.stop();
		n8n?.remove();
		await sandbox?.close();
	});

	/** A message from a new sender; returns the sender's number and the payload. */
	const nextMessage = (text: string) => {
		sender += 1;
		const phone = `9190000001${String(sender).padStart(2, '0')}`;
		return { phone, name: `Customer ${sender}`, payload: inventedIncomingMessage(CHANNEL, phone, text, `Customer ${sender}`) };
	};

	const executions = async (): Promise<N8nExecution[]> => await server.executions(example.workflowId);

	/** Waits until n8n has finished `count` executions of the workflow, and returns them. */
	const finishedExecutions = async (count: number): Promise<N8nExecution[]> => {
		let last: N8nExecution[] = [];
		await waitFor(`${count} finished executions`, server, async () => {
			last = await executions();
			return last.length >= count && last.every((execution) => !['new', 'running', 'waiting'].includes(execution.status));
		});
		return last;
	};

	/**
	 * Delivers a good message and waits for its reply: anything delivered before it has had
	 * the same time to start a run, so what did not happen by then is not going to.
	 */
	const fence = async (): Promise<string> => {
		const { phone, payload } = nextMessage('fence');
		expect(await sandbox.deliverEvent(CHANNEL, payload)).toEqual(RECEIVED);
		await waitFor(`the reply to ${phone}`, server, async () => sandbox.deliveredTo(phone).length > 0);
		return phone;
	};

	test('activation registers the production URL, with a secret token, for the chosen events', async () => {
		await server.activate(example.workflowId);
		// n8n 2.x registers after the activate call returns; activate() waits for the publication.
		expect(sandbox.webhookCalls).toHaveLength(1);
		const [registration] = sandbox.webhookCalls;
		expect(registration.channel).toBe(CHANNEL);
		const url = new URL(registration.url);
		expect(`${url.origin}${url.pathname}`).toBe(server.webhookUrl(example.trigger!.webhookId, 'webhook'));
		expect([...url.searchParams.keys()]).toEqual(['token']);
		expect(url.searchParams.get('token')).toMatch(/^[A-Za-z0-9_-]{22,}$/);
		expect(registration.events).toStrictEqual({
			message_incoming: true,
			message_outgoing: false,
			message_status: true,
			template_update: false,
			channel_update: false,
		});
		expect(sandbox.webhooks.get(CHANNEL)).toEqual(registration);
		const request = sandbox.requests.find((candidate) => candidate.path.endsWith('/setWebhook'));
		expect(request?.headers['x-api-key']).toBe(sandbox.apiKey);
	});

	test('each delivery runs the workflow once: the sender is saved and gets one reply', async () => {
		const first = nextMessage('Is my order on its way?');
		const second = nextMessage('Are you open on Sunday?');
		expect(await sandbox.deliverEvent(CHANNEL, first.payload)).toEqual(RECEIVED);
		expect(await sandbox.deliverEvent(CHANNEL, second.payload)).toEqual(RECEIVED);
		const runs = await finishedExecutions(2);
		expect(runs.map((run) => [run.mode, run.status])).toEqual([
			['webhook', 'success'],
			['webhook', 'success'],
		]);
		for (const { phone, name } of [first, second]) {
			const replies = sandbox.deliveredTo(phone);
			expect(replies).toHaveLength(1);
			expect(replies[0].channel).toBe(CHANNEL);
			expect(String(replies[0].content)).toContain(name);
			const saved = [...sandbox.contacts.values()].filter((contact) => String(contact.phone_number) === `+${phone}`);
			expect(saved.map((contact) => contact.full_name)).toEqual([name]);
		}
		expect(sandbox.messages).toHaveLength(2);
	});

	test('typeVersion 1.1 reads a body n8n does not parse (application/octet-stream) from its raw bytes', async () => {
		// From 1.1 on n8n leaves a body of another type than JSON, text, form or XML unread.
		expect(autoReplyTrigger.typeVersion).toBe(1.1);
		const { phone, name, payload } = nextMessage('Sent as bytes');
		const answer = await sandbox.deliverEvent(CHANNEL, payload, { contentType: 'application/octet-stream' });
		expect(answer).toEqual(RECEIVED);
		await waitFor(`the reply to ${phone}`, server, async () => sandbox.deliveredTo(phone).length > 0);
		expect(sandbox.deliveredTo(phone).map((reply) => String(reply.content).includes(name))).toEqual([true]);
	});

	test('a wrong or missing token gets 401 and starts no execution', async () => {
		const before = (await executions()).length;
		const messagesBefore = sandbox.messages.length;
		const { phone, payload } = nextMessage('Let me in');
		const refusals: DeliveryAnswer[] = [
			await sandbox.deliverEvent(CHANNEL, payload, { token: 'not-the-token' }),
			await sandbox.deliverEvent(CHANNEL, payload, { token: null }),
		];
		expect(refusals.map((answer) => answer.status)).toEqual([401, 401]);
		const fenced = await fence();
		expect(await finishedExecutions(before + 1)).toHaveLength(before + 1);
		expect(sandbox.deliveredTo(phone)).toHaveLength(0);
		expect(sandbox.messages.slice(messagesBefore).map((message) => message.phone)).toEqual([fenced]);
	});

	test('the same delivery twice runs the workflow once', async () => {
		const before = (await executions()).length;
		const { phone, payload } = nextMessage('Hello?');
		expect(await sandbox.deliverEvent(CHANNEL, payload)).toEqual(RECEIVED);
		expect(await sandbox.deliverEvent(CHANNEL, payload)).toEqual(RECEIVED);
		await fence();
		expect(await finishedExecutions(before + 2)).toHaveLength(before + 2);
		expect(sandbox.deliveredTo(phone)).toHaveLength(1);
	});

	test('after a restart deliveries still run (n8n 1.x registers the same URL again; 2.x calls nothing)', async () => {
		const calls = sandbox.webhookCalls.length;
		const registered = sandbox.webhookCalls[calls - 1].url;
		await server.restart();
		if (version.startsWith('1.')) {
			await waitFor('the registration at start-up', server, async () => sandbox.webhookCalls.length > calls);
		}
		const before = (await executions()).length;
		await fence();
		expect(await finishedExecutions(before + 1)).toHaveLength(before + 1);
		const again = sandbox.webhookCalls.slice(calls);
		expect(again.map((call) => call.url)).toEqual(version.startsWith('1.') ? [registered] : []);
		expect(sandbox.webhooks.get(CHANNEL)?.url).toBe(registered);
	});

	test('Combine Messages: 3 + 2 interleaved messages from two people are two runs, and each person gets one reply with their messages in order', async () => {
		await server.activate(bursts.workflowId);
		const people = [nextMessage('x'), nextMessage('x')].map(({ phone, name }) => ({ phone, name }));
		const order: Array<[number, string]> = [
			[0, 'hi'],
			[1, 'hello'],
			[0, 'I ordered yesterday'],
			[1, 'are you open on Sunday?'],
			[0, 'order 1042, where is it?'],
		];
		for (const [person, text] of order) {
			const { phone, name } = people[person];
			expect(await sandbox.deliverEvent(BURSTS_CHANNEL, inventedIncomingMessage(BURSTS_CHANNEL, phone, text, name))).toEqual(RECEIVED);
			await new Promise((resolve) => setTimeout(resolve, 200));
		}
		let runs: N8nExecution[] = [];
		await waitFor('two finished runs of the bursts example', server, async () => {
			runs = await server.executions(bursts.workflowId);
			return runs.length >= 2 && runs.every((run) => !['new', 'running', 'waiting'].includes(run.status));
		});
		expect(runs.map((run) => [run.mode, run.status])).toEqual([
			['webhook', 'success'],
			['webhook', 'success'],
		]);
		const replies = people.map(({ phone }) => sandbox.deliveredTo(phone).map((message) => String(message.content)));
		expect(replies).toEqual([
			['Thanks for your 3 messages. We read them together: hi / I ordered yesterday / order 1042, where is it?'],
			['Thanks for your 2 messages. We read them together: hello / are you open on Sunday?'],
		]);
	});

	test('Combine Messages: a burst still open when the workflow is deactivated runs, and its person gets the reply', async () => {
		const { phone, name } = nextMessage('x');
		expect(await sandbox.deliverEvent(BURSTS_CHANNEL, inventedIncomingMessage(BURSTS_CHANNEL, phone, 'still there?', name))).toEqual(RECEIVED);
		await server.deactivate(bursts.workflowId);
		await waitFor(`the reply to ${phone}`, server, async () => sandbox.deliveredTo(phone).length > 0);
		expect(sandbox.deliveredTo(phone).map((message) => String(message.content))).toEqual([
			'Thanks for your message. We read it: still there?',
		]);
		const runs = await server.executions(bursts.workflowId);
		expect(runs).toHaveLength(3);
	});

	test('deactivation sends nothing to Rampwin, and deliveries then start nothing', async () => {
		const requests = sandbox.requests.length;
		const before = (await executions()).length;
		await server.deactivate(example.workflowId);
		const { phone, payload } = nextMessage('Anyone there?');
		const answer = await sandbox.deliverEvent(CHANNEL, payload);
		expect(answer.status).toBe(404);
		expect(sandbox.requests.slice(requests).map((request) => `${request.method} ${request.path}`)).toEqual([]);
		expect(await executions()).toHaveLength(before);
		expect(sandbox.deliveredTo(phone)).toHaveLength(0);
	});

	sendAndWaitTests(() => ({ sandbox, server, ...approval }));

	// n8n's own credentials tester (POST /rest/credentials/test, as the editor asks it) runs
	// the nodes' testedBy function against the sandbox.
	describe("the credential's Test button", () => {
		let before = 0;
		const sent = () => sandbox.requests.slice(before);
		beforeEach(() => {
			before = sandbox.requests.length;
		});

		test('a wrong key fails the test, saying the key was rejected', async () => {
			const result = await server.testCredential(wrongKey);
			expect(result.status).toBe('Error');
			expect(result.message).toMatch(/^Rampwin rejected the API key \(HTTP 401\)/);
			expect(result.message).not.toContain('SECRET');
			expect(sent().map((request) => request.headers['x-api-key'])).toEqual([wrongKey.data.apiKey]);
		});

		test('the right key passes the test and creates nothing', async () => {
			const contacts = sandbox.contacts.size;
			expect(await server.testCredential(good)).toEqual({ status: 'OK', message: 'Connection successful!' });
			expect(sent()).toHaveLength(1);
			expect(sent()[0].rawBody).toBe('{}');
			expect(sandbox.contacts.size).toBe(contacts);
		});

		test('a Base URL with no Rampwin API behind it fails the test', async () => {
			const result = await server.testCredential({ ...good, data: { ...good.data, baseUrl: `${sandbox.baseUrl}/not-rampwin` } });
			expect(result.status).toBe('Error');
			expect(result.message).toMatch(/^No Rampwin API at this Base URL \(HTTP 404\)/);
		});
	});
});

/** Polls every 100 ms for up to 30 s; on a time-out the error carries the end of n8n's output. */
async function waitFor(what: string, server: N8nServer, done: () => Promise<boolean>): Promise<void> {
	const deadline = Date.now() + 30_000;
	while (Date.now() < deadline) {
		if (await done()) return;
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	throw new Error(`Waited 30 s for ${what}. n8n's output ends:\n${server.logTail()}`);
}
