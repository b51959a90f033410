import { Logger } from '@n8n/backend-common';
import { Container } from '@n8n/di';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { findAnswerIds, resumeUrl } from '../../nodes/Rampwin/helpers/message/wait/token';
import type { RampwinServer } from '../../sandbox/rampwin-server';
import { inventedButtonReply, inventedIncomingMessage } from '../../sandbox/webhooks';
import { N8N_LINE } from '../harness/n8n';
import { checkOutputSchemas } from '../harness/output-schema';
import { useRampwinServer } from '../harness/server';
import { TriggerHarness } from '../harness/trigger';
import { WaitingRun } from '../harness/wait';

// Taps arrive in the sandbox's invented payload shape (Rampwin's reference shows none); the
// trigger looks for the id anywhere in the raw body, so the shape is only "some JSON".

jest.setTimeout(30_000);

let server: RampwinServer;
useRampwinServer((started) => (server = started));

const MANAGER = '919876543210';
const sent = () => server.requests.filter((r) => r.path === '/api/messages/send').map((r) => JSON.parse(r.rawBody) as IDataObject);
const buttons = (values: INodeParameters = {}): INodeParameters => ({
	message: 'Refund $40 for order #1042?',
	responseType: 'whatsappButtons',
	approvalOptions: { values: { approvalType: 'double', ...values } },
});
/** The reply buttons of the last message sent, as Rampwin got them. */
const sentButtons = () => ((sent().at(-1)?.interactive as IDataObject).action as { buttons: Array<{ reply: { id: string; title: string } }> }).buttons.map(({ reply }) => reply);

let listener: Awaited<ReturnType<WaitingRun['listen']>> | undefined;
afterEach(async () => {
	await listener?.close();
	listener = undefined;
});

/** A waiting WhatsApp Buttons run whose waiting webhooks listen on a loopback port, and an active trigger. */
async function waitingWithTrigger(values: INodeParameters = {}, events = ['message_incoming'], triggerVersion?: number): Promise<{ run: WaitingRun; trigger: TriggerHarness; port: number }> {
	const run = await WaitingRun.start(server, buttons(values));
	listener = await run.listen();
	const trigger = await TriggerHarness.create(server, { events }, {}, triggerVersion);
	await trigger.activate();
	return { run, trigger, port: listener.port };
}

function logs() {
	const logger = Container.get(Logger);
	const spies = [jest.spyOn(logger, 'warn'), jest.spyOn(logger, 'info'), jest.spyOn(logger, 'error'), jest.spyOn(logger, 'debug')];
	return {
		text: () => spies.flatMap((spy) => spy.mock.calls.map((call) => JSON.stringify(call))).join('\n'),
		restore: () => spies.forEach((spy) => spy.mockRestore()),
	};
}

