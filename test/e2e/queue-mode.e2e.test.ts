// n8n 2.41.1 in queue mode: PostgreSQL, Redis, a main instance (editor and REST, no
// production webhooks), one webhook process and two workers, each with the packed package
// installed in its own ~/.n8n/nodes. Imports, messages, a file and the trigger's deliveries
// come in at the webhook process and run on the workers; one worker is killed mid-import.
// Every count is read from the sandbox's own records (or n8n's database and the workers' logs
// for where things ran); the figures are printed at the end.
import path from 'node:path';

import { EXAMPLES, prepareExample } from '../../scripts/lib/example';
import { packedTarball, ROOT, type N8nExecution } from '../../scripts/lib/n8n';
import { QueueCluster } from '../../scripts/lib/queue';
import { RampwinServer } from '../../sandbox/rampwin-server';
import { inventedIncomingMessage } from '../../sandbox/webhooks';
import {
	CREDENTIAL,
	IMPORT_BOTH,
	IMPORT_UPSERT,
	MEDIA_FILE_NAME,
	PIXEL_PNG_BASE64,
	QUEUE_CHANNEL,
	SEND_MEDIA,
	SEND_TEXT,
	SYNC_CHANNEL,
	type QueueWorkflow,
} from './queue-workflows';
import { APPROVAL_PEOPLE, linksIn, post as postForm, prepareApproval, requestRefund, tapRoundTrip } from './send-and-wait';

const VERSION = '2.41.1';
/** The node's default Max Concurrent Requests for contacts: its promise is per execution. */
const CAP_PER_EXECUTION = 128;
const TRIGGER_CHANNEL = 'chan-queue-trigger';

interface Row {
	phone: string;
	name: string;
	batch: string;
	order?: string;
}

/** `count` Indian mobile numbers, distinct per `series` (0–9), as a sheet would hold them. */
function rows(series: number, count: number, batch: string): Row[] {
	return Array.from({ length: count }, (_, index) => ({
		phone: `+91 9${series}${String(index).padStart(8, '0')}`,
		name: `Customer ${series}-${index}`,
		batch,
	}));
}

/** The form each endpoint stores: Create or Update keeps "+<digits>", messages "<digits>". */
const plus = (phone: string): string => `+${phone.replace(/\D/g, '')}`;
const digits = (phone: string): string => phone.replace(/\D/g, '');

