// The reply storm (`BENCH_ONLY=storm npm run bench`): N distinct incoming messages posted,
// C at a time, to the production webhook of the auto-reply example (Rampwin Trigger → Save
// sender → Reply) active in real n8n (`n8n start`, SQLite), and the same to the same
// workflow with n8n's Webhook node (POST, respond immediately) in the trigger's place.
// The two alternate within one run, so that noise on the machine hits both. Measured: the
// time until every delivery is answered 2xx, and until every reply has reached the sandbox.
// Settings (environment): BENCH_STORM_DELIVERIES (500), BENCH_STORM_IN_FLIGHT (50),
// BENCH_REPEAT (3: storms of each kind; medians shown), BENCH_STORM_VERSIONS (both n8n
// lines), BENCH_STORM_LATENCY (20: ms the sandbox adds to each answer),
// BENCH_STORM_TRIGGERS ("rampwin,webhook"), BENCH_STORM_WARMUP (50 deliveries of each
// kind first, not counted), BENCH_PROFILE=1 (then one more storm of each kind in an n8n
// started with a V8 CPU profile, summed up by scripts/lib/profile-summary.ts),
// BENCH_PACKAGE (a packed tarball to install instead of packing this checkout),
// BENCH_STORM_TRIGGER_VERSION (the trigger's typeVersion in the workflow; the example's by default),
// BENCH_STORM_N8N_ENV (JSON: settings for n8n itself, e.g. its expression engine's pool size).
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { RampwinServer } from '../../sandbox/rampwin-server';
import { inventedIncomingMessage } from '../../sandbox/webhooks';
import { EXAMPLES, prepareExample } from './example';
import { N8N_VERSIONS, N8nInstance, N8nServer, packPackage, ROOT, type ExecutionSpan } from './n8n';
import { summariseProfile } from './profile-summary';

const numberFrom = (name: string, fallback: number) => (process.env[name] ? Number(process.env[name]) : fallback);
const DELIVERIES = numberFrom('BENCH_STORM_DELIVERIES', 500);
const IN_FLIGHT = numberFrom('BENCH_STORM_IN_FLIGHT', 50);
const REPEAT = Math.max(1, numberFrom('BENCH_REPEAT', 3));
const LATENCY = numberFrom('BENCH_STORM_LATENCY', 20);
const WARMUP = numberFrom('BENCH_STORM_WARMUP', 50);
const VERSIONS = (process.env.BENCH_STORM_VERSIONS ?? N8N_VERSIONS.join(',')).split(',').filter(Boolean);
const PROFILE = process.env.BENCH_PROFILE === '1';
/** The Rampwin Trigger's typeVersion in the workflow, when the package under test has another than the example's. */
const TRIGGER_VERSION = process.env.BENCH_STORM_TRIGGER_VERSION ? Number(process.env.BENCH_STORM_TRIGGER_VERSION) : undefined;
/** Settings for n8n itself, as JSON (e.g. '{"N8N_EXPRESSION_ENGINE_POOL_SIZE":"8"}'), for both kinds alike. */
const N8N_ENV = JSON.parse(process.env.BENCH_STORM_N8N_ENV ?? '{}') as Record<string, string>;
/** n8n 2.x's setting that, with a trigger of typeVersion 1.1, closes the gap (docs/trigger.md). */
const LAZY_ACQUIRE = 'N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE';
const CHANNEL = 'chan-storm';
/** What the storm's end-to-end time may exceed the Webhook node's by, at most. */
const GOAL = 0.1;

type Kind = 'rampwin' | 'webhook';
const KINDS = (process.env.BENCH_STORM_TRIGGERS ?? 'rampwin,webhook').split(',').filter(Boolean) as Kind[];
const LABEL: Record<Kind, string> = { rampwin: 'Rampwin Trigger', webhook: "n8n's Webhook node" };

const WEBHOOK_WORKFLOW_ID = 'rampwinStormWh01';
const WEBHOOK_PATH = 'rampwin-storm';

