// npm run demo: builds and packs the package, installs it into real n8n, and runs the
// example workflows against a local Rampwin sandbox, or against the real API when
// RAMPWIN_API_KEY and RAMPWIN_CHANNEL_ID are set, printing what happened:
//   contacts  examples/sync-contacts.workflow.json (Contact › Create or Update), twice, as a
//             scheduled sync would run it;
//   messages  examples/message-contacts.workflow.json: saves new customers, then sends
//             each a WhatsApp welcome message (Message › Send Text);
//   auto-reply  examples/auto-reply.workflow.json in n8n started as a server with the
//             workflow active: the sandbox delivers incoming messages to the Rampwin
//             Trigger, and each sender is saved and answered (sandbox only).
//   templates  examples/templates.workflow.json: submits two template drafts (one without an
//             example for a variable, refused before anything is sent), then lists the
//             channel's templates with Sync From Meta.
//   ai-agent-bursts  examples/ai-agent-bursts.workflow.json in n8n started as a server: two
//             people write 3 + 2 interleaved messages, and each gets one answer (sandbox only).
//   approval  examples/approval.workflow.json in n8n started as a server: a refund request
//             waits for a manager's answer on WhatsApp (Send and Wait for Response); the demo
//             plays the manager: a link preview, then a tap (sandbox only).
// `npm run demo -- --example contacts` (or messages, auto-reply, templates, ai-agent-bursts, approval) runs one; by default all run.
import { RampwinServer } from '../sandbox/rampwin-server';
import { inventedIncomingMessage } from '../sandbox/webhooks';
import { approvalDemo } from './lib/approval-demo';
import { EXAMPLES, importExample, type ExampleName } from './lib/example';
import {
	DEMO_N8N_VERSION,
	N8nInstance,
	N8nServer,
	nodeOutput,
	packPackage,
	type N8nExecution,
	type N8nItem,
	type N8nRunData,
} from './lib/n8n';

