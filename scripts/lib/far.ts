// The far HTTPS API (issue 27): `BENCH_ONLY=far npm run bench` runs just these; a full
// `npm run bench` runs them last (BENCH_FAR='' skips them). The sandbox sits behind
// scripts/lib/far-proxy.ts: TLS with a throw-away certificate made here with openssl (n8n trusts
// it through NODE_EXTRA_CA_CERTS, which every n8n run gets in its environment), half the round
// trip on every chunk each way, and one more round trip before a new connection's first bytes.
// Cases, at BENCH_FAR_RTT (150) ms, for each of BENCH_ITEMS: this node (default), this node
// with Options › keepConnectionsOpen, n8n's HTTP Request node, and raw axios clients with the
// node's cap in flight (one kept-open agent; a new agent, so a new connection, each), run in
// turn BENCH_REPEAT times so that noise hits all of them alike; the median and the range.
// Then the outage and degraded-API runs (scripts/lib/bench-kit.ts) for both of the node's
// paths, and the client CPU per request on n8n's request helper path with the TLS options it
// supports (scripts/lib/helper-cpu.cjs; BENCH_FAR_CPU='' skips it).
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';

import axios from 'axios';

import {
	admin,
	CAP,
	contactBody,
	DEFAULT_CAP,
	executeTimed,
	httpRequestWorkflow,
	oursWorkflow,
	printTable,
	rawContacts,
	REPEAT,
	SIZES,
	spawnListening,
	TROUBLE,
	TROUBLE_RUNS,
	workflowIdOf,
	type Measurement,
	type Sandbox,
} from './bench-kit';
import { ensureN8n, N8N_VERSIONS, ROOT, type CredentialExport, type N8nInstance } from './n8n';

const RTT = Number(process.env.BENCH_FAR_RTT ?? 150);
const CPU = (process.env.BENCH_FAR_CPU ?? '1') !== '';
/** Requests per helper CPU run, and in flight. */
const CPU_REQUESTS = 2048;
const IN_FLIGHT = CAP ?? DEFAULT_CAP;
const RAMPWIN = { id: 'benchRampwinFar1', name: 'Rampwin far' };
const HEADER = { id: 'benchHeaderFar01', name: 'Rampwin header far' };
const KEEP_OPEN = { keepConnectionsOpen: true };

interface ProxyStats {
	connections: number;
	fullHandshakes: number;
	resumedHandshakes: number;
	peakOpen: number;
}

export interface Far {
	url: string;
	adminUrl: string;
	certFile: string;
	/** The raw clients' trust in the certificate, made once as NODE_EXTRA_CA_CERTS makes n8n's. */
	secureContext: tls.SecureContext;
	stop(): void;
}

interface FarMeasurement extends Measurement {
	far: ProxyStats;
	/** CPU time of the client: the whole n8n process (start-up included), or the raw client's. */
	cpuMs: number;
	/** Why a run counts as failed: not every contact created once. */
	problem?: string;
}

type Kind = 'ours' | 'keep' | 'http' | 'kept' | 'fresh';
const LABELS: Record<Kind, string> = {
	kept: `axios ×${IN_FLIGHT}, connections kept open`,
	fresh: `axios ×${IN_FLIGHT}, a new connection each`,
	ours: 'Rampwin node (default)',
	keep: 'Rampwin node, Keep Connections Open',
	http: 'HTTP Request node',
};

