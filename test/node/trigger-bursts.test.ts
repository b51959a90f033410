import type { INodeParameters } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { RampwinServer } from '../../sandbox/rampwin-server';
import { inventedIncomingMessage } from '../../sandbox/webhooks';
import { useRampwinServer } from '../harness/server';
import { TriggerHarness, type Answer, type Delivery } from '../harness/trigger';

// Options › Combine Messages through n8n-core's real HookContext, WebhookContext and
// WorkflowExecute. The payloads are the sandbox's invention (Rampwin's reference shows none);
// the Sender Field names their `from`. Deliveries posted in one loop reach webhook() before
// any timer can fire, so which burst a message joins never depends on the machine's speed.

let server: RampwinServer;
useRampwinServer((started) => (server = started));
// A burst ended by a flush or a cap leaves its last nap (at most a second) to run out.
afterAll(async () => await new Promise((resolve) => setTimeout(resolve, 1_100)));

/** Combine Messages as the editor stores it. Long periods where a test must end a burst another way. */
const combine = (quietPeriod: number, longestWait = 10, senderField = 'from'): INodeParameters => ({
	options: { combineMessages: { settings: { senderField, quietPeriod, longestWait } } },
});

async function activeTrigger(parameters: INodeParameters): Promise<TriggerHarness> {
	const trigger = await TriggerHarness.create(server, parameters);
	await trigger.activate();
	return trigger;
}

const message = (from: string, text: string) => inventedIncomingMessage('chan-1', from, text);

/** Posts every delivery at once; resolves with the runs that started, in the order they were posted. */
async function postAll(trigger: TriggerHarness, deliveries: Delivery[]): Promise<{ answers: Array<{ status: number; response: unknown }>; runs: Answer[] }> {
	const posted = deliveries.map((delivery) => trigger.post(delivery));
	const answers = await Promise.all(posted.map((post) => post.answered));
	const finished = await Promise.all(posted.map((post) => post.finished));
	return { answers, runs: finished.filter((answer) => answer.ran) };
}

const texts = (run: Answer) => (run.items[0].json.messages as Array<{ text: string }>).map((m) => m.text);

