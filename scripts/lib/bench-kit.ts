// What the bench's parts share (scripts/bench.ts, scripts/lib/far.ts): the sandbox process and
// its admin routes, the workflows, one timed `n8n execute`, medians and tables.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

import axios, { type AxiosRequestConfig } from 'axios';

import { ROOT, type N8nInstance, type N8nRunData } from './n8n';

export const numbers = (text: string) => text.split(',').filter(Boolean).map(Number);
export const SIZES = numbers(process.env.BENCH_ITEMS ?? '2000,5000');
export const REPEAT = Math.max(1, Number(process.env.BENCH_REPEAT ?? 3));
/** The node's default Max Concurrent Requests. */
export const DEFAULT_CAP = 128;
export const CHANNEL = 'bench-channel';
/** Unset: the node's default cap, as users get it. */
export const CAP = process.env.BENCH_MAX_CONCURRENCY ? Number(process.env.BENCH_MAX_CONCURRENCY) : undefined;
/** Whether the outage and degraded-API runs happen (BENCH_TROUBLE, on unless empty). */
export const TROUBLE = (process.env.BENCH_TROUBLE ?? '1') !== '';
export const TROUBLE_RUNS = [
	{ items: 2000, label: '20 s outage after 400 requests', trouble: { outage: { afterRequests: 400, durationMs: 20_000 } } },
	{ items: 300, label: 'degraded: ~30% of requests fail', trouble: { degraded: true } },
] as const;

export interface Sandbox {
	baseUrl: string;
	apiKey: string;
	process: ChildProcess;
}

export interface ServerStats {
	contacts: number;
	attempts: number;
	peakInFlight: number;
	meanInFlight: number;
	/** Every API request, probes and failed ones included. */
	apiRequests: number;
	outageRequests: number;
}

export interface Measurement {
	label: string;
	items: number;
	ms: number;
	peakRssMb?: number;
	stats: ServerStats;
	/** Items per second, lowest to highest, when the figure is a median of several runs. */
	range?: string;
}

export const rate = (m: Measurement) => (m.items / m.ms) * 1000;

/** Runs a measurement `times` times and keeps the run with the median rate. */
export async function median(times: number, measure: (run: number) => Promise<Measurement>): Promise<Measurement> {
	const runs: Measurement[] = [];
	for (let run = 0; run < times; run++) runs.push(await measure(run));
	runs.sort((a, b) => rate(a) - rate(b));
	const middle = runs[Math.floor((runs.length - 1) / 2)];
	return runs.length === 1 ? middle : { ...middle, range: `${rate(runs[0]).toFixed(0)}–${rate(runs[runs.length - 1]).toFixed(0)}` };
}


/** One contact of the bench's raw clients, as the node's workflow maps it. */
export function contactBody(index: number) {
	return {
		phone_number: 919000000000 + index,
		full_name: `Contact ${index}`,
		integration_id: CHANNEL,
		email: `c${index}@example.com`,
		city: 'Mumbai',
		plan_status: 'GOLD',
		recharge_amount: 10,
	};
}

/**
 * The raw client: creates contacts 0…items-1 at `baseUrl` with axios, `concurrency` requests in
 * flight, each with the agents `agents()` gives; resolves with the time taken and its CPU time.
 */
export async function rawContacts(
	baseUrl: string,
	apiKey: string,
	items: number,
	concurrency: number,
	agents: () => Pick<AxiosRequestConfig, 'httpAgent' | 'httpsAgent'> = () => ({}),
): Promise<{ ms: number; cpuMs: number }> {
	const cpu = process.cpuUsage();
	const started = Date.now();
	let next = 0;
	const worker = async () => {
		while (next < items) {
			const index = next++;
			await axios.post(`${baseUrl}/api/contacts`, contactBody(index), {
				params: { integration_id: CHANNEL },
				headers: { 'x-api-key': apiKey },
				...agents(),
			});
		}
	};
	await Promise.all(Array.from({ length: concurrency }, worker));
	const used = process.cpuUsage(cpu);
	return { ms: Date.now() - started, cpuMs: (used.user + used.system) / 1000 };
}

export interface CredentialRef {
	id: string;
	name: string;
}

/** The loopback credentials; scripts/lib/far.ts has its own for the far API. */
export const RAMPWIN_CREDENTIAL: CredentialRef = { id: 'benchRampwin0001', name: 'Rampwin bench' };
export const HEADER_CREDENTIAL: CredentialRef = { id: 'benchHeader00001', name: 'Rampwin header' };

/** The node creating `size` contacts, with `options` in its Options (the cap unless set). */
export function oursWorkflow(id: string, size: number, options: Record<string, unknown> = {}, credential = RAMPWIN_CREDENTIAL) {
	return workflow(id, size, {
		parameters: {
			resource: 'contact',
			operation: 'create',
			integrationId: CHANNEL,
			phoneNumber: '={{ $json.phone }}',
			fullName: '={{ $json.name }}',
			additionalFields: { email: '={{ $json.email }}', city: '={{ $json.city }}' },
			customAttributes: {
				attribute: [
					{ name: 'plan_status', type: 'string', value: '={{ $json.plan }}' },
					{ name: 'recharge_amount', type: 'number', value: '={{ $json.amount }}' },
				],
			},
			options: { ...(CAP === undefined ? {} : { maxConcurrency: CAP }), ...options },
		},
		name: 'Rampwin node',
		type: 'n8n-nodes-rampwin.rampwin',
		typeVersion: 1,
		credentials: { rampwinApi: credential },
	});
}