async function main(): Promise<void> {
	const apiKey = process.env.RAMPWIN_API_KEY;
	const channelId = process.env.RAMPWIN_CHANNEL_ID;
	const live = Boolean(apiKey && channelId);
	if (Boolean(apiKey) !== Boolean(channelId)) {
		throw new Error('Set both RAMPWIN_API_KEY and RAMPWIN_CHANNEL_ID to use the real API, or neither for the sandbox');
	}
	let examples = chosenExamples(process.argv.slice(2));
	const sandboxOnly: ExampleName[] = ['auto-reply', 'ai-agent-bursts', 'approval'];
	if (live && examples.some((name) => sandboxOnly.includes(name))) {
		step('Skipping the trigger and approval examples: they need the sandbox, because the real Rampwin can only deliver events to a public address, and the approval demo would message a made-up manager');
		examples = examples.filter((name) => !sandboxOnly.includes(name));
		if (examples.length === 0) return;
	}

	step('Building and packing the package');
	const tarball = await packPackage();

	const sandbox = live ? undefined : await RampwinServer.start();
	const target = live
		? { apiKey: apiKey as string, baseUrl: process.env.RAMPWIN_BASE_URL ?? 'https://api.rampwin.com', channelId: channelId as string }
		: { apiKey: sandbox!.apiKey, baseUrl: sandbox!.baseUrl, channelId: 'demo-channel' };
	step(live ? `Using the real Rampwin API at ${target.baseUrl}` : `Started a Rampwin sandbox at ${target.baseUrl}`);

	step(`Preparing n8n ${DEMO_N8N_VERSION}`);
	const n8n = await N8nInstance.create(DEMO_N8N_VERSION);
	try {
		await n8n.installPackage(tarball);
		if (examples.includes('contacts')) {
			const check = await importExample(n8n, target, EXAMPLES.contacts, {}, { validateOnly: true });
			step('Checking the sheet first with Validate Only (Send Nothing): every row read as a real run would, nothing sent');
			const requestsBefore = sandbox?.requests.length ?? 0;
			const checked = await execute(n8n, check.workflowId);
			printTable(nodeOutput(checked.data, 'Contacts'), nodeOutput(checked.data, check.rampwinNodes[0]), 'valid');
			if (sandbox) console.log(`\nThe sandbox received ${sandbox.requests.length - requestsBefore} requests during the check.`);
			const { workflowId, rampwinNodes } = await importExample(n8n, target, EXAMPLES.contacts);
			for (const run of ['first run', 'second run, same rows (a scheduled sync)']) {
				step(`Running examples/sync-contacts.workflow.json: ${run}`);
				const result = await execute(n8n, workflowId);
				printTable(nodeOutput(result.data, 'Contacts'), nodeOutput(result.data, rampwinNodes[0]), 'saved');
			}
			if (sandbox) console.log(`\nThe sandbox now holds ${sandbox.contacts.size} contacts on channel "${target.channelId}".`);
		}
		if (examples.includes('messages')) {
			const { workflowId, rampwinNodes } = await importExample(n8n, target, EXAMPLES.messages);
			if (sandbox) {
				// As on WhatsApp, free-form messages reach only contacts who wrote in the last 24 hours;
				// here the UK customer has not, to show what the node reports then.
				sandbox.sessionWindow = new Set(['919876543210', '919820012345']);
				step('The sandbox treats +44 7700 900123 as outside the 24-hour window');
			}
			step('Running examples/message-contacts.workflow.json: save new customers, then welcome each on WhatsApp');
			const result = await execute(n8n, workflowId);
			const [, messageNode] = rampwinNodes;
			printTable(nodeOutput(result.data, 'New customers'), allOutputs(result.data, messageNode), 'sent');
			if (sandbox) {
				console.log('\nWhat the sandbox delivered:');
				for (const message of sandbox.messages) console.log(`  to ${message.phone}: ${String(message.content)}`);
			}
		}
		if (sandbox && examples.includes('auto-reply')) await autoReply(n8n, sandbox, target);
		if (examples.includes('templates')) await templates(n8n, sandbox, target);
		if (sandbox && examples.includes('ai-agent-bursts')) await aiAgentBursts(n8n, sandbox, target);
		if (sandbox && examples.includes('approval')) await approvalDemo(n8n, sandbox, target, step);
	} finally {
		n8n.remove();
		await sandbox?.close();
	}
}

function chosenExamples(args: string[]): ExampleName[] {
	const names = Object.keys(EXAMPLES) as ExampleName[];
	const at = args.indexOf('--example');
	if (at === -1) return names;
	const name = names.find((candidate) => candidate === args[at + 1]);
	if (name === undefined) throw new Error(`--example takes ${names.join(', ')}`);
	return [name];
}

/** The templates example: two drafts submitted (one refused before sending), then the channel's list. */
async function templates(
	n8n: N8nInstance,
	sandbox: RampwinServer | undefined,
	target: { apiKey: string; baseUrl: string; channelId: string },
): Promise<void> {
	const { workflowId } = await importExample(n8n, target, EXAMPLES.templates);
	step('Running examples/templates.workflow.json: submit two template drafts to Meta, then list the channel\'s templates');
	const result = await execute(n8n, workflowId);
	const drafts = nodeOutput(result.data, 'Drafts');
	const submitted = allOutputs(result.data, 'Submit Template');
	const rows = drafts.map((draft, index) => {
		const item = submitted.find((candidate) => pairedIndex(candidate) === index);
		const error = typeof item?.json.error === 'string' ? item.json.error : undefined;
		const details = error
			? `${error}${typeof item?.json.message === 'string' ? ` (${item.json.message})` : ''}`
			: `template_id ${String(item?.json.template_id)}, status ${String(item?.json.status)}`;
		return [String(index), String(draft.json.name), error ? 'REFUSED' : 'submitted', details];
	});
	printRows(['#', 'Template', 'Result', 'Details'], rows);
	const listed = nodeOutput(result.data, 'List Templates');
	console.log(`\nThe channel has ${listed.length} template(s):`);
	for (const template of listed) console.log(`  ${String(template.json.name)} (${String(template.json.language)}): ${String(template.json.status)}`);
	if (sandbox) console.log('\nPENDING: Meta is still reviewing it; it can be sent only once Get Many with Sync From Meta reads APPROVED.');
}