describe(`Message > Send and Wait for Response, WhatsApp Buttons, through n8n-core ${N8N_LINE}.x`, () => {
	test('sends Send Buttons with the labels, whose reply ids name this waiting run and carry n8n\'s signature', async () => {
		const run = await WaitingRun.start(server, buttons({ approveLabel: 'Yes', disapproveLabel: 'No' }));
		expect(run.status).toBe('waiting');
		expect(sent()).toHaveLength(1);
		const [body] = sent();
		expect(body.text).toBeUndefined();
		expect(body.interactive).toMatchObject({ type: 'button', body: { text: 'Refund $40 for order #1042?' } });
		const [yes, no] = sentButtons();
		expect([yes.title, no.title]).toEqual(['Yes', 'No']);
		for (const { id } of [yes, no]) {
			expect(id).toMatch(/^rwsw1\.[A-Za-z0-9_.-]+$/);
			expect(id.length).toBeLessThanOrEqual(256);
		}
		const [approve] = findAnswerIds(yes.id);
		const [decline] = findAnswerIds(no.id);
		expect(approve).toMatchObject({ executionId: run.executionId, nodeId: 'd2b3c4e5-0000-4000-8000-00000000a11', choice: 'approve' });
		expect(decline).toMatchObject({ executionId: run.executionId, choice: 'decline' });
		// The id rebuilds the very link n8n signed: its page opens, and answers nothing on a GET.
		const page = await run.open(resumeUrl('http://localhost:5678/webhook-waiting', decline), 'GET');
		expect(page.status).toBe(200);
		expect(page.body).toContain('<button type="submit">No</button>');
		expect(run.status).toBe('waiting');
	});

	test('Approve Only sends one button, with the default label', async () => {
		await WaitingRun.start(server, buttons({ approvalType: 'single' }));
		const only = sentButtons();
		expect(only.map(({ title }) => title)).toEqual(['Approve']);
		expect(findAnswerIds(only[0].id)[0].choice).toBe('sole');
	});

	test('an id over WhatsApp\'s 256 characters, a label over 20 and a message over 1024 are refused before sending', async () => {
		const long = await WaitingRun.start(server, buttons(), undefined, { id: `node-${'x'.repeat(180)}` });
		expect(long.status).toBe('error');
		expect(long.first.data.resultData.error?.message).toMatch(/^Item 0: The reply id of the "Approve" button has 3\d\d characters; WhatsApp allows 256$/);
		expect((long.first.data.resultData.error as { description?: string }).description).toMatch(/^Field "Response Type": .*copy the node/);
		const label = await WaitingRun.start(server, buttons({ disapproveLabel: 'No, and do not ask again' }));
		expect(label.first.data.resultData.error?.message).toMatch(/Disapprove Button Label "No, and do not ask again" has 24 characters; a WhatsApp button allows 20/);
		const text = await WaitingRun.start(server, { ...buttons(), message: 'x'.repeat(1025) });
		expect(text.first.data.resultData.error?.message).toBe('Item 0: Message has 1025 characters; WhatsApp allows 1024');
		expect(sent()).toHaveLength(0);
	});

	test('a tap at the trigger resumes the run once, with the answer from the chat; the trigger starts no run for it', async () => {
		const { run, trigger, port } = await waitingWithTrigger();
		const [, decline] = sentButtons();
		const log = logs();
		try {
			const tap = await trigger.deliver({ json: inventedButtonReply('chan-1', MANAGER, decline), receivedOn: port });
			expect(tap).toMatchObject({ status: 200, response: { received: true }, ran: false });
			expect(run.status).toBe('success');
			expect(listener?.requests).toBe(1);
			expect(log.text()).toContain(`a WhatsApp Buttons tap (Decline) resumed execution ${run.executionId}`);
			expect(log.text()).not.toContain(decline.id);
			expect(log.text()).not.toContain(findAnswerIds(decline.id)[0].signature);
		} finally {
			log.restore();
		}
		const answers = run.resumes;
		expect(answers).toHaveLength(1);
		const items = WaitingRun.output(answers[0]);
		checkOutputSchemas('message', 'sendAndWait', items, [], false);
		expect(items[0].json).toEqual({ approved: false, respondedAt: expect.any(String), answeredVia: 'chat', timedOut: false });
		// An ordinary message still starts a run, so the tap's missing run is the trigger's choice.
		expect(await trigger.deliver({ json: inventedIncomingMessage('chan-1', MANAGER, 'thanks'), receivedOn: port })).toMatchObject({ ran: true });
	});

	test('a replayed tap, the other button afterwards, and a second delivery of the same tap resume nothing and start no run', async () => {
		const { run, trigger, port } = await waitingWithTrigger();
		const [approve, decline] = sentButtons();
		expect(await trigger.deliver({ json: inventedButtonReply('chan-1', MANAGER, approve), receivedOn: port })).toMatchObject({ status: 200, ran: false });
		expect(run.status).toBe('success');
		const log = logs();
		try {
			for (const button of [approve, decline, approve]) {
				expect(await trigger.deliver({ json: inventedButtonReply('chan-1', MANAGER, button), receivedOn: port })).toMatchObject({ status: 200, ran: false });
			}
			expect(log.text()).toContain(`n8n did not resume execution ${run.executionId}: it was answered before`);
			expect(log.text()).not.toMatch(/rwsw1\.|[0-9a-f]{64}/);
		} finally {
			log.restore();
		}
		expect(run.resumes).toHaveLength(1);
		expect(WaitingRun.output(run.resumes[0])[0].json).toMatchObject({ approved: true, answeredVia: 'chat' });
	});

	test('two taps at the same moment (Approve, then Decline at once) resume the run once, with the first', async () => {
		const { run, trigger, port } = await waitingWithTrigger();
		const [approve, decline] = sentButtons();
		const answers = await Promise.all([approve, decline].map(async (button) => await trigger.deliver({ json: inventedButtonReply('chan-1', MANAGER, button), receivedOn: port })));
		expect(answers.map(({ status, ran }) => [status, ran])).toEqual([
			[200, false],
			[200, false],
		]);
		expect(run.resumes).toHaveLength(1);
		expect(listener?.requests).toBe(1);
		expect(WaitingRun.output(run.resumes[0])[0].json).toMatchObject({ approved: true, answeredVia: 'chat' });
	});

	test('a forged or changed id, and one for an execution this n8n does not have, are refused by n8n and logged without the id', async () => {
		const { run, trigger, port } = await waitingWithTrigger();
		const [approve, decline] = sentButtons();
		const [signature] = [approve.id.split('.')[4]];
		const forged = { title: 'Decline', id: decline.id.replace(/[^.]+$/, signature) };
		const changed = { title: 'Approve', id: approve.id.replace(/\.a\./, '.d.') };
		const foreign = { title: 'Approve', id: approve.id.replace(/^rwsw1\.[^.]+/, `rwsw1.${Buffer.from('987654').toString('base64url')}`) };
		const log = logs();
		try {
			for (const button of [forged, changed]) {
				expect(await trigger.deliver({ json: inventedButtonReply('chan-1', MANAGER, button), receivedOn: port })).toMatchObject({ status: 200, ran: false });
			}
			expect(await trigger.deliver({ json: inventedButtonReply('chan-1', MANAGER, foreign), receivedOn: port })).toMatchObject({ status: 200, ran: false });
			expect(log.text()).toContain(`n8n did not resume execution ${run.executionId}: n8n refused the signature`);
			expect(log.text()).toContain('n8n did not resume execution 987654: n8n has no such execution');
			expect(log.text()).not.toContain(signature);
			expect(log.text()).not.toMatch(/rwsw1\.|[0-9a-f]{64}/);
		} finally {
			log.restore();
		}
		expect(run.status).toBe('waiting');
		expect(run.resumes).toHaveLength(0);
		expect(listener?.requests).toBe(3);
	});

	test('a delivery with both answers (the question itself, e.g. an outgoing-message event) resumes nothing and starts no run', async () => {
		const { run, trigger, port } = await waitingWithTrigger();
		const echo = { event: 'message_outgoing', interactive: sent()[0].interactive };
		expect(await trigger.deliver({ json: echo, receivedOn: port })).toMatchObject({ status: 200, ran: false });
		expect(listener?.requests).toBe(0);
		expect(run.status).toBe('waiting');
	});

	test('Approve Only: with Outgoing Message events on the trigger, a lone Approve id cannot be told from the question, and resumes nothing', async () => {
		const { run, trigger, port } = await waitingWithTrigger({ approvalType: 'single' }, ['message_incoming', 'message_outgoing']);
		const [only] = sentButtons();
		expect(await trigger.deliver({ json: inventedButtonReply('chan-1', MANAGER, only), receivedOn: port })).toMatchObject({ status: 200, ran: false });
		expect(listener?.requests).toBe(0);
		expect(run.status).toBe('waiting');
	});

	test('Approve Only: a tap resumes the run as approved; a stranger\'s delivery is still refused first (a trigger saved as typeVersion 1)', async () => {
		const { run, trigger, port } = await waitingWithTrigger({ approvalType: 'single' }, ['message_incoming'], 1);
		expect(trigger.node.typeVersion).toBe(1);
		const [only] = sentButtons();
		expect(await trigger.deliver({ json: inventedButtonReply('chan-1', MANAGER, only), receivedOn: port, token: 'wrong' })).toMatchObject({ status: 401, ran: false });
		expect(run.status).toBe('waiting');
		expect(await trigger.deliver({ json: inventedButtonReply('chan-1', MANAGER, only), receivedOn: port })).toMatchObject({ status: 200, ran: false });
		expect(WaitingRun.output(run.resumes[0])[0].json).toMatchObject({ approved: true, answeredVia: 'chat' });
	});
});