export function httpRequestWorkflow(id: string, size: number, baseUrl: string, credential = HEADER_CREDENTIAL) {
	const field = (name: string, value: string) => ({ name, value });
	return workflow(id, size, {
		parameters: {
			method: 'POST',
			url: `${baseUrl}/api/contacts`,
			authentication: 'genericCredentialType',
			genericAuthType: 'httpHeaderAuth',
			sendQuery: true,
			queryParameters: { parameters: [field('integration_id', CHANNEL)] },
			sendBody: true,
			bodyParameters: {
				parameters: [
					field('phone_number', '={{ $json.phone }}'),
					field('full_name', '={{ $json.name }}'),
					field('integration_id', CHANNEL),
					field('email', '={{ $json.email }}'),
					field('city', '={{ $json.city }}'),
					field('plan_status', '={{ $json.plan }}'),
					field('recharge_amount', '={{ $json.amount }}'),
				],
			},
			options: {},
		},
		name: 'HTTP Request node',
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		credentials: { httpHeaderAuth: credential },
	});
}

export function workflow(id: string, size: number, node: Record<string, unknown>) {
	const rows = `return Array.from({ length: ${size} }, (_, i) => ({ json: { phone: 919000000000 + i, name: 'Contact ' + i, email: 'c' + i + '@example.com', city: ['Mumbai', 'Pune', 'Delhi'][i % 3], plan: i % 2 ? 'GOLD' : 'SILVER', amount: (i % 50) * 10 } }));`;
	return {
		id: workflowIdOf(id),
		name: `Bench ${id}`,
		active: false,
		nodes: [
			{ id: 'start', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{ id: 'rows', name: 'Rows', type: 'n8n-nodes-base.code', typeVersion: 2, position: [200, 0], parameters: { jsCode: rows } },
			{ id: 'target', position: [400, 0], ...node },
		],
		connections: {
			Start: { main: [[{ node: 'Rows', type: 'main', index: 0 }]] },
			Rows: { main: [[{ node: node.name as string, type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
}

/** "ours-5000" → "benchours0005000": unique per kind and size, 16 characters. */
export function workflowIdOf(id: string): string {
	const [kind, size] = id.split('-');
	return `bench${kind}${size.padStart(11 - kind.length, '0')}`;
}


export interface TimedRun {
	/** The node's execution time in n8n, in ms; undefined if the node did not run. */
	ms: number | undefined;
	peakRssMb: number;
	/** n8n's CPU time (user and system) over the whole process, start-up included, in ms. */
	cpuMs: number;
	/** The run's error, if the workflow failed. */
	error: unknown;
}

/**
 * `n8n execute` of one workflow in its own process (`env` added to n8n's), sampling its peak
 * RSS and CPU time; the node's time is n8n's own execution time for the node named `label`.
 */
export async function executeTimed(n8n: N8nInstance, workflowId: string, label: string, env: Record<string, string> = {}): Promise<TimedRun> {
	const child = spawn(n8n.nodeBinary, [n8n.cliPath, 'execute', `--id=${workflowId}`, '--rawOutput'], {
		cwd: n8n.userFolder,
		env: n8n.env(env),
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let stdout = '';
	child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
	child.stderr?.resume();
	let peakKb = 0;
	let cpuTicks = 0;
	const sample = () => {
		try {
			const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
			peakKb = Math.max(peakKb, Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0));
			// utime and stime, fields 14 and 15 of /proc/<pid>/stat (after the command's name).
			const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1].split(' ');
			cpuTicks = Math.max(cpuTicks, Number(fields[11]) + Number(fields[12]));
		} catch {
			// the process has exited
		}
	};
	const sampler = setInterval(sample, 200);
	await new Promise((resolve) => child.on('close', resolve));
	clearInterval(sampler);
	const lines = stdout.split('\n');
	if (!lines.includes('{')) throw new Error(`n8n printed no run data for ${label}:\n${stdout.slice(-3000)}`);
	const run = JSON.parse(lines.slice(lines.indexOf('{')).join('\n')) as N8nRunData & {
		data: { resultData: { runData: Record<string, Array<{ executionTime: number }>> } };
	};
	const task = run.data.resultData.runData[label]?.[0];
	// Clock ticks are 1/100 s on Linux.
	return { ms: task?.executionTime, peakRssMb: Math.round(peakKb / 1024), cpuMs: cpuTicks * 10, error: run.data.resultData.error };
}

/**
 * Starts a helper server in its own process (`tsx script args…`) and resolves with the words
 * of the first line it prints ("listening <url> …").
 */
export async function spawnListening(script: string, args: string[] = []): Promise<{ words: string[]; process: ChildProcess }> {
	const child = spawn(path.join(ROOT, 'node_modules', '.bin', 'tsx'), [script, ...args], {
		stdio: ['ignore', 'pipe', 'inherit'],
	});
	const line = await new Promise<string>((resolve, reject) => {
		let text = '';
		child.stdout?.on('data', (chunk: Buffer) => {
			text += chunk.toString();
			if (text.includes('\n')) resolve(text.trim());
		});
		child.on('exit', () => reject(new Error(`${path.basename(script)} exited`)));
	});
	return { words: line.split(' '), process: child };
}

export async function startSandbox(): Promise<Sandbox> {
	const { words, process } = await spawnListening(path.join(ROOT, 'sandbox', 'main.ts'));
	const [, baseUrl, apiKey] = words;
	return { baseUrl, apiKey, process };
}

export async function admin(sandbox: Sandbox, action: 'reset' | 'stats', body?: object): Promise<ServerStats> {
	const response = await axios.post<ServerStats>(`${sandbox.baseUrl}/__admin/${action}`, body ?? {});
	return response.data;
}

export function printTable(header: string[], rows: string[][]): void {
	const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
	const line = (cells: string[]) => `| ${cells.map((cell, column) => cell.padEnd(widths[column])).join(' | ')} |`;
	console.log(`\n${line(header)}\n|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`);
	for (const row of rows) console.log(line(row));
}