/**
 * The auto-reply example: n8n runs as a server with the workflow active, the trigger
 * registers its webhook with the sandbox, and the sandbox delivers incoming messages as
 * Rampwin would: two customers, one delivery repeated, and one with a wrong token.
 */
async function autoReply(
	n8n: N8nInstance,
	sandbox: RampwinServer,
	target: { apiKey: string; baseUrl: string; channelId: string },
): Promise<void> {
	const { workflowId, trigger } = await importExample(n8n, target, EXAMPLES['auto-reply']);
	step(`Starting n8n ${DEMO_N8N_VERSION} as a server for examples/auto-reply.workflow.json`);
	const server = await N8nServer.start(n8n);
	try {
		step(`n8n is listening on ${server.url}; activating the workflow`);
		const calls = sandbox.webhookCalls.length;
		await server.activate(workflowId);
		for (const registration of sandbox.webhookCalls.slice(calls)) {
			const chosen = Object.entries(registration.events).filter(([, on]) => on).map(([event]) => event);
			console.log(`\nThe ${trigger?.name ?? 'trigger'} registered a webhook with the sandbox:`);
			console.log(`  channel ${registration.channel} -> ${maskToken(registration.url)}`);
			console.log(`  events: ${chosen.join(', ')}`);
		}

		const aarav = { phone: '919876543210', name: 'Aarav Sharma', text: 'Hi, is my order A-1042 on its way?' };
		const emma = { phone: '447700900123', name: 'Emma Clarke', text: 'Are you open on Sunday?' };
		const luis = { phone: '14155552671', name: 'Luis Ortega', text: 'Hello?' };
		const aaravPayload = inventedIncomingMessage(target.channelId, aarav.phone, aarav.text, aarav.name);
		const deliveries = [
			{ ...aarav, how: 'as Rampwin would', payload: aaravPayload, token: undefined },
			{ ...emma, how: 'as Rampwin would', payload: inventedIncomingMessage(target.channelId, emma.phone, emma.text, emma.name), token: undefined },
			{ ...aarav, how: 'the same delivery again', payload: aaravPayload, token: undefined },
			{ ...luis, how: 'with a wrong token', payload: inventedIncomingMessage(target.channelId, luis.phone, luis.text, luis.name), token: 'not-the-token' },
		];
		step('The sandbox delivers incoming messages to the webhook (the payload shape is invented by the sandbox: Rampwin\'s reference shows none)');
		if (sandbox.sessionWindow !== 'all') step('Each customer who writes opens their 24-hour window, so free-form replies may reach them');
		const requests = sandbox.requests.length;
		const messages = sandbox.messages.length;
		const rows: string[][] = [];
		for (const [index, delivery] of deliveries.entries()) {
			// A customer who writes opens WhatsApp's 24-hour window for free-form replies.
			if (sandbox.sessionWindow !== 'all') sandbox.sessionWindow.add(delivery.phone);
			const answer = await sandbox.deliverEvent(target.channelId, delivery.payload, { token: delivery.token });
			rows.push([String(index + 1), delivery.phone, delivery.name, delivery.text, delivery.how, `${answer.status} ${answer.body}`]);
		}
		printRows(['#', 'From', 'Name', 'Text', 'Delivered', 'n8n answered'], rows);

		const runs = await finishedExecutions(server, workflowId, 2);
		console.log(`\nn8n ran the workflow ${runs.length} times (${runs.map((run) => run.status).join(', ')}).`);
		console.log('\nWhat the sandbox received from n8n:');
		for (const request of sandbox.requests.slice(requests)) {
			const body = request.body as Record<string, unknown>;
			if (request.path === '/api/contacts/insertOrUpdate') {
				console.log(`  contact saved: ${String(body.phone_number)} ${String(body.full_name)}`);
			}
		}
		const replies = sandbox.messages.slice(messages);
		for (const message of replies) console.log(`  reply to ${message.phone}: ${String(message.content)}`);
		console.log(
			`\n${replies.length} replies for ${deliveries.length} deliveries: the repeated delivery and the one with a wrong token started no run.`,
		);
		if (replies.length !== 2) throw new Error(`The sandbox received ${replies.length} replies; two were expected`);
		console.log(`
To see what Rampwin really sends, and adjust the example to it:
  1. In an n8n that Rampwin can reach (a public https address in WEBHOOK_URL), import
     examples/auto-reply.workflow.json and choose your credential and Channel ID.
  2. Open Rampwin Trigger, click "Listen for test event" and write to the channel on
     WhatsApp: the trigger's output shows the payload.
  3. The fields this demo used (from, contact_name) were invented by the sandbox. If
     Rampwin's differ, change the expressions that read them: {{ $json.from }} and
     {{ $json.contact_name }} in "Save sender", and the two $('Rampwin Trigger') ones in "Reply".
Listening takes the channel from the active workflow until the test ends; if the trigger
cannot give it back then, deactivate and activate the workflow (n8n 2.x: unpublish, publish).`);
	} finally {
		await server.stop();
	}
}