interface WorkflowNode {
	id: string;
	name: string;
	type: string;
	typeVersion?: number;
	position: number[];
	parameters: Record<string, unknown>;
}

interface Workflow {
	id: string;
	name: string;
	nodes: WorkflowNode[];
	connections: Record<string, unknown>;
}

interface Storm {
	/** From the first post to the last 2xx answer. */
	answeredMs: number;
	/** From the first post to the last reply the sandbox received: end to end. */
	repliedMs: number;
	/** Mean time a delivery waited for its answer. */
	answerMeanMs: number;
	/** n8n's executions running at once (from their start and stop times): time-weighted mean and peak. */
	runsMean: number;
	runsPeak: number;
	/** The median execution's duration, as n8n records it. */
	runMedianMs: number;
	/** What went wrong, per the checks: empty when every delivery ran once and every sender got one reply. */
	problems: string[];
}

/** The auto-reply example with n8n's Webhook node in the trigger's place, and the expressions reading its `body`. */
function webhookVariant(example: Workflow): Workflow {
	const rewrite = (parameters: Record<string, unknown>) =>
		JSON.parse(
			JSON.stringify(parameters)
				.replaceAll("$('Rampwin Trigger').item.json.", "$('Webhook').item.json.body.")
				.replaceAll('$json.', '$json.body.'),
		) as Record<string, unknown>;
	const trigger = example.nodes.find((node) => node.type === 'n8n-nodes-rampwin.rampwinTrigger');
	if (!trigger) throw new Error('The auto-reply example has no Rampwin Trigger');
	const { [trigger.name]: fromTrigger, ...rest } = example.connections;
	return {
		...example,
		id: WEBHOOK_WORKFLOW_ID,
		name: "Storm: auto-reply with n8n's Webhook node",
		nodes: example.nodes.map((node) =>
			node === trigger
				? {
						id: node.id,
						name: 'Webhook',
						type: 'n8n-nodes-base.webhook',
						typeVersion: 2,
						position: node.position,
						webhookId: '7c1e5f0a-3b2d-4e8f-9a6c-5d4b3a2f1e0d',
						parameters: { httpMethod: 'POST', path: WEBHOOK_PATH, responseMode: 'onReceived', options: {} },
					}
				: { ...node, parameters: rewrite(node.parameters) },
		),
		connections: { ...rest, Webhook: fromTrigger },
	};
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)];

/** Running executions over time: the time-weighted mean from the first start to the last stop, and the peak. */
function concurrency(spans: ExecutionSpan[]): { mean: number; peak: number } {
	const events = spans.flatMap((span) => [
		[span.startedAt, 1],
		[span.stoppedAt ?? span.startedAt, -1],
	]);
	events.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
	let running = 0;
	let peak = 0;
	let area = 0;
	for (let i = 0; i < events.length; i++) {
		if (i > 0) area += running * (events[i][0] - events[i - 1][0]);
		running += events[i][1];
		peak = Math.max(peak, running);
	}
	const elapsed = events.length > 0 ? events[events.length - 1][0] - events[0][0] : 0;
	return { mean: elapsed > 0 ? area / elapsed : 0, peak };
}

async function until(what: string, timeoutMs: number, done: () => boolean | Promise<boolean>, pollMs = 20): Promise<boolean> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (await done()) return true;
		await new Promise((resolve) => setTimeout(resolve, pollMs));
	}
	console.log(`    (gave up waiting for ${what} after ${timeoutMs / 1000} s)`);
	return false;
}

interface Target {
	kind: Kind;
	workflowId: string;
	/** The URL to post to, given n8n's base URL (it changes when n8n is started with a profile). */
	url: (n8nUrl: string) => string;
	/** The newest execution id seen, so that each storm reads only its own. */
	lastId: number;
}

let stormCount = 0;