/** A certificate for 127.0.0.1, valid for a day, made for this run and removed after it. */
function makeCertificate(dir: string): { certFile: string; keyFile: string } {
	const certFile = path.join(dir, 'cert.pem');
	const keyFile = path.join(dir, 'key.pem');
	try {
		execFileSync('openssl', [
			...['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1'],
			...['-subj', '/CN=rampwin-far-bench', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost'],
			...['-keyout', keyFile, '-out', certFile],
		], { stdio: 'ignore' });
	} catch (error) {
		throw new Error(`The far HTTPS cases need openssl on the PATH to make a throw-away certificate: ${String(error)}`);
	}
	return { certFile, keyFile };
}

export async function startFar(sandbox: Sandbox): Promise<Far> {
	const dir = mkdtempSync(path.join(os.tmpdir(), 'rampwin-far-'));
	const { certFile, keyFile } = makeCertificate(dir);
	const { words, process } = await spawnListening(path.join(ROOT, 'scripts', 'lib', 'far-proxy.ts'), [certFile, keyFile, sandbox.baseUrl]);
	const [, url, adminUrl] = words;
	return {
		url,
		adminUrl,
		certFile,
		secureContext: tls.createSecureContext({ ca: readFileSync(certFile) }),
		stop: () => {
			process.kill('SIGTERM');
			rmSync(dir, { recursive: true, force: true });
		},
	};
}

/** The far API's credentials, to import with the bench's own. */
export function farCredentials(sandbox: Sandbox, far: Far): CredentialExport[] {
	return [
		{ ...RAMPWIN, type: 'rampwinApi', data: { apiKey: sandbox.apiKey, baseUrl: far.url } },
		{ ...HEADER, type: 'httpHeaderAuth', data: { name: 'x-api-key', value: sandbox.apiKey } },
	];
}

export function farWorkflows(far: Far): unknown[] {
	const sizes = [...new Set([...SIZES, ...(TROUBLE ? TROUBLE_RUNS.map((run) => run.items) : [])])];
	return sizes.flatMap((size) => [
		oursWorkflow(`farours-${size}`, size, {}, RAMPWIN),
		oursWorkflow(`farkeep-${size}`, size, KEEP_OPEN, RAMPWIN),
		httpRequestWorkflow(`farhttp-${size}`, size, far.url, HEADER),
	]);
}

async function farStats(far: Far, reset?: boolean): Promise<ProxyStats> {
	const response = await axios.post<ProxyStats>(`${far.adminUrl}/${reset ? 'reset' : 'stats'}`, reset ? { rttMs: RTT } : {});
	return response.data;
}

async function measureN8nFar(n8n: N8nInstance, sandbox: Sandbox, far: Far, kind: Kind, items: number, trouble?: object): Promise<FarMeasurement> {
	await admin(sandbox, 'reset', { latencyMs: 0, recordRequests: false, trouble });
	await farStats(far, true);
	const label = kind === 'http' ? 'HTTP Request node' : 'Rampwin node';
	const run = await executeTimed(n8n, workflowIdOf(`far${kind}-${items}`), label, { NODE_EXTRA_CA_CERTS: far.certFile });
	const stats = await admin(sandbox, 'stats');
	const problem =
		run.ms === undefined
			? `did not run: ${JSON.stringify(run.error ?? {}).slice(0, 500)}`
			: stats.contacts !== items
				? `created ${stats.contacts} of ${items}`
				: undefined;
	const result = { label: LABELS[kind], items, ms: run.ms ?? Number.NaN, peakRssMb: run.peakRssMb, stats, far: await farStats(far), cpuMs: run.cpuMs, problem };
	console.log(`  far ${RTT} ms, ${result.label}, ${items} items: ${(result.ms / 1000).toFixed(1)} s, ${rate(result)} items/s, ${perRequest(result)} connections a request${problem ? `, ${problem}` : ''}`);
	return result;
}

/** A raw client with IN_FLIGHT requests out: one kept-open agent, or a new agent for each request. */
async function measureRawFar(sandbox: Sandbox, far: Far, kind: 'kept' | 'fresh', items: number): Promise<FarMeasurement> {
	await admin(sandbox, 'reset', { latencyMs: 0, recordRequests: false });
	await farStats(far, true);
	const kept = new https.Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY, secureContext: far.secureContext });
	const { ms, cpuMs } = await rawContacts(far.url, sandbox.apiKey, items, IN_FLIGHT, () => ({
		httpsAgent: kind === 'kept' ? kept : new https.Agent({ secureContext: far.secureContext }),
	}));
	kept.destroy();
	const stats = await admin(sandbox, 'stats');
	const result = { label: LABELS[kind], items, ms, stats, far: await farStats(far), cpuMs };
	console.log(`  far ${RTT} ms, ${result.label}, ${items} items: ${(ms / 1000).toFixed(1)} s, ${rate(result)} items/s, ${perRequest(result)} connections a request`);
	return result;
}

const rate = (m: Measurement) => ((m.items / m.ms) * 1000).toFixed(0);
const perRequest = (m: FarMeasurement) => (m.far.connections / Math.max(1, m.stats.apiRequests)).toFixed(2);