/**
 * The AI-agent example with Combine Messages: two people write 3 + 2 interleaved messages
 * within about a second; n8n starts one run per person, and each gets one answer.
 */
async function aiAgentBursts(n8n: N8nInstance, sandbox: RampwinServer, target: { apiKey: string; baseUrl: string }): Promise<void> {
	const channelId = 'demo-bursts';
	const settings = { senderField: 'from', quietPeriod: 2, longestWait: 10 };
	const { workflowId } = await importExample(n8n, { ...target, channelId }, EXAMPLES['ai-agent-bursts'], {
		options: { combineMessages: { settings } },
	});
	step(`Starting n8n ${DEMO_N8N_VERSION} as a server for examples/ai-agent-bursts.workflow.json (Combine Messages: Sender Field from, Quiet Period 2 s)`);
	const server = await N8nServer.start(n8n);
	try {
		await server.activate(workflowId);
		const aarav = { phone: '919876543210', name: 'Aarav Sharma' };
		const emma = { phone: '447700900123', name: 'Emma Clarke' };
		const burst: Array<[typeof aarav, string]> = [
			[aarav, 'hi'],
			[emma, 'hello!'],
			[aarav, 'I ordered yesterday'],
			[emma, 'are you open on Sunday?'],
			[aarav, 'order A-1042, where is it?'],
		];
		step('Two people write in bursts; each delivery is answered at once (payload invented by the sandbox)');
		const messages = sandbox.messages.length;
		const rows: string[][] = [];
		for (const [index, [person, text]] of burst.entries()) {
			const answer = await sandbox.deliverEvent(channelId, inventedIncomingMessage(channelId, person.phone, text, person.name));
			rows.push([String(index + 1), person.phone, text, `${answer.status} ${answer.body}`]);
			await new Promise((resolve) => setTimeout(resolve, 200));
		}
		printRows(['#', 'From', 'Text', 'n8n answered'], rows);
		const runs = await finishedExecutions(server, workflowId, 2);
		console.log(`
n8n ran the workflow ${runs.length} times (${runs.map((run) => run.status).join(', ')}), once per burst.`);
		const replies = sandbox.messages.slice(messages);
		for (const message of replies) console.log(`  reply to ${message.phone}: ${String(message.content)}`);
		if (replies.length !== 2) throw new Error(`The sandbox received ${replies.length} replies; two were expected, one per person`);
	} finally {
		await server.stop();
	}
}

