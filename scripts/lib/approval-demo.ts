// The approval example for `npm run demo -- --example approval`: n8n runs as a server with the
// workflow active; a refund request starts it; the manager gets one WhatsApp message with two
// links (in the sandbox), and the demo plays the manager: a link preview first, then a tap.
import type { RampwinServer } from '../../sandbox/rampwin-server';
import { EXAMPLES, importExample } from './example';
import { DEMO_N8N_VERSION, N8nServer, type N8nInstance } from './n8n';

const MANAGER = '919800000001';
const CUSTOMER = '919800000002';

export async function approvalDemo(
	n8n: N8nInstance,
	sandbox: RampwinServer,
	target: { apiKey: string; baseUrl: string },
	step: (message: string) => void,
): Promise<void> {
	const { workflowId } = await importExample(n8n, { ...target, channelId: 'demo-approval' }, EXAMPLES.approval);
	step(`Starting n8n ${DEMO_N8N_VERSION} as a server for examples/approval.workflow.json`);
	const server = await N8nServer.start(n8n);
	try {
		await server.activate(workflowId);
		step('A refund request arrives at the workflow\'s Webhook: $40 for order #1042');
		await fetch(`${server.url}/webhook/refund-request`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ manager: MANAGER, customer: CUSTOMER, amount: '$40', order: '#1042' }),
		});
		await until(server, 'the question to the manager', async () => sandbox.deliveredTo(MANAGER).length > 0);
		const question = String(sandbox.deliveredTo(MANAGER)[0].content);
		console.log(`\nThe manager (${MANAGER}) got one WhatsApp message:\n${indent(question)}`);
		await until(server, 'the run to wait', async () => (await server.executions(workflowId)).some((run) => run.status === 'waiting'));
		console.log('\nThe run is waiting for the answer.');

		const approve = /^Approve: (\S+)$/m.exec(question)?.[1];
		if (approve === undefined) throw new Error('The message has no Approve link');
		step('WhatsApp fetches the link to show a preview (a GET): n8n shows the page with the choice, and nothing is answered');
		const preview = await fetch(approve, { headers: { 'user-agent': 'WhatsApp/2.24.6.77 A' } });
		const page = await preview.text();
		console.log(`  ${preview.status} ${preview.headers.get('content-type') ?? ''}: a page with "${/<button[^>]*>([^<]*)</.exec(page)?.[1] ?? '?'}" in a form that posts back to the link`);
		console.log(`  the run is still ${(await server.executions(workflowId)).map((run) => run.status).join(', ')}`);

		step('The manager taps Approve on the page (its form POSTs to the same link)');
		const tap = await fetch(approve, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: '' });
		console.log(`  ${tap.status}: ${/<p>([^<]*)<\/p>/.exec(await tap.text())?.[1] ?? ''}`);
		await until(server, 'the reply to the customer', async () => sandbox.deliveredTo(CUSTOMER).length > 0);
		await until(server, 'the run to finish', async () => (await server.executions(workflowId)).every((run) => run.status === 'success'));
		console.log(`\nThe run went on with the answer; "Tell the customer" read it ($json.approved, $json.timedOut) and sent ${CUSTOMER}:`);
		for (const message of sandbox.deliveredTo(CUSTOMER)) console.log(indent(String(message.content)));

		step('The same link, tapped again');
		const again = await fetch(approve, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: '' });
		const recordedAgain = (await again.text()).includes('Your answer was recorded');
		const runs = await server.executions(workflowId);
		console.log(`  ${again.status}: ${recordedAgain ? 'RECORDED AGAIN' : 'n8n\'s own "no action required" page'}; ${runs.length} run(s), ${sandbox.deliveredTo(CUSTOMER).length} reply(ies)`);
		if (recordedAgain || runs.length !== 1) throw new Error('The link answered twice');
		console.log(`
In your n8n the links must reach it from the manager's phone: set WEBHOOK_URL to n8n's public
https address (and N8N_PROXY_HOPS behind a reverse proxy). WhatsApp delivers the question only
within 24 hours of the manager's last message to the channel. See docs/messages.md.`);
	} finally {
		await server.stop();
	}
}

function indent(text: string): string {
	return text.split('\n').map((line) => `  | ${line}`).join('\n');
}

async function until(server: N8nServer, what: string, done: () => Promise<boolean>): Promise<void> {
	const deadline = Date.now() + 60_000;
	while (Date.now() < deadline) {
		if (await done()) return;
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
	throw new Error(`Waited 60 s for ${what}. n8n's output ends:\n${server.logTail()}`);
}