describe('Rampwin Trigger › Combine Messages', () => {
	test('a burst of 4 from one sender is one run, with one item holding the 4 messages in order; each is answered 200 at once', async () => {
		const trigger = await activeTrigger(combine(0.3));
		const burst = ['hi', 'I ordered yesterday', 'order 1042', 'where is it?'].map((text) => message('919800000001', text));
		const first = trigger.post({ json: burst[0] });
		let ranBeforeAnswer: boolean | undefined;
		let finished = false;
		void first.finished.then(() => (finished = true));
		void first.answered.then(() => (ranBeforeAnswer = finished));
		const { answers, runs } = await postAll(trigger, burst.slice(1).map((json) => ({ json })));
		const run = await first.finished;
		expect(ranBeforeAnswer).toBe(false);
		expect((await first.answered).status).toBe(200);
		expect(answers).toEqual(Array(3).fill({ status: 200, response: { received: true } }));
		expect(runs).toHaveLength(0);
		expect(run.ran).toBe(true);
		expect(run.items).toHaveLength(1);
		const item = run.items[0].json;
		expect(Object.keys(item).sort()).toEqual(['count', 'firstAt', 'lastAt', 'messages', 'sender']);
		expect(item.sender).toBe('919800000001');
		expect(item.count).toBe(4);
		expect(item.messages).toEqual(burst);
		expect(Date.parse(String(item.lastAt))).toBeGreaterThanOrEqual(Date.parse(String(item.firstAt)));
	});

	test('two senders interleaved give two runs, each with its own messages in order', async () => {
		const trigger = await activeTrigger(combine(0.3));
		const a = (text: string) => ({ json: message('919800000001', text) });
		const b = (text: string) => ({ json: message('447700900123', text) });
		const { runs } = await postAll(trigger, [a('a1'), b('b1'), a('a2'), b('b2'), a('a3')]);
		expect(runs.map((run) => [run.items[0].json.sender, texts(run)])).toEqual([
			['919800000001', ['a1', 'a2', 'a3']],
			['447700900123', ['b1', 'b2']],
		]);
	});

	test('a gap longer than the quiet period gives two runs', async () => {
		const trigger = await activeTrigger(combine(0.2));
		const first = await trigger.deliver({ json: message('919800000001', 'one') });
		const second = await trigger.deliver({ json: message('919800000001', 'two') });
		expect([first, second].map(texts)).toEqual([['one'], ['two']]);
	});

	test('Longest Wait ends a burst that never pauses; the messages after it open the next burst', async () => {
		// A quiet period of 60 s cannot end either burst within the test's time: only Longest Wait can.
		const trigger = await activeTrigger(combine(60, 0.5));
		const posted: Array<ReturnType<TriggerHarness['post']>> = [];
		const send = () => posted.push(trigger.post({ json: message('919800000001', `m${posted.length + 1}`) }));
		let firstEnded = false;
		send();
		void posted[0].finished.then(() => (firstEnded = true));
		while (!firstEnded) {
			await new Promise((resolve) => setTimeout(resolve, 50));
			send();
		}
		send();
		const runs = (await Promise.all(posted.map((post) => post.finished))).filter((answer) => answer.ran);
		expect(runs).toHaveLength(2);
		expect(runs.flatMap(texts)).toEqual(posted.map((_, index) => `m${index + 1}`));
	});

	test('a repeated delivery and one with a wrong token are not added to the burst', async () => {
		const trigger = await activeTrigger(combine(0.3));
		const hello = message('919800000001', 'hello');
		const { answers, runs } = await postAll(trigger, [
			{ json: hello },
			{ json: hello },
			{ json: message('919800000001', 'intruder'), token: 'not-the-token' },
			{ json: message('919800000001', 'anyone?') },
		]);
		expect(answers.map((answer) => answer.status)).toEqual([200, 200, 401, 200]);
		expect(runs.map(texts)).toEqual([['hello', 'anyone?']]);
	});

	test('deliveries without the Sender Field, or that become several items, run alone at once, as without Combine Messages', async () => {
		const trigger = await activeTrigger(combine(60, 120));
		const held = trigger.post({ json: message('919800000001', 'held') });
		const status = { event: 'message_status', status: 'read' };
		const noSender = message('', 'no sender');
		const list = [message('919800000001', 'in a list'), message('919800000001', 'also in it')];
		const alone = [
			await trigger.deliver({ json: status }),
			await trigger.deliver({ json: noSender }),
			await trigger.deliver({ body: 'not json', contentType: 'text/plain' }),
			await trigger.deliver({ json: list }),
		];
		expect(alone.map((answer) => [answer.ran, answer.items.map((item) => item.json)])).toEqual([
			[true, [status]],
			[true, [noSender]],
			[true, [{ body: 'not json' }]],
			[true, list],
		]);
		await trigger.deactivate();
		expect(texts(await held.finished)).toEqual(['held']);
	});

	test('a dotted Sender Field groups by the nested value', async () => {
		const trigger = await activeTrigger(combine(0.3, 10, 'contact.phone'));
		const from = (phone: string, text: string) => ({ json: { contact: { phone }, text } });
		const { runs } = await postAll(trigger, [from('1', 'x'), from('2', 'y'), from('1', 'z')]);
		expect(runs.map((run) => [run.items[0].json.sender, texts(run)])).toEqual([
			['1', ['x', 'z']],
			['2', ['y']],
		]);
	});

	test('at 50 messages the run starts early; the 51st opens the next burst', async () => {
		const trigger = await activeTrigger(combine(0.3));
		const deliveries = Array.from({ length: 51 }, (_, index) => ({ json: message('919800000001', `m${index + 1}`) }));
		const { runs } = await postAll(trigger, deliveries);
		expect(runs.map((run) => run.items[0].json.count)).toEqual([50, 1]);
		expect(runs.flatMap(texts)).toEqual(deliveries.map((delivery) => delivery.json.text));
	});

	test('at 100 open bursts the oldest starts early, so none is lost and a new sender has a place', async () => {
		const trigger = await activeTrigger(combine(0.3));
		const senders = Array.from({ length: 101 }, (_, index) => `9198000${String(index).padStart(5, '0')}`);
		const deliveries = [
			...senders.map((sender) => ({ json: message(sender, 'first') })),
			// The first sender's burst was started early for the 101st: this opens another (and so starts the second's).
			{ json: message(senders[0], 'second') },
			{ json: message(senders[50], 'second') },
		];
		const { runs } = await postAll(trigger, deliveries);
		const bySender = (sender: string) => runs.filter((run) => run.items[0].json.sender === sender).map(texts);
		expect(runs).toHaveLength(102);
		expect(bySender(senders[0])).toEqual([['first'], ['second']]);
		expect(bySender(senders[1])).toEqual([['first']]);
		expect(bySender(senders[50])).toEqual([['first', 'second']]);
		expect(runs.flatMap(texts)).toHaveLength(deliveries.length);
	});

	test('deactivation starts the open bursts at once, with what they have', async () => {
		const trigger = await activeTrigger(combine(60, 120));
		const { runs } = await Promise.all([
			postAll(trigger, [{ json: message('919800000001', 'a1') }, { json: message('447700900123', 'b1') }, { json: message('919800000001', 'a2') }]),
			trigger.deactivate(),
		]).then(([result]) => result);
		expect(runs.map(texts)).toEqual([['a1', 'a2'], ['b1']]);
	});

	test("a test listener's end starts its own bursts, not the active workflow's", async () => {
		const trigger = await activeTrigger(combine(60, 120));
		const production = trigger.post({ json: message('919800000001', 'production') });
		await trigger.listenForTest();
		const test = trigger.post({ json: message('919800000001', 'test'), test: true });
		let productionEnded = false;
		void production.finished.then(() => (productionEnded = true));
		await trigger.stopTest();
		expect(texts(await test.finished)).toEqual(['test']);
		expect(productionEnded).toBe(false);
		await trigger.deactivate();
		expect(texts(await production.finished)).toEqual(['production']);
	});

	test('activation refuses Combine Messages without a Sender Field, saying how to find it', async () => {
		const trigger = await TriggerHarness.create(server, combine(5, 30, ' '));
		const error = await trigger.activate().then(
			() => undefined,
			(failure: unknown) => failure as NodeOperationError,
		);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error?.message).toBe('Combine Messages has no Sender Field');
		expect(error?.description).toMatch(/Listen for test event/);
		expect(server.webhookCalls).toHaveLength(0);
	});
});