/** Waits (up to 60 s) until n8n has finished at least `count` runs of the workflow. */
async function finishedExecutions(server: N8nServer, workflowId: string, count: number): Promise<N8nExecution[]> {
	const deadline = Date.now() + 60_000;
	let runs: N8nExecution[] = [];
	while (Date.now() < deadline) {
		runs = await server.executions(workflowId);
		if (runs.length >= count && runs.every((run) => !['new', 'running', 'waiting'].includes(run.status))) return runs;
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
	throw new Error(`n8n finished ${runs.length} of ${count} runs within 60 s. Its output ends:\n${server.logTail()}`);
}

/** The URL with all but the start of its token hidden. */
function maskToken(url: string): string {
	const parsed = new URL(url);
	const token = parsed.searchParams.get('token');
	if (token) parsed.searchParams.set('token', `${token.slice(0, 4)}...`);
	return parsed.toString();
}

function printRows(header: string[], rows: string[][]): void {
	const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
	const line = (cells: string[]) =>
		cells.map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column]))).join(' | ');
	console.log(`\n${line(header)}\n${widths.map((width, column) => '-'.repeat(column === header.length - 1 ? 12 : width)).join('-+-')}`);
	for (const row of rows) console.log(line(row));
}

async function execute(n8n: N8nInstance, workflowId: string) {
	const result = await n8n.execute(workflowId);
	if (result.data === undefined || result.data.data.resultData.error) {
		const error = result.data?.data.resultData.error;
		throw new Error(`The workflow failed: ${error?.message ?? (result.stderr.slice(-2000) || result.stdout.slice(-2000))}`);
	}
	return result;
}

/** One row per input: what it was, and what the node made of it (its success or error output). */
function printTable(inputs: N8nItem[], output: N8nItem[], done: string): void {
	const rows = inputs.map((input, index) => {
		const item = output.find((candidate) => pairedIndex(candidate) === index) ?? output[index];
		const error = typeof item?.json.error === 'string' ? item.json.error : undefined;
		const description = item?.json.errorDescription ?? item?.json.message;
		const request = item?.json.valid === true ? (item.json.request as { method: string; path: string; body: Record<string, unknown> }) : undefined;
		const details = error
			? `${error}${description ? ` (${String(description)})` : ''}`
			: request !== undefined
				? `would send ${request.method} ${request.path} with phone_number ${String(request.body.phone_number)}`
				: item?.json._id !== undefined
				? `id ${String(item.json._id)}, phone_number ${String(item.json.phone_number)}`
				: `phone_number ${String(item?.json.phone_number)}: ${String(item?.json.message)}`;
		return [String(index), String(input.json.name ?? ''), String(input.json.phone ?? ''), error ? 'FAILED' : done, details];
	});
	const header = ['#', 'Name', 'Phone given', 'Result', 'Details'];
	// The last column is not padded, so long error texts run on instead of being cut.
	const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
	const line = (cells: string[]) =>
		cells.map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column]))).join(' | ');
	console.log(`\n${line(header)}\n${widths.map((width, column) => '-'.repeat(column === 4 ? 7 : width)).join('-+-')}`);
	for (const row of rows) console.log(line(row));
	const failed = rows.filter((row) => row[3] === 'FAILED').length;
	console.log(`\n${rows.length - failed} ${done === 'saved' ? 'saved (created or updated)' : done}, ${failed} failed.`);
}

/** The success and the error output of a node, together. */
function allOutputs(data: N8nRunData | undefined, nodeName: string): N8nItem[] {
	return (data?.data.resultData.runData[nodeName]?.[0]?.data?.main ?? []).flat();
}

function pairedIndex(item: N8nItem): number | undefined {
	const paired = Array.isArray(item.pairedItem) ? item.pairedItem[0] : item.pairedItem;
	return paired?.item;
}

function step(message: string): void {
	console.log(`==> ${message}`);
}

main().catch((error: unknown) => {
	console.error(`\ndemo failed: ${error instanceof Error ? error.message : String(error)}`);
	process.exit(1);
});