/** The runs of each kind, BENCH_REPEAT rounds of all kinds in turn; the median run of each and the range. */
async function rounds(
	kinds: Kind[],
	measure: (kind: Kind) => Promise<FarMeasurement>,
): Promise<{ medians: Map<Kind, FarMeasurement>; runs: Map<Kind, FarMeasurement[]> }> {
	const runs = new Map<Kind, FarMeasurement[]>(kinds.map((kind) => [kind, []]));
	for (let round = 0; round < REPEAT; round++) {
		for (const kind of kinds) runs.get(kind)!.push(await measure(kind));
	}
	const medians = new Map<Kind, FarMeasurement>();
	for (const [kind, inOrder] of runs) {
		const list = [...inOrder].sort((a, b) => a.items / a.ms - b.items / b.ms);
		const middle = list[Math.floor((list.length - 1) / 2)];
		const failed = list.find((m) => m.problem !== undefined);
		medians.set(kind, {
			...middle,
			problem: failed?.problem,
			range: list.length > 1 ? `${rate(list[0])}–${rate(list[list.length - 1])}` : undefined,
		});
	}
	return { medians, runs };
}

export async function farBench(n8n: N8nInstance, sandbox: Sandbox, far: Far): Promise<void> {
	console.log(`\nFar HTTPS API: ${RTT} ms round trip (${RTT / 2} ms each way), one more for each new connection's TCP handshake, TLS 1.3 with an ECDSA P-256 certificate`);
	const header = ['Client', 'Items', 'Items/s (range)', 'Seconds', 'Connections', 'Per request', 'Requests', 'Peak open', 'Client CPU s', 'Created once'];
	const rows: string[][] = [];
	const goals: string[] = [];
	for (const items of SIZES) {
		const kinds: Kind[] = ['kept', 'fresh', 'ours', 'keep', 'http'];
		const { medians: m, runs } = await rounds(kinds, (kind) =>
			kind === 'kept' || kind === 'fresh' ? measureRawFar(sandbox, far, kind, items) : measureN8nFar(n8n, sandbox, far, kind, items),
		);
		for (const kind of kinds) rows.push(row(m.get(kind)!));
		const ratio = (a: Kind, b: Kind) => Number(rate(m.get(a)!)) / Number(rate(m.get(b)!));
		// The machine's noise moves whole rounds, so the ratio within each round says more than the ratio of medians.
		const perRound = (a: Kind, b: Kind) =>
			runs.get(a)!.map((run, round) => Number(rate(run)) / Number(rate(runs.get(b)![round]))).sort((x, y) => x - y);
		const percent = (value: number) => `${(value * 100).toFixed(0)}%`;
		const goal = (what: string, a: Kind, b: Kind, wanted: number) => {
			const got = ratio(a, b);
			const within = perRound(a, b);
			goals.push(
				`  ${items} contacts: ${what} ${rate(m.get(a)!)} items/s = ${percent(got)} of ${LABELS[b]} (${rate(m.get(b)!)}); ` +
					`within each round ${within.map(percent).join(', ')}; goal ≥ ${percent(wanted)}: ${got >= wanted ? 'met' : 'NOT met'}`,
			);
		};
		goal('kept open', 'keep', 'kept', 0.75);
		goal('default', 'ours', 'fresh', 0.9);
		goals.push(`  ${items} contacts: this node ${ratio('ours', 'http').toFixed(2)}× the HTTP Request node by default, ${ratio('keep', 'http').toFixed(2)}× with connections kept open`);
	}
	console.log(`\nFar HTTPS, ${RTT} ms round trip, medians of ${REPEAT} runs (range); raw clients at ${IN_FLIGHT} in flight; client CPU: the raw client's, or the whole n8n process's (start-up included)`);
	printTable(header, rows);
	console.log(`\nFar HTTPS goals:\n${goals.join('\n')}`);
	const troubleRows: string[][] = [];
	for (const kind of TROUBLE ? (['ours', 'keep'] as const) : []) {
		for (const { items, label, trouble } of TROUBLE_RUNS) {
			const m = await measureN8nFar(n8n, sandbox, far, kind, items, trouble);
			troubleRows.push(row({ ...m, label: `${m.label}, ${label}` }));
		}
	}
	if (troubleRows.length > 0) printTable(header, troubleRows);
	const failures = [...rows, ...troubleRows].filter((cells) => cells[cells.length - 1] !== 'yes');
	const scope = TROUBLE ? ', the outage and degraded runs included, on both paths' : '';
	console.log(`  every contact created once${scope}: ${failures.length === 0 ? 'met' : `NOT met (${failures.map((cells) => cells[0]).join('; ')})`}`);
	if (CPU) await helperCpu(sandbox, far);
}

