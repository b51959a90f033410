// npm run demo: builds and packs the package, installs it into real n8n, and runs the
// example workflows against a local Rampwin sandbox, or against the real API when
// RAMPWIN_API_KEY and RAMPWIN_CHANNEL_ID are set, printing what happened:
//   contacts  examples/sync-contacts.workflow.json (Contact › Create or Update), twice, as a
//             scheduled sync would run it;
//   messages  examples/message-contacts.workflow.json: saves new customers, then sends
//             each a WhatsApp welcome message (Message › Send Text).
// `npm run demo -- --example contacts` (or messages) runs one; by default both run.
import { RampwinServer } from '../sandbox/rampwin-server';
import { EXAMPLES, importExample, type ExampleName } from './lib/example';
import { DEMO_N8N_VERSION, N8nInstance, nodeOutput, packPackage, type N8nItem, type N8nRunData } from './lib/n8n';

async function main(): Promise<void> {
	const apiKey = process.env.RAMPWIN_API_KEY;
	const channelId = process.env.RAMPWIN_CHANNEL_ID;
	const live = Boolean(apiKey && channelId);
	if (Boolean(apiKey) !== Boolean(channelId)) {
		throw new Error('Set both RAMPWIN_API_KEY and RAMPWIN_CHANNEL_ID to use the real API, or neither for the sandbox');
	}
	const examples = chosenExamples(process.argv.slice(2));

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
	} finally {
		n8n.remove();
		await sandbox?.close();
	}
}

function chosenExamples(args: string[]): ExampleName[] {
	const at = args.indexOf('--example');
	if (at === -1) return ['contacts', 'messages'];
	const name = args[at + 1];
	if (name !== 'contacts' && name !== 'messages') throw new Error('--example takes contacts or messages');
	return [name];
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
		const details = error
			? `${error}${description ? ` (${String(description)})` : ''}`
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