/** One storm: `count` distinct deliveries from distinct senders, IN_FLIGHT at a time. */
async function storm(sandbox: RampwinServer, server: N8nServer, target: Target, count: number): Promise<Storm> {
	stormCount++;
	sandbox.messages.length = 0;
	sandbox.contacts.clear();
	sandbox.attempts.clear();
	// Indian mobile numbers (91, then 10 digits from 9), distinct across every storm of the run.
	const phones = Array.from({ length: count }, (_, i) => `919${String(stormCount).padStart(3, '0')}${String(i).padStart(6, '0')}`);
	const bodies = phones.map((phone, i) => JSON.stringify(inventedIncomingMessage(CHANNEL, phone, `Storm message ${i}`, `Customer ${i}`)));
	const url = target.url(server.url);
	const problems: string[] = [];
	const answeredAt: number[] = [];
	let waited = 0;
	let next = 0;
	const started = Date.now();
	const worker = async () => {
		while (next < count) {
			const index = next++;
			const sent = Date.now();
			try {
				const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: bodies[index] });
				await response.text();
				if (response.ok) answeredAt.push(Date.now());
				else problems.push(`delivery ${index} answered ${response.status}`);
			} catch (error) {
				problems.push(`delivery ${index} failed: ${(error as Error).message}`);
			}
			waited += Date.now() - sent;
		}
	};
	await Promise.all(Array.from({ length: Math.min(IN_FLIGHT, count) }, worker));
	const answeredMs = Math.max(...answeredAt) - started;
	await until(`${count} replies`, 300_000, () => sandbox.messages.length >= count);
	const repliedMs = Math.max(...sandbox.messages.map((message) => message.receivedAt)) - started;

	let spans: ExecutionSpan[] = [];
	await until(
		`${count} finished executions`,
		120_000,
		async () => {
			spans = await server.executionSpans(target.workflowId, target.lastId);
			return spans.length >= count && spans.every((span) => !['new', 'running', 'waiting'].includes(span.status));
		},
		500,
	);
	target.lastId = Math.max(target.lastId, ...spans.map((span) => Number(span.id)));

	// Every delivery ran once: one execution each, every sender saved once and answered once.
	if (spans.length !== count) problems.push(`${spans.length} executions for ${count} deliveries`);
	const failed = spans.filter((span) => span.status !== 'success');
	if (failed.length > 0) problems.push(`${failed.length} executions did not succeed (${[...new Set(failed.map((span) => span.status))].join(', ')})`);
	const replies = new Map<string, number>();
	for (const message of sandbox.messages) replies.set(message.phone, (replies.get(message.phone) ?? 0) + 1);
	const notOne = phones.filter((phone) => replies.get(phone) !== 1);
	if (notOne.length > 0) problems.push(`${notOne.length} senders did not get exactly one reply (e.g. ${notOne[0]}: ${replies.get(notOne[0]) ?? 0})`);
	const saves = new Map<string, number>();
	for (const [key, attempts] of sandbox.attempts) {
		const phone = key.split(' ').pop()?.replace('+', '') ?? '';
		if (!phone.startsWith('919')) continue;
		saves.set(phone, (saves.get(phone) ?? 0) + attempts);
	}
	const savedOnce = phones.filter((phone) => saves.get(phone) === 1).length;
	if (savedOnce !== count) problems.push(`${count - savedOnce} senders were not saved exactly once`);

	const { mean, peak } = concurrency(spans);
	return {
		answeredMs,
		repliedMs,
		answerMeanMs: waited / count,
		runsMean: mean,
		runsPeak: peak,
		runMedianMs: median(spans.filter((span) => span.stoppedAt !== undefined).map((span) => (span.stoppedAt ?? 0) - span.startedAt)),
		problems,
	};
}

const seconds = (ms: number) => (ms / 1000).toFixed(1);

/** "median (lowest–highest)" of one figure over the storms. */
function spread(storms: Storm[], figure: (storm: Storm) => number, format: (value: number) => string): string {
	const values = storms.map(figure);
	const shown = format(median(values));
	return values.length === 1 ? shown : `${shown} (${format(Math.min(...values))}–${format(Math.max(...values))})`;
}

interface VersionResult {
	version: string;
	storms: Record<Kind, Storm[]>;
}