function row(m: FarMeasurement): string[] {
	return [
		m.label,
		String(m.items),
		`${rate(m)}${m.range ? ` (${m.range})` : ''}`,
		(m.ms / 1000).toFixed(1),
		String(m.far.connections),
		perRequest(m),
		String(m.stats.apiRequests),
		String(m.far.peakOpen),
		(m.cpuMs / 1000).toFixed(1),
		m.problem ?? 'yes',
	];
}

/**
 * Item 3: client CPU per request on n8n's request helper path over HTTPS, with what the
 * helper's options let a node set (agentOptions on 2.x), against Node's https alone.
 */
async function helperCpu(sandbox: Sandbox, far: Far): Promise<void> {
	const lines = await Promise.all(N8N_VERSIONS.map(async (version) => ({ version, ...(await ensureN8n(version)) })));
	const node = lines[0].node;
	const newest = lines[lines.length - 1].dir;
	const agentOption: Record<string, string> = { session: 'agentOptions.session', keepalive: 'agentOptions.keepAlive', x25519: "agentOptions.ecdhCurve 'X25519'" };
	const variants = [
		...lines.flatMap(({ dir, version }) =>
			// n8n 1.x drops agentOptions on this path: one such run shows it.
			(version.startsWith('1.') ? ['helper', 'helper-session'] : ['helper', 'helper-session', 'helper-keepalive', 'helper-x25519']).map((variant) => {
				const option = agentOption[variant.replace('helper-', '')];
				return { dir, variant, label: `n8n ${version} helper${option ? `, ${option}${version.startsWith('1.') ? ' (dropped by 1.x)' : ''}` : ''}` };
			}),
		),
		{ dir: newest, variant: 'https-new', label: "Node's https, a new agent each" },
		{ dir: newest, variant: 'https-kept', label: "Node's https, one kept-open agent" },
	];
	const runs = new Map<string, Array<{ cpuMs: number; ms: number; far: ProxyStats; failed: number }>>();
	let first = 919500000000;
	for (let round = 0; round < REPEAT; round++) {
		for (const { dir, variant, label } of variants) {
			await admin(sandbox, 'reset', { latencyMs: 0, recordRequests: false });
			await farStats(far, true);
			const output = await new Promise<string>((resolve, reject) => {
				const child = spawn(node, [path.join(ROOT, 'scripts', 'lib', 'helper-cpu.cjs'), dir, variant, far.url, sandbox.apiKey, String(CPU_REQUESTS), String(IN_FLIGHT), String(first), JSON.stringify(contactBody(0))], {
					env: { ...process.env, NODE_EXTRA_CA_CERTS: far.certFile, NODE_NO_WARNINGS: '1' },
					stdio: ['ignore', 'pipe', 'inherit'],
				});
				let text = '';
				child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
				child.on('close', (code) => (code === 0 ? resolve(text) : reject(new Error(`helper-cpu.cjs ${variant} exited with ${code}`))));
			});
			first += CPU_REQUESTS;
			const result = { ...(JSON.parse(output) as { cpuMs: number; ms: number; failed: number }), far: await farStats(far) };
			runs.set(label, [...(runs.get(label) ?? []), result]);
			console.log(`  ${label}: ${(result.cpuMs / CPU_REQUESTS).toFixed(2)} ms CPU a request, ${((CPU_REQUESTS / result.ms) * 1000).toFixed(0)} requests/s`);
		}
	}
	const rows = [...runs].map(([label, list]) => {
		const perRequestCpu = list.map((r) => r.cpuMs / CPU_REQUESTS).sort((a, b) => a - b);
		const middle = list.find((r) => r.cpuMs / CPU_REQUESTS === perRequestCpu[Math.floor((perRequestCpu.length - 1) / 2)])!;
		return [
			label,
			`${perRequestCpu[Math.floor((perRequestCpu.length - 1) / 2)].toFixed(2)} (${perRequestCpu[0].toFixed(2)}–${perRequestCpu[perRequestCpu.length - 1].toFixed(2)})`,
			((CPU_REQUESTS / middle.ms) * 1000).toFixed(0),
			String(middle.far.connections),
			String(middle.far.resumedHandshakes),
			String(middle.far.peakOpen),
			String(list.reduce((sum, r) => sum + r.failed, 0)),
		];
	});
	console.log(`\nClient CPU per request over far HTTPS (${CPU_REQUESTS} requests, ${IN_FLIGHT} in flight, n8n's Node; median of ${REPEAT} and range)`);
	printTable(['Client', 'CPU ms a request', 'Requests/s', 'Connections', 'TLS resumed', 'Peak open', 'Failed'], rows);
}