describe(`n8n ${VERSION} in queue mode: main, a webhook process and two workers`, () => {
	let sandbox: RampwinServer;
	let cluster: QueueCluster;
	let triggerWebhookId = '';
	let approval: ReturnType<typeof prepareApproval>;
	const figures: string[] = [];
	const started = Date.now();

	const note = (line: string): void => {
		figures.push(line);
	};

	beforeAll(async () => {
		sandbox = await RampwinServer.start();
		const target = { apiKey: sandbox.apiKey, baseUrl: sandbox.baseUrl, channelId: TRIGGER_CHANNEL };
		const autoReply = prepareExample(target, EXAMPLES['auto-reply'], { events: ['message_incoming'] });
		triggerWebhookId = autoReply.example.trigger?.webhookId ?? '';
		approval = prepareApproval(sandbox);
		cluster = await QueueCluster.start({
			version: VERSION,
			tarball: packedTarball(),
			workers: 2,
			// Shorter than n8n's defaults (60 s lock, 30 s stall check, recovery every 180 min), so
			// that the killed worker's execution is found within seconds; see the README.
			env: {
				QUEUE_WORKER_LOCK_DURATION: '10000',
				QUEUE_WORKER_LOCK_RENEW_TIME: '2500',
				QUEUE_WORKER_STALLED_INTERVAL: '5000',
				N8N_EXECUTIONS_QUEUE_RECOVERY_INTERVAL: '0.1',
			},
			setup: async (cli) => {
				await cli.importCredentials([
					{ ...CREDENTIAL, type: 'rampwinApi', data: { apiKey: sandbox.apiKey, baseUrl: sandbox.baseUrl } },
					autoReply.credential,
				]);
				await cli.importWorkflows([
					...[IMPORT_UPSERT, IMPORT_BOTH, SEND_TEXT, SEND_MEDIA].map((workflow) => workflow.definition),
					autoReply.workflow,
					approval.workflows[0],
					approval.workflows[2],
				]);
			},
		});
		for (const workflow of [IMPORT_UPSERT, IMPORT_BOTH, SEND_TEXT, SEND_MEDIA]) await main().activate(workflow.id);
		note(
			`cluster start: ${Object.entries(cluster.timings)
				.map(([step, seconds]) => `${step} ${seconds.toFixed(1)} s`)
				.join(', ')}`,
		);
	}, 300_000);

	afterAll(async () => {
		// Each process's output stays in .cache/queue-mode-logs until the next run.
		await cluster?.stop(path.join(ROOT, '.cache', 'queue-mode-logs'));
		await sandbox?.close();
		note(`whole file: ${((Date.now() - started) / 1000).toFixed(1)} s`);
		process.stdout.write(`\nQueue-mode figures (n8n ${VERSION}):\n${figures.map((line) => `  ${line}`).join('\n')}\n`);
	}, 120_000);

	beforeEach(() => sandbox.reset());

	const main = () => {
		if (!cluster.main) throw new Error('n8n main is not running');
		return cluster.main;
	};

	/** POST to a production webhook at the webhook process, as a sheet, a CRM or a form would. */
	const post = async (workflow: QueueWorkflow, body: unknown): Promise<number> => {
		const response = await fetch(`${cluster.webhook?.url}/webhook/${workflow.path}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(body),
		});
		await response.text();
		return response.status;
	};

	const executionIds = async (workflowId: string): Promise<Set<string>> =>
		new Set((await main().executions(workflowId)).map((execution) => execution.id));

	/** Waits until `count` executions newer than `before` have finished, and returns them. */
	const finished = async (workflowId: string, before: Set<string>, count: number, timeoutMs = 90_000): Promise<N8nExecution[]> => {
		let fresh: N8nExecution[] = [];
		await waitFor(`${count} finished executions of ${workflowId}`, timeoutMs, cluster, async () => {
			fresh = (await main().executions(workflowId)).filter((execution) => !before.has(execution.id));
			return fresh.length >= count && fresh.every((execution) => !['new', 'running', 'waiting'].includes(execution.status));
		});
		return fresh;
	};

	/** Which worker ran each execution, from the workers' logs; "none" if no log names it. */
	const workersOf = (executions: N8nExecution[]): string[] =>
		executions.map((execution) => cluster.workerOf(execution.id)?.name ?? 'none');

	const perWorker = (names: string[]): string =>
		[...new Set(names)]
			.sort()
			.map((name) => `${name} ${names.filter((candidate) => candidate === name).length}`)
			.join(', ');

	/** Four imports of 1,000 rows posted at once; returns the rows, the executions and the seconds it took. */
	const fourImports = async (): Promise<{ sent: Row[]; runs: N8nExecution[]; seconds: number }> => {
		const batches = [1, 2, 3, 4].map((series) => rows(series, 1000, `import-${series}`));
		const before = await executionIds(IMPORT_UPSERT.id);
		const start = Date.now();
		const statuses = await Promise.all(batches.map((batch) => post(IMPORT_UPSERT, { rows: batch })));
		expect(statuses).toEqual([200, 200, 200, 200]);
		const runs = await finished(IMPORT_UPSERT.id, before, 4);
		const failed = runs.filter((run) => run.status !== 'success');
		if (failed.length > 0) throw new Error(`Imports that did not succeed: ${await explain(failed)}`);
		return { sent: batches.flat(), runs, seconds: (Date.now() - start) / 1000 };
	};

	/** The executions' statuses and the Rampwin errors in their stored data, for a failure message. */
	const explain = async (runs: N8nExecution[]): Promise<string> => {
		const lines = await Promise.all(
			runs.map(async (run) => {
				const [data = ''] = await cluster.postgres!.query(`select data from execution_data where "executionId" = ${Number(run.id)}`);
				const errors = [...new Set([...data.matchAll(/"(Rampwin [^"]{0,300})"/g)].map((match) => match[1]))].slice(0, 5);
				return `${run.id} ${run.status}${errors.length > 0 ? `: ${errors.join(' | ')}` : ''}`;
			}),
		);
		return lines.join('; ');
	};

	/** Every row saved by exactly one accepted request, and nothing else saved. */
	const expectEachSavedOnce = (sent: Row[]): void => {
		expect(sandbox.contacts.size).toBe(sent.length);
		const missing = sent.filter((row) => !sandbox.contacts.has(`${QUEUE_CHANNEL} ${plus(row.phone)}`));
		expect(missing).toEqual([]);
		const accepted = [...sandbox.attempts.values()];
		expect(accepted).toHaveLength(sent.length);
		expect(accepted.filter((count) => count !== 1)).toEqual([]);
	};

	test('4 imports of 1,000 rows at once: each contact saved once, both workers used, in flight within the cap', async () => {
		sandbox.latencyMs = 20;
		sandbox.inFlightGroup = (req) => String((req.body as { import_batch?: unknown } | undefined)?.import_batch ?? '');
		const { sent, runs, seconds } = await fourImports();
		expect(runs.map((run) => [run.mode, run.status])).toEqual(Array(4).fill(['webhook', 'success']));
		const workers = workersOf(runs);
		expect(workers).not.toContain('none');
		expect(new Set(workers).size).toBe(2);
		expectEachSavedOnce(sent);
		const upserts = sandbox.requests.filter((request) => request.path === '/api/contacts/insertOrUpdate');
		expect(upserts).toHaveLength(4000);
		const peaks = [1, 2, 3, 4].map((series) => sandbox.peakInFlightByGroup.get(`import-${series}`) ?? 0);
		for (const peak of peaks) expect(peak).toBeLessThanOrEqual(CAP_PER_EXECUTION);
		expect(sandbox.peakInFlight).toBeLessThanOrEqual(CAP_PER_EXECUTION * runs.length);
		note(
			`imports: ${sandbox.contacts.size} created, ${upserts.length} requests, max in flight ${sandbox.peakInFlight} combined ` +
				`(per import ${peaks.join(', ')}), per-worker executions: ${perWorker(workers)}, ${seconds.toFixed(1)} s`,
		);
	}, 150_000);

	test('Rampwin answering 429 beyond 40 in flight: every row saved once, and few requests refused', async () => {
		sandbox.latencyMs = 20;
		sandbox.maxInFlight = 40;
		const { sent, runs, seconds } = await fourImports();
		expect(runs.map((run) => run.status)).toEqual(['success', 'success', 'success', 'success']);
		const workers = workersOf(runs);
		expectEachSavedOnce(sent);
		const upserts = sandbox.requests.filter((request) => request.path === '/api/contacts/insertOrUpdate').length;
		// The limit was reached (or this case proves nothing), and the nodes backed off.
		expect(sandbox.tooManyRequests).toBeGreaterThan(0);
		expect(upserts).toBe(sent.length + sandbox.tooManyRequests);
		const share = sandbox.tooManyRequests / upserts;
		// Four executions each adapt on their own, and a 429 costs a row only a third of a
		// retry, so they keep trying: 1.5–16.5% were refused across the runs so far.
		expect(share).toBeLessThan(0.25);
		note(
			`429s: ${sandbox.contacts.size} created, ${upserts} requests, ${sandbox.tooManyRequests} answered 429 ` +
				`(${(share * 100).toFixed(1)}%), max in flight ${sandbox.peakInFlight}, per-worker executions: ${perWorker(workers)}, ${seconds.toFixed(1)} s`,
		);
	}, 150_000);

	test('500 text messages in 4 runs across both workers: each recipient gets exactly one', async () => {
		const recipients = [5, 6, 7, 8].map((series) =>
			rows(series, 125, `messages-${series}`).map((row, index) => ({ ...row, order: `Q-${series}${index}` })),
		);
		const before = await executionIds(SEND_TEXT.id);
		const start = Date.now();
		const statuses = await Promise.all(recipients.map((batch) => post(SEND_TEXT, { rows: batch })));
		expect(statuses).toEqual([200, 200, 200, 200]);
		const runs = await finished(SEND_TEXT.id, before, 4);
		const seconds = (Date.now() - start) / 1000;
		expect(runs.map((run) => run.status)).toEqual(['success', 'success', 'success', 'success']);
		const workers = workersOf(runs);
		expect(new Set(workers).size).toBe(2);
		const all = recipients.flat();
		expect(sandbox.messages).toHaveLength(500);
		for (const row of all) {
			const received = sandbox.deliveredTo(digits(row.phone));
			expect(received.map((message) => message.content)).toEqual([`Hi ${row.name}, your order ${row.order} has shipped.`]);
		}
		const times = sandbox.messages.map((message) => message.receivedAt).sort((a, b) => a - b);
		const busiestSecond = Math.max(...times.map((time, index) => times.slice(index).filter((later) => later < time + 1000).length));
		note(
			`messages: ${sandbox.messages.length} sent to ${new Set(sandbox.messages.map((message) => message.phone)).size} recipients, ` +
				`${sandbox.requests.length} requests, at most ${busiestSecond} in one second, per-worker executions: ${perWorker(workers)}, ${seconds.toFixed(1)} s`,
		);
	}, 120_000);

	test('Send Media with a file a Code node made: stored in the database binary data mode, uploaded once, sent once', async () => {
		const before = await executionIds(SEND_MEDIA.id);
		const start = Date.now();
		expect(await post(SEND_MEDIA, { phone: '+1 415 555 2671' })).toBe(200);
		const [run] = await finished(SEND_MEDIA.id, before, 1);
		const seconds = (Date.now() - start) / 1000;
		expect(run.status).toBe('success');
		const worker = cluster.workerOf(run.id);
		expect(worker).toBeDefined();
		expect(sandbox.uploads).toHaveLength(1);
		expect(sandbox.uploads[0]).toMatchObject({ filename: MEDIA_FILE_NAME, contentType: 'image/png' });
		expect(sandbox.uploads[0].bytes.equals(Buffer.from(PIXEL_PNG_BASE64, 'base64'))).toBe(true);
		expect(sandbox.messages.map((message) => [message.phone, message.content])).toEqual([['14155552671', sandbox.uploads[0].url]]);
		// n8n kept the Code node's file in its database, where every process can read it.
		const stored = await cluster.postgres!.query(
			`select "fileName", "fileSize" from binary_data where "sourceId" = '${run.id}'`,
		);
		expect(stored).toEqual([`${MEDIA_FILE_NAME}\t${Buffer.from(PIXEL_PNG_BASE64, 'base64').length}`]);
		note(`media: 1 upload, 1 message, binary data mode "database" (row in binary_data), ran on ${worker?.name}, ${seconds.toFixed(1)} s`);
	}, 60_000);

	test('the trigger: deliveries reach the webhook process and run on workers; token and once-per-delivery hold', async () => {
		const start = Date.now();
		const workflowId = 'rampwinExample03';
		await main().activate(workflowId);
		expect(sandbox.webhookCalls).toHaveLength(1);
		const url = new URL(sandbox.webhookCalls[0].url);
		// Registered by the main instance, with the webhook process's address.
		expect(`${url.origin}${url.pathname}`).toBe(`${cluster.webhook?.url}/webhook/${triggerWebhookId}/webhook`);
		expect(url.searchParams.get('token')).toMatch(/^[A-Za-z0-9_-]{22,}$/);

		let sender = 0;
		const message = (text: string) => {
			sender += 1;
			const phone = `9190000002${String(sender).padStart(2, '0')}`;
			return { phone, payload: inventedIncomingMessage(TRIGGER_CHANNEL, phone, text, `Customer ${sender}`) };
		};
		const received = { status: 200, body: JSON.stringify({ received: true }) };
		const before = await executionIds(workflowId);
		const first = message('Is my order on its way?');
		const second = message('Are you open on Sunday?');
		const stranger = message('Let me in');
		expect(await sandbox.deliverEvent(TRIGGER_CHANNEL, first.payload)).toEqual(received);
		expect(await sandbox.deliverEvent(TRIGGER_CHANNEL, second.payload)).toEqual(received);
		expect(await sandbox.deliverEvent(TRIGGER_CHANNEL, first.payload)).toEqual(received);
		const refused = [
			await sandbox.deliverEvent(TRIGGER_CHANNEL, stranger.payload, { token: 'not-the-token' }),
			await sandbox.deliverEvent(TRIGGER_CHANNEL, stranger.payload, { token: null }),
		];
		expect(refused.map((answer) => answer.status)).toEqual([401, 401]);
		// A last good delivery, after the others: once it has run, the others have had their chance.
		const fence = message('Hello?');
		expect(await sandbox.deliverEvent(TRIGGER_CHANNEL, fence.payload)).toEqual(received);
		const runs = await finished(workflowId, before, 3);
		await waitFor('the reply to the last delivery', 30_000, cluster, async () => sandbox.deliveredTo(fence.phone).length > 0);
		// One more second for anything that should not have started.
		await new Promise((resolve) => setTimeout(resolve, 1000));
		const seconds = (Date.now() - start) / 1000;
		const after = (await main().executions(workflowId)).filter((execution) => !before.has(execution.id));
		expect(after.map((run) => [run.mode, run.status])).toEqual(Array(3).fill(['webhook', 'success']));
		expect(workersOf(runs)).not.toContain('none');
		for (const { phone } of [first, second, fence]) expect(sandbox.deliveredTo(phone)).toHaveLength(1);
		expect(sandbox.deliveredTo(stranger.phone)).toHaveLength(0);
		expect(sandbox.messages).toHaveLength(3);
		note(
			`trigger: 6 deliveries (a repeat, a wrong and a missing token) -> 3 executions, 3 replies, per-worker executions: ${perWorker(workersOf(runs))}, ${seconds.toFixed(1)} s`,
		);
		await main().deactivate(workflowId);
	}, 120_000);

	test('Send and Wait: the run waits on a worker, the link reaches the webhook process, and a worker resumes it once', async () => {
		const start = Date.now();
		const { workflowId } = approval.approval;
		const { manager, customer } = APPROVAL_PEOPLE;
		await main().activate(workflowId);
		expect(await requestRefund(cluster.webhook!.url)).toBe(200);
		await waitFor('the question to the manager', 60_000, cluster, async () => sandbox.deliveredTo(manager).length > 0);
		const links = linksIn(String(sandbox.deliveredTo(manager)[0].content));
		// Made on the worker, with WEBHOOK_URL: the webhook process's address.
		expect(new URL(links.Approve).origin).toBe(cluster.webhook!.url);
		await waitFor('the run to wait', 30_000, cluster, async () => (await main().executions(workflowId)).some((e) => e.status === 'waiting'));
		expect((await fetch(links.Approve, { headers: { 'user-agent': 'WhatsApp/2.24.6.77 A' } })).status).toBe(200);
		expect((await main().executions(workflowId)).map((e) => e.status)).toEqual(['waiting']);
		const answer = await postForm(links.Approve);
		expect(answer.status).toBe(200);
		expect(await answer.text()).toContain('Your answer was recorded');
		await waitFor('the reply to the customer', 60_000, cluster, async () => sandbox.deliveredTo(customer).length > 0);
		await waitFor('the run to finish', 30_000, cluster, async () => (await main().executions(workflowId)).every((e) => e.status === 'success'));
		expect(sandbox.deliveredTo(customer).map((m) => m.content)).toEqual(['Your refund of $40 is approved.']);
		expect(await (await postForm(links.Approve)).text()).not.toContain('Your answer was recorded');
		const runs = await main().executions(workflowId);
		expect(runs).toHaveLength(1);
		expect(workersOf(runs)).not.toContain('none');
		expect(sandbox.deliveredTo(customer)).toHaveLength(1);
		note(`send and wait: asked, answered through the webhook process, resumed on ${workersOf(runs).join(', ')}, ${((Date.now() - start) / 1000).toFixed(1)} s`);
		await main().deactivate(workflowId);
	}, 120_000);

	test('Send and Wait, WhatsApp Buttons: a tap reaches the trigger on the webhook process, which resumes the waiting run on a worker once', async () => {
		const start = Date.now();
		const { workflowId } = approval.buttons;
		await main().activate(workflowId);
		const runs = await tapRoundTrip({
			sandbox,
			webhookBase: cluster.webhook!.url,
			executions: async () => await main().executions(workflowId),
			logTail: () => cluster.logTails(),
		});
		// The resumed run and the ordinary message's run; none for the three taps.
		expect(runs.map((run) => [run.mode, run.status])).toEqual(Array(2).fill(['webhook', 'success']));
		expect(workersOf(runs)).not.toContain('none');
		note(`send and wait, buttons: asked, tapped at the webhook process, resumed on ${workersOf(runs).join(', ')}, ${((Date.now() - start) / 1000).toFixed(1)} s`);
		await main().deactivate(workflowId);
	}, 120_000);

	test('a worker killed mid-import, the import run again: no contact created twice, and n8n does not run it again', async () => {
		sandbox.latencyMs = 50;
		const sheet = rows(3, 1000, 'kill');
		const created = () => sheet.filter((row) => sandbox.contacts.has(`${QUEUE_CHANNEL} ${digits(row.phone)}`)).length;
		const synced = () => sheet.filter((row) => sandbox.contacts.has(`${SYNC_CHANNEL} ${plus(row.phone)}`)).length;
		const before = await executionIds(IMPORT_BOTH.id);
		const start = Date.now();
		expect(await post(IMPORT_BOTH, { rows: sheet })).toBe(200);
		await waitFor('the import to be under way on both channels', 60_000, cluster, async () => created() >= 200 && synced() >= 200, 20);
		const [killed] = (await main().executions(IMPORT_BOTH.id)).filter((execution) => !before.has(execution.id));
		const victim = cluster.workerOf(killed.id);
		if (!victim) throw new Error(`No worker log names execution ${killed.id}:\n${cluster.logTails()}`);
		await victim.kill();
		const killedAt = Date.now();
		// Requests already sent are still answered: the sandbox may save a row whose answer no one reads.
		await new Promise((resolve) => setTimeout(resolve, 300));
		const atKill = { created: created(), synced: synced() };
		expect(atKill.created).toBeLessThan(sheet.length);
		expect(atKill.synced).toBeLessThan(sheet.length);
		const idsBefore = new Map([...sandbox.contacts].map(([key, contact]) => [key, contact._id]));

		// The user sees the import stop and posts the same sheet again; the other worker runs it.
		const requestsBefore = sandbox.requests.length;
		const rerunFrom = await executionIds(IMPORT_BOTH.id);
		expect(await post(IMPORT_BOTH, { rows: sheet })).toBe(200);
		const [rerun] = await finished(IMPORT_BOTH.id, rerunFrom, 1);
		const rerunSeconds = (Date.now() - killedAt) / 1000;
		expect(rerun.status).toBe('success');
		const rerunBy = cluster.workerOf(rerun.id);
		expect(rerunBy).toBeDefined();
		expect(rerunBy?.name).not.toBe(victim.name);

		expect(created()).toBe(sheet.length);
		expect(synced()).toBe(sheet.length);
		expect(sandbox.contacts.size).toBe(2 * sheet.length);
		// Saved before the crash: the same contact (same id) afterwards, not a second one.
		const changed = [...idsBefore].filter(([key, id]) => sandbox.contacts.get(key)?._id !== id);
		expect(changed).toEqual([]);
		// Create's rule: the rerun sent every row once more, and Rampwin refused exactly those saved before it.
		const again = sandbox.requests.slice(requestsBefore).filter((request) => request.path === '/api/contacts');
		expect(again).toHaveLength(sheet.length);
		const refused = [...sandbox.attempts].filter(([key, count]) => key.startsWith(`${QUEUE_CHANNEL} `) && count === 2).length;
		expect(refused).toBe(atKill.created);

		// n8n does not hand the killed execution to another worker: no worker log starts it again.
		const startedBy = cluster.workers.filter((worker) => worker.startedExecutions().includes(killed.id));
		expect(startedBy.map((worker) => worker.name)).toEqual([victim.name]);
		let status = '';
		await waitFor('n8n to give up on the killed execution', 90_000, cluster, async () => {
			status = (await main().executions(IMPORT_BOTH.id)).find((execution) => execution.id === killed.id)?.status ?? '';
			return !['new', 'running', 'waiting', ''].includes(status);
		});
		expect(['error', 'crashed']).toContain(status);
		const givenUpAfter = (Date.now() - killedAt) / 1000;
		note(
			`worker killed: ${victim.name} ${((killedAt - start) / 1000).toFixed(1)} s into a 1,000-row import, after ${atKill.created} created ` +
				`and ${atKill.synced} synced; rerun on the other worker: ${created()} created (${refused} refused as duplicates) and ` +
				`${synced()} synced, ${sandbox.requests.length - requestsBefore} requests, done ${rerunSeconds.toFixed(1)} s after the kill; ` +
				`n8n marked the killed execution "${status}" ${givenUpAfter.toFixed(1)} s after the kill`,
		);
	}, 240_000);
});

/** Polls every `everyMs` until `done` is true; on a time-out the error carries the end of every process's output. */
async function waitFor(what: string, timeoutMs: number, cluster: QueueCluster, done: () => Promise<boolean>, everyMs = 200): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (await done()) return;
		await new Promise((resolve) => setTimeout(resolve, everyMs));
	}
	throw new Error(`Waited ${timeoutMs / 1000} s for ${what}. n8n's output ends:\n${cluster.logTails()}`);
}