async function stormVersion(version: string, tarball: string, sandbox: RampwinServer): Promise<VersionResult> {
	const n8n = await N8nInstance.create(version, undefined, N8N_ENV);
	let server: N8nServer | undefined;
	try {
		await n8n.installPackage(tarball);
		const prepared = prepareExample({ apiKey: sandbox.apiKey, baseUrl: sandbox.baseUrl, channelId: CHANNEL }, EXAMPLES['auto-reply']);
		const example = prepared.workflow as Workflow;
		if (TRIGGER_VERSION !== undefined) {
			for (const node of example.nodes) if (node.type === 'n8n-nodes-rampwin.rampwinTrigger') node.typeVersion = TRIGGER_VERSION;
		}
		await n8n.importCredentials([prepared.credential]);
		await n8n.importWorkflows([example, webhookVariant(example)]);
		server = await N8nServer.start(n8n);
		const targets: Record<Kind, Target> = {
			rampwin: { kind: 'rampwin', workflowId: example.id, url: () => '', lastId: 0 },
			webhook: { kind: 'webhook', workflowId: WEBHOOK_WORKFLOW_ID, url: (base) => `${base}/webhook/${WEBHOOK_PATH}`, lastId: 0 },
		};
		for (const kind of KINDS) await server.activate(targets[kind].workflowId);
		if (KINDS.includes('rampwin')) {
			const registered = sandbox.webhooks.get(CHANNEL);
			if (!registered) throw new Error('The Rampwin Trigger registered no webhook with the sandbox');
			const { pathname, search } = new URL(registered.url);
			targets.rampwin.url = (base) => `${base}${pathname}${search}`;
		}
		console.log(`n8n ${version}: started; ${KINDS.map((kind) => LABEL[kind]).join(' and ')} active`);
		if (WARMUP > 0) for (const kind of KINDS) await storm(sandbox, server, targets[kind], WARMUP);

		const storms: Record<Kind, Storm[]> = { rampwin: [], webhook: [] };
		for (let run = 0; run < REPEAT; run++) {
			// Alternating which goes first, so neither always follows the other's leftovers.
			for (const kind of run % 2 === 0 ? KINDS : [...KINDS].reverse()) {
				const result = await storm(sandbox, server, targets[kind], DELIVERIES);
				storms[kind].push(result);
				console.log(
					`  n8n ${version}, ${LABEL[kind]}, run ${run + 1}: answered ${seconds(result.answeredMs)} s, replies ${seconds(result.repliedMs)} s, ` +
						`runs at once ${result.runsMean.toFixed(1)} / ${result.runsPeak}, median run ${result.runMedianMs} ms` +
						(result.problems.length > 0 ? `; PROBLEMS: ${result.problems.join('; ')}` : ''),
				);
			}
		}

		if (PROFILE) {
			for (const kind of KINDS) {
				const dir = path.join(ROOT, '.cache', 'profiles', `storm-${version}-${kind}`);
				rmSync(dir, { recursive: true, force: true });
				mkdirSync(dir, { recursive: true });
				await server.stop();
				server = await N8nServer.start(n8n, { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${dir}` });
				const result = await storm(sandbox, server, targets[kind], DELIVERIES);
				await server.stop();
				printProfile(`n8n ${version}, ${LABEL[kind]} (profiled: replies ${seconds(result.repliedMs)} s)`, dir);
			}
		}
		return { version, storms };
	} finally {
		await server?.stop();
		n8n.remove();
	}
}

/** Sums the largest profile in `dir`: n8n's main process (task runners write small ones). */
function printProfile(title: string, dir: string): void {
	const files = existsSync(dir) ? readdirSync(dir).filter((file) => file.endsWith('.cpuprofile')) : [];
	if (files.length === 0) return console.log(`  ${title}: no profile written`);
	const largest = files.map((file) => path.join(dir, file)).sort((a, b) => statSync(b).size - statSync(a).size)[0];
	const summary = summariseProfile(largest);
	console.log(`\n  ${title}: ${path.relative(ROOT, largest)}\n    ${summary.totalMs} ms from the action node's first to its last sample`);
	for (const { group, ms } of summary.groups) console.log(`    ${String(ms).padStart(9)} ms  ${group}`);
	console.log('    top functions (self time):');
	for (const { name, ms } of summary.top.slice(0, 15)) console.log(`    ${String(ms).padStart(9)} ms  ${name}`);
	console.log('    this package (self time):');
	for (const { name, ms } of summary.ours.slice(0, 8)) console.log(`    ${String(ms).padStart(9)} ms  ${name}`);
}

export async function stormBench(): Promise<void> {
	console.log(`Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB (n8n runs on Node 24)`);
	console.log(
		`Reply storm: ${DELIVERIES} distinct deliveries, ${IN_FLIGHT} in flight, sandbox latency ${LATENCY} ms, ` +
			`${REPEAT} storms of each kind alternating (after ${WARMUP} of each to warm up); n8n ${VERSIONS.join(', ')}\n`,
	);
	const tarball = process.env.BENCH_PACKAGE ?? (await packPackage());
	if (process.env.BENCH_PACKAGE) console.log(`Package: ${tarball}`);
	const sandbox = await RampwinServer.start();
	sandbox.recordRequests = false;
	sandbox.latencyMs = LATENCY;
	const results: VersionResult[] = [];
	try {
		for (const version of VERSIONS) results.push(await stormVersion(version, tarball, sandbox));
	} finally {
		await sandbox.close();
	}

	const header = ['n8n', 'Trigger', 'All answered 2xx, s', 'All replies, s', 'Answer wait, ms', 'Runs at once mean / peak', 'Median run, ms', 'Checks'];
	const rows = results.flatMap(({ version, storms }) =>
		KINDS.map((kind) => {
			const list = storms[kind];
			const problems = list.flatMap((result) => result.problems);
			return [
				version,
				LABEL[kind],
				spread(list, (result) => result.answeredMs, seconds),
				spread(list, (result) => result.repliedMs, seconds),
				spread(list, (result) => result.answerMeanMs, (value) => value.toFixed(0)),
				`${spread(list, (result) => result.runsMean, (value) => value.toFixed(0))} / ${Math.max(...list.map((result) => result.runsPeak))}`,
				spread(list, (result) => result.runMedianMs, (value) => value.toFixed(0)),
				problems.length === 0 ? 'every delivery ran once; every sender got one reply' : problems.join('; '),
			];
		}),
	);
	const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
	const line = (cells: string[]) => `| ${cells.map((cell, column) => cell.padEnd(widths[column])).join(' | ')} |`;
	console.log(`\n${line(header)}\n|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`);
	for (const row of rows) console.log(line(row));

	if (!KINDS.includes('rampwin') || !KINDS.includes('webhook')) return;
	const settings = Object.entries(N8N_ENV).map(([name, value]) => `${name}=${value}`).join(' ') || "n8n's defaults";
	console.log(`\nGoal: the Rampwin Trigger's storm end to end within ${GOAL * 100}% of the Webhook node's (medians of ${REPEAT}; ${settings}):`);
	for (const { version, storms } of results) {
		const ours = median(storms.rampwin.map((result) => result.repliedMs));
		const theirs = median(storms.webhook.map((result) => result.repliedMs));
		const over = ours / theirs - 1;
		console.log(
			`  n8n ${version}: ${seconds(ours)} s vs ${seconds(theirs)} s, ${over >= 0 ? '+' : ''}${(over * 100).toFixed(0)}%: ${over <= GOAL ? 'met' : 'NOT met'}`,
		);
		if (over > GOAL && !version.startsWith('1.') && N8N_ENV[LAZY_ACQUIRE] !== 'true') {
			console.log(`    n8n 2.x builds an isolate for every trigger's webhook phase but its own Webhook node's; docs/trigger.md recommends ${LAZY_ACQUIRE}=true`);
			console.log(`    for a storm: BENCH_STORM_N8N_ENV='{"${LAZY_ACQUIRE}":"true"}' measures both kinds with it.`);
		}
	}
}
