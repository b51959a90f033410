// npm run demo: builds and packs the package, installs it into real n8n, and runs
// examples/sync-contacts.workflow.json (Contact › Create or Update) twice, as a scheduled
// sync would, against a local Rampwin sandbox, or against the real API when
// RAMPWIN_API_KEY and RAMPWIN_CHANNEL_ID are set. Prints what happened on each run.
import { RampwinServer } from '../test/server/rampwin-server';
import { importExample } from './lib/example';
import { DEMO_N8N_VERSION, N8nInstance, nodeOutput, packPackage, type N8nItem } from './lib/n8n';

async function main(): Promise<void> {
	const apiKey = process.env.RAMPWIN_API_KEY;
	const channelId = process.env.RAMPWIN_CHANNEL_ID;
	const live = Boolean(apiKey && channelId);
	if (Boolean(apiKey) !== Boolean(channelId)) {
		throw new Error('Set both RAMPWIN_API_KEY and RAMPWIN_CHANNEL_ID to use the real API, or neither for the sandbox');
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
		const { workflowId, rampwinNode } = await importExample(n8n, target);

		for (const run of ['first run', 'second run, same rows (a scheduled sync)']) {
			step(`Running examples/sync-contacts.workflow.json: ${run}`);
			const result = await n8n.execute(workflowId);
			const output = nodeOutput(result.data, rampwinNode);
			const inputs = nodeOutput(result.data, 'Contacts');
			if (output.length === 0) {
				const error = result.data?.data.resultData.error;
				throw new Error(`The workflow failed: ${error?.message ?? (result.stderr.slice(-2000) || result.stdout.slice(-2000))}`);
			}
			printTable(inputs, output);
		}
		if (sandbox) console.log(`\nThe sandbox now holds ${sandbox.contacts.size} contacts on channel "${target.channelId}".`);
	} finally {
		n8n.remove();
		await sandbox?.close();
	}
}

function printTable(inputs: N8nItem[], output: N8nItem[]): void {
	const rows = output.map((item, index) => {
		const input = inputs[index]?.json ?? {};
		const error = typeof item.json.error === 'string' ? item.json.error : undefined;
		return [
			String(index),
			String(input.name ?? item.json.full_name ?? ''),
			String(input.phone ?? ''),
			// Rampwin does not say whether a contact was new or updated, so neither does this.
			error ? 'FAILED' : 'saved',
			error ? `${error}${item.json.errorDescription ? ` (${String(item.json.errorDescription)})` : ''}` : `id ${String(item.json._id)}, phone_number ${String(item.json.phone_number)}`,
		];
	});
	const header = ['#', 'Name', 'Phone given', 'Result', 'Details'];
	// The last column is not padded, so long error texts run on instead of being cut.
	const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
	const line = (cells: string[]) =>
		cells.map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column]))).join(' | ');
	console.log(`\n${line(header)}\n${widths.map((width, column) => '-'.repeat(column === 4 ? 7 : width)).join('-+-')}`);
	for (const row of rows) console.log(line(row));
	const failed = rows.filter((row) => row[3] === 'FAILED').length;
	console.log(`\n${rows.length - failed} saved (created or updated), ${failed} failed.`);
}

function step(message: string): void {
	console.log(`==> ${message}`);
}

main().catch((error: unknown) => {
	console.error(`\ndemo failed: ${error instanceof Error ? error.message : String(error)}`);
	process.exit(1);
});
