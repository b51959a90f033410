import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { RampwinServer } from '../../sandbox/rampwin-server';
import { N8N_LINE } from '../harness/n8n';
import { checkOutputSchemas } from '../harness/output-schema';
import { useRampwinServer } from '../harness/server';
import { signed, WaitingRun } from '../harness/wait';

jest.setTimeout(30_000);

let server: RampwinServer;
useRampwinServer((started) => (server = started));

const sent = () => server.requests.filter((r) => r.path === '/api/messages/send').map((r) => JSON.parse(r.rawBody) as IDataObject);
const output = (run: Parameters<typeof WaitingRun.output>[0]) => {
	const items = WaitingRun.output(run);
	checkOutputSchemas('message', 'sendAndWait', items, [], false);
	return items;
};
const approval = (values: INodeParameters = {}): INodeParameters => ({ message: 'Refund $40 for order #1042?', approvalOptions: { values } });

describe(`Message > Send and Wait for Response through n8n-core ${N8N_LINE}.x`, () => {
	test('Approval: one message with a signed link; the run waits', async () => {
		const run = await WaitingRun.start(server, approval());
		expect(run.status).toBe('waiting');
		expect(run.first.data.resultData.error).toBeUndefined();
		const [body] = sent();
		expect(sent()).toHaveLength(1);
		expect(body).toMatchObject({ channel_id: 'chan-1', phone_number: '919876543210' });
		const links = run.links();
		expect(Object.keys(links)).toEqual(['Approve']);
		const url = new URL(links.Approve);
		expect(url.pathname).toBe(`/webhook-waiting/${run.executionId}/d2b3c4e5-0000-4000-8000-00000000a11`);
		expect(url.searchParams.get('approved')).toBe('true');
		expect(url.searchParams.get('signature')).toMatch(/^[0-9a-f]{64}$/);
		expect(body.text).toBe(`Refund $40 for order #1042?\n\nApprove: ${links.Approve}`);
		// While it waits the node shows what was sent.
		expect(WaitingRun.output(run.first)).toEqual([
			{ json: { sent: true, phone_number: '919876543210', message: 'Message sent successfully' }, pairedItem: { item: 0 } },
		]);
	});

	test('Approve and Disapprove: a GET shows the choice and answers nothing; the page\'s POST resumes the run', async () => {
		const run = await WaitingRun.start(server, approval({ approvalType: 'double', approveLabel: 'Yes', disapproveLabel: 'No <way>' }));
		const links = run.links();
		expect(Object.keys(links)).toEqual(['Yes', 'No <way>']);
		const page = await run.open(links['No <way>'], 'GET', {}, { 'user-agent': 'WhatsApp/2.23.20.0' });
		expect(page.status).toBe(200);
		expect(page.resumed).toBeUndefined();
		expect(run.status).toBe('waiting');
		expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
		expect(page.body).toContain('<form method="post"><button type="submit">No &lt;way&gt;</button></form>');
		expect(page.body).toContain('Refund $40 for order #1042?');

		const answer = await run.open(links['No <way>'], 'POST');
		expect(answer.status).toBe(200);
		expect(answer.body).toContain('Your answer was recorded');
		expect(run.status).toBe('success');
		const [item] = output(answer.resumed);
		expect(item.json).toEqual({ approved: false, respondedAt: expect.any(String), answeredVia: 'link', timedOut: false });
		expect(Date.now() - Date.parse(String(item.json.respondedAt))).toBeLessThan(10_000);
	});

	test('Approve: the POST outputs approved true', async () => {
		const run = await WaitingRun.start(server, approval());
		const answer = await run.open(run.links().Approve, 'POST');
		expect(output(answer.resumed)[0].json).toMatchObject({ approved: true, timedOut: false, answeredVia: 'link' });
	});

	test('a link used twice: "no action required", nothing resumed twice', async () => {
		const run = await WaitingRun.start(server, approval({ approvalType: 'double' }));
		const { Approve, Decline } = run.links();
		expect((await run.open(Approve, 'POST')).resumed).toBeDefined();
		for (const url of [Approve, Decline]) {
			const again = await run.open(url, 'POST');
			expect(again.resumed).toBeUndefined();
			expect(again.body).toBe('send-and-wait-no-action-required');
		}
		expect(sent()).toHaveLength(1);
	});

	test('a forged or changed signature is refused and resumes nothing', async () => {
		const run = await WaitingRun.start(server, approval());
		const changed = new URL(run.links().Approve);
		changed.searchParams.set('approved', 'false');
		const forged = new URL(run.links().Approve);
		forged.searchParams.set('signature', 'f'.repeat(64));
		const missing = new URL(run.links().Approve);
		missing.searchParams.delete('signature');
		for (const url of [changed, forged, missing]) {
			const page = await run.open(url.toString(), 'POST');
			expect(page.status).toBe(401);
			expect(page.resumed).toBeUndefined();
		}
		expect(run.status).toBe('waiting');
	});

	test('a signed link without a choice gets a clear page and resumes nothing', async () => {
		// n8n signs whatever the node asks it to; the node still refuses a choice it did not make.
		const run = await WaitingRun.start(server, { message: 'Ok?', responseType: 'approval' });
		for (const method of ['GET', 'POST'] as const) {
			const page = await run.open(signed(run.links().Approve.replace('approved=true', 'approved=maybe')), method);
			expect(page.status).toBe(400);
			expect(page.body).toContain('<h1>This link is not complete</h1>');
			expect(page.resumed).toBeUndefined();
		}
		expect(run.status).toBe('waiting');
	});

	test('Free Text: the GET shows a text box; an empty POST is asked again; the answer resumes the run', async () => {
		const run = await WaitingRun.start(server, { message: 'What went wrong?', responseType: 'freeText', options: { messageButtonLabel: 'Answer here' } });
		const { 'Answer here': link } = run.links();
		expect(link).toBeDefined();
		const page = await run.open(link, 'GET');
		expect(page.body).toContain('<textarea id="text" name="text" rows="5" required></textarea>');
		expect(page.body).toContain('<button type="submit">Submit</button>');
		expect(page.resumed).toBeUndefined();

		const empty = await run.open(link, 'POST', { text: '   ' });
		expect(empty.status).toBe(422);
		expect(empty.resumed).toBeUndefined();
		expect(run.status).toBe('waiting');

		const answer = await run.open(link, 'POST', { text: 'The parcel <b>never</b> came' });
		const [item] = output(answer.resumed);
		expect(item.json).toEqual({ text: 'The parcel <b>never</b> came', respondedAt: expect.any(String), answeredVia: 'link', timedOut: false });
	});

	test('Limit Wait Time: when it runs out the run goes on with timedOut true and no answer', async () => {
		const run = await WaitingRun.start(server, {
			...approval(),
			options: { limitWaitTime: { values: { limitType: 'afterTimeInterval', resumeAmount: 2, resumeUnit: 'minutes' } } },
		});
		const waitTill = run.first.waitTill!;
		expect(Math.abs(waitTill.getTime() - (Date.now() + 120_000))).toBeLessThan(10_000);
		const resumed = await run.timeOut();
		expect(output(resumed)).toEqual([
			{ json: { timedOut: true }, pairedItem: { item: 0 } },
		]);
		expect((await run.open(run.links().Approve, 'POST')).body).toBe('send-and-wait-no-action-required');
	});

	test('Limit Wait Time at a date, and no limit: waits until then, or indefinitely', async () => {
		const at = await WaitingRun.start(server, {
			...approval(),
			options: { limitWaitTime: { values: { limitType: 'atSpecifiedTime', maxDateAndTime: '2031-05-01T10:00:00.000Z' } } },
		});
		expect(at.first.waitTill?.toISOString()).toBe('2031-05-01T10:00:00.000Z');
		const none = await WaitingRun.start(server, approval());
		expect(none.first.waitTill?.toISOString()).toBe('3000-01-01T00:00:00.000Z');
	});

	test('a message too long with its links is refused before anything is sent', async () => {
		const run = await WaitingRun.start(server, approval({ approvalType: 'double' }));
		server.reset();
		const long = await WaitingRun.start(server, { message: 'x'.repeat(4000), approvalOptions: { values: { approvalType: 'double' } } });
		expect(long.status).toBe('error');
		const error = long.first.data.resultData.error as Error & { description?: string };
		expect(error.message).toMatch(/^Item 0: Message with its answer links has 4\d{3} characters; WhatsApp allows 4096$/);
		expect(error.description).toMatch(/^Field "Message": Shorten Message to \d+ characters or fewer/);
		expect(sent()).toHaveLength(0);
		expect(run.status).toBe('waiting');
	});

	test('only the first item is read and sent, as n8n\'s own send-and-wait nodes do', async () => {
		const run = await WaitingRun.start(server, approval(), [{ phone: '+91 98765 43210' }, { phone: '+44 7700 900123' }]);
		expect(sent().map((b) => b.phone_number)).toEqual(['919876543210']);
		expect(run.status).toBe('waiting');
	});

	test('a refused message (outside the 24-hour window) fails the node and does not wait', async () => {
		server.sessionWindow = new Set(['447700900123']);
		const run = await WaitingRun.start(server, approval());
		expect(run.status).toBe('error');
		expect((run.first.data.resultData.error as Error).message).toMatch(/^Rampwin refused the message: Session expired/);
	});

	test('with Continue On Fail a refused message is the output, and the run does not wait', async () => {
		server.sessionWindow = new Set(['447700900123']);
		const run = await WaitingRun.start(server, approval(), undefined, { continueOnFail: true });
		expect(run.status).toBe('success');
		const items = WaitingRun.output(run.first);
		checkOutputSchemas('message', 'sendAndWait', items, [], false);
		expect(items).toEqual([
			{
				json: expect.objectContaining({ error: expect.stringMatching(/^Rampwin refused the message: Session expired/), phone_number: '+91 98765 43210', channel_id: 'chan-1' }),
				pairedItem: { item: 0 },
			},
		]);
	});

	test('Validate Only outputs the message it would send, with its links, sends nothing and does not wait', async () => {
		const run = await WaitingRun.start(server, { ...approval(), options: { validateOnly: true } });
		expect(run.status).toBe('success');
		expect(sent()).toHaveLength(0);
		const [item] = WaitingRun.output(run.first);
		const body = (item.json.request as IDataObject).body as IDataObject;
		expect(body.text).toMatch(/^Refund \$40 for order #1042\?\n\nApprove: http:\/\/localhost:5678\/webhook-waiting\/\d+\/[\w-]+\?approved=true&signature=[0-9a-f]{64}$/);
		expect(item.json.valid).toBe(true);
	});
});
