// npm run bench: creates contacts in bulk against the loopback Rampwin server with added
// latency, three ways in one run, and prints items per second, ratios and memory:
//   (a) a raw axios client at the concurrency our node reached (the ceiling), keeping its
//       connections open, and again with a new connection per request as n8n's helper makes,
//   (b) this node in real n8n 2.41.1,
//   (c) n8n's HTTP Request node doing the same job in the same n8n.
// Settings (environment): BENCH_ITEMS ("2000,5000": one table per size),
// BENCH_LATENCIES ("0,20,150"), BENCH_REPEAT (3: runs of (b) and (c) per case; the median
// is shown), BENCH_GROWTH ("1000,10000", ours only, at 20 ms; "" to skip),
// BENCH_MAX_CONCURRENCY (the node's Max Concurrent Requests; unset: its default, 128),
// BENCH_TRACE ("150": latencies at which the first run of the first size is traced, see
// scripts/lib/trace-hook.cjs; the plot goes to docs/adaptive-limit-<latency>ms.svg; "" to skip),
// BENCH_OTHERS ("1": also the raw client and the HTTP Request node; "" for this node alone, for quick A/Bs),
// BENCH_TROUBLE ("1": also the outage and degraded-API runs, below; "" to skip),
// BENCH_VALIDATE ("10000": that many contacts with Validate Only, which sends nothing; "" to skip),
// BENCH_ONLY ("validate": only the Validate Only run; "storm": only the reply storm, scripts/lib/storm.ts;
// "far": only the far HTTPS API, scripts/lib/far.ts), BENCH_FAR ("1": the far HTTPS cases after the
// loopback ones; "" to skip), BENCH_FAR_RTT (150 ms), BENCH_FAR_CPU ("1": client CPU per request on
// n8n's request helper path; "" to skip), BENCH_PACKAGE (a packed tarball to install instead of
// packing this checkout, for before/after runs with the same bench).
// Trouble runs, with the node's default settings, at 20 ms:
//   outage    2,000 contacts; after 400 requests every request fails for 20 s (503, reset
//             and HTML 502 in turn), as a deploy or fail-over would;
//   degraded  300 contacts against an API failing about 30% of requests (503 on every 7th,
//             429 with Retry-After: 1 on every 11th, a reset on every 13th).
import http from 'node:http';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import {
	admin,
	CAP,
	DEFAULT_CAP,
	executeTimed,
	HEADER_CREDENTIAL,
	httpRequestWorkflow,
	median,
	numbers,
	oursWorkflow,
	printTable,
	rawContacts,
	RAMPWIN_CREDENTIAL,
	rate,
	REPEAT,
	SIZES,
	startSandbox,
	TROUBLE,
	TROUBLE_RUNS,
	workflowIdOf,
	type Measurement,
	type Sandbox,
} from './lib/bench-kit';
import { farBench, farCredentials, farWorkflows, startFar } from './lib/far';
import { DEMO_N8N_VERSION, N8nInstance, packPackage, ROOT } from './lib/n8n';
import { stormBench } from './lib/storm';
import { traceSummary, traceSvg, type Trace } from './lib/trace-plot';

const LATENCIES = numbers(process.env.BENCH_LATENCIES ?? '0,20,150');
const GROWTH = numbers(process.env.BENCH_GROWTH ?? '1000,10000');
const TRACE = numbers(process.env.BENCH_TRACE ?? '150');
/** Where the 20 ms runs happen: the trouble, growth and retry runs use it. */
const BASE_LATENCY = 20;
/** Whether each n8n run also writes a V8 CPU profile to .cache/profiles/ (scripts/lib/profile-summary.ts sums one up). */
const PROFILE = process.env.BENCH_PROFILE === '1';
const OTHERS = (process.env.BENCH_OTHERS ?? '1') !== '';
const VALIDATE = Number(process.env.BENCH_VALIDATE ?? 10_000);
const ONLY_VALIDATE = process.env.BENCH_ONLY === 'validate';
const ONLY_FAR = process.env.BENCH_ONLY === 'far';
const FAR = (process.env.BENCH_FAR ?? '1') !== '';

/**
 * The throughput goals: at 150 ms, 75% of what the cap allows or of the rate at 0 ms,
 * whichever is lower; at 20 ms, 5× n8n's HTTP Request node.
 */
function goalLines(items: number, rates: Map<number, { ours: number; http: number }>): string[] {
	const cap = CAP ?? DEFAULT_CAP;
	const lines: string[] = [];
	const atZero = rates.get(0)?.ours;
	for (const [latency, { ours, http }] of rates) {
		if (latency === 0) continue;
		if (atZero !== undefined) {
			const ceiling = Math.min((cap / latency) * 1000, atZero);
			lines.push(
				`  ${items} items, ${latency} ms: ${ours.toFixed(0)} items/s = ${((ours / ceiling) * 100).toFixed(0)}% of ` +
					`min(${cap} / ${latency} ms = ${((cap / latency) * 1000).toFixed(0)}, ${atZero.toFixed(0)} at 0 ms) (goal at 150 ms: 75%)`,
			);
		}
		if (!Number.isNaN(http)) lines.push(`  ${items} items, ${latency} ms: ${(ours / http).toFixed(2)}× the HTTP Request node (goal at 20 ms: 5×)`);
	}
	return lines;
}

async function main(): Promise<void> {
	if (process.env.BENCH_ONLY === 'storm') return await stormBench();
	console.log(`Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version} (n8n runs on Node 24)`);
	console.log(`Items per run: ${SIZES.join(', ')}; latencies: ${ONLY_FAR ? 'far HTTPS only' : `${LATENCIES.join(', ')} ms`}; median of ${REPEAT} runs\n`);
	const tarball = process.env.BENCH_PACKAGE ?? (await packPackage());
	if (process.env.BENCH_PACKAGE) console.log(`Package: ${tarball}`);
	const sandbox = await startSandbox();
	const far = ONLY_FAR || (FAR && !process.env.BENCH_ONLY) ? await startFar(sandbox) : undefined;
	const n8n = await N8nInstance.create(DEMO_N8N_VERSION);
	try {
		await n8n.installPackage(tarball);
		await n8n.importCredentials([
			{ ...RAMPWIN_CREDENTIAL, type: 'rampwinApi', data: { apiKey: sandbox.apiKey, baseUrl: sandbox.baseUrl } },
			{ ...HEADER_CREDENTIAL, type: 'httpHeaderAuth', data: { name: 'x-api-key', value: sandbox.apiKey } },
			...(far ? farCredentials(sandbox, far) : []),
		]);
		const sizes = [...new Set([...SIZES, ...GROWTH, ...(TROUBLE ? TROUBLE_RUNS.map((run) => run.items) : [])])];
		await n8n.importWorkflows([
			...(ONLY_FAR ? [] : sizes.flatMap((size) => [oursWorkflow(`ours-${size}`, size), httpRequestWorkflow(`http-${size}`, size, sandbox.baseUrl)])),
			...(VALIDATE > 0 && !ONLY_FAR ? [oursWorkflow(`check-${VALIDATE}`, VALIDATE, { validateOnly: true })] : []),
			...(far ? farWorkflows(far) : []),
		]);
		if (ONLY_FAR && far) return await farBench(n8n, sandbox, far);

		// Validate Only: the node reads and checks every item and sends nothing. Its time is the
		// node's own execution time in n8n; the target is 10,000 items in under 5 s.
		if (VALIDATE > 0) {
			const m = await measureN8n(n8n, sandbox, `check-${VALIDATE}`, 'Rampwin node', 0, VALIDATE, undefined, undefined, true);
			console.log(
				`Validate Only, Rampwin node: ${VALIDATE} items in ${(m.ms / 1000).toFixed(2)} s of node time ` +
					`(${((VALIDATE / m.ms) * 1000).toFixed(0)} items/s), ${m.stats.apiRequests} requests to Rampwin, peak RSS ${m.peakRssMb} MB\n`,
			);
		}
		if (ONLY_VALIDATE) return;

		const rows: string[][] = [];
		const goals: string[] = [];
		for (const items of SIZES) {
			const rates = new Map<number, { ours: number; http: number }>();
			for (const latency of LATENCIES) {
				const trace = TRACE.includes(latency) && items === SIZES[0] ? latency : undefined;
				const ours = await median(REPEAT, (run) =>
					measureN8n(n8n, sandbox, `ours-${items}`, 'Rampwin node', latency, items, undefined, undefined, false, run === 0 ? trace : undefined),
				);
				if (!OTHERS) {
					rows.push([`${latency} ms`, ours.label, String(items), (ours.ms / 1000).toFixed(1), `${rate(ours).toFixed(0)}${ours.range ? ` (${ours.range})` : ''}`, `${ours.stats.meanInFlight.toFixed(1)} / ${ours.stats.peakInFlight}`, String(ours.peakRssMb), String(ours.stats.apiRequests), ours.stats.contacts === items ? 'yes' : `${ours.stats.contacts} of ${items}`, '']);
					rates.set(latency, { ours: rate(ours), http: Number.NaN });
					continue;
				}
				// Two ceilings: a raw client holding as many requests in flight as our node did at
				// its peak, and as many as it held on average.
				const atPeak = await measureAxios(sandbox, latency, items, Math.max(1, ours.stats.peakInFlight));
				const atMean = await measureAxios(sandbox, latency, items, Math.max(1, Math.round(ours.stats.meanInFlight)));
				// The same peak with a new connection per request, as n8n's request helper makes them.
				const atPeakFresh = await measureAxios(sandbox, latency, items, Math.max(1, ours.stats.peakInFlight), true);
				const http = await median(REPEAT, () => measureN8n(n8n, sandbox, `http-${items}`, 'HTTP Request node', latency, items));
				rates.set(latency, { ours: rate(ours), http: rate(http) });
				const versus = (ceiling: Measurement) => `${(rate(ours) / rate(ceiling)).toFixed(2)}× ${ceiling.label}`;
				for (const m of [atPeak, atPeakFresh, atMean, ours, http]) {
					rows.push([
						`${latency} ms`,
						m.label,
						String(m.items),
						(m.ms / 1000).toFixed(1),
						rate(m).toFixed(0) + (m.range ? ` (${m.range})` : ''),
						`${m.stats.meanInFlight.toFixed(1)} / ${m.stats.peakInFlight}`,
						m.peakRssMb === undefined ? '' : String(m.peakRssMb),
						String(m.stats.apiRequests),
						m.stats.contacts === m.items ? 'yes' : `${m.stats.contacts} of ${m.items}`,
						m === ours
							? `${(rate(ours) / rate(http)).toFixed(2)}× HTTP Request; ${versus(atPeak)}, ${versus(atPeakFresh)}, ${versus(atMean)}`
							: '',
					]);
				}
			}
			goals.push(...goalLines(items, rates));
		}
		if (TROUBLE) {
			const latency = BASE_LATENCY;
			for (const { items, label, trouble } of TROUBLE_RUNS) {
				const m = await measureN8n(n8n, sandbox, `ours-${items}`, 'Rampwin node', latency, items, undefined, trouble);
				rows.push([
					`${latency} ms`,
					`Rampwin node, ${label}`,
					String(items),
					(m.ms / 1000).toFixed(1),
					((items / m.ms) * 1000).toFixed(0),
					`${m.stats.meanInFlight.toFixed(1)} / ${m.stats.peakInFlight}`,
					String(m.peakRssMb),
					String(m.stats.apiRequests),
					m.stats.contacts === items ? 'yes' : `${m.stats.contacts} of ${items}`,
					'outage' in trouble ? `${m.stats.outageRequests} requests during the outage` : `${(m.stats.apiRequests / items).toFixed(2)} requests per contact`,
				]);
			}
		}
		printTable(
			['Latency', 'Client', 'Items', 'Seconds', 'Items/s', 'In flight mean / peak', 'Peak RSS MB', 'Requests', 'Created once', 'Notes'],
			rows,
		);
		if (goals.length > 0) console.log(`\nGoals (medians of ${REPEAT} runs):\n${goals.join('\n')}`);
		if (far) await farBench(n8n, sandbox, far);

		if (GROWTH.length === 2) {
			const [small, large] = GROWTH;
			const latency = BASE_LATENCY;
			const a = await measureN8n(n8n, sandbox, `ours-${small}`, 'Rampwin node', latency, small);
			const b = await measureN8n(n8n, sandbox, `ours-${large}`, 'Rampwin node', latency, large);
			console.log(
				`\nCost growth at ${latency} ms, Rampwin node: ${small} items ${(a.ms / 1000).toFixed(1)} s (peak RSS ${a.peakRssMb} MB), ` +
					`${large} items ${(b.ms / 1000).toFixed(1)} s (peak RSS ${b.peakRssMb} MB): ` +
					`${(b.ms / a.ms).toFixed(2)}× the time for ${large / small}× the items`,
			);
		}

		// Retries keep no more than the item they are for: memory should not grow with them.
		// (The node slows right down on 503s, so this run is kept small.)
		if (GROWTH.length === 0) return;
		const latency = BASE_LATENCY;
		const faultItems = GROWTH[0];
		const faulty = await measureN8n(n8n, sandbox, `ours-${faultItems}`, 'Rampwin node', latency, faultItems, {
			kind: 'status503',
			every: 5,
			times: 2,
		});
		console.log(
			`With 503 twice for every 5th contact at ${latency} ms, Rampwin node: ${faultItems} items ${(faulty.ms / 1000).toFixed(1)} s, ` +
				`${faulty.stats.attempts} requests, peak RSS ${faulty.peakRssMb} MB`,
		);
	} finally {
		n8n.remove();
		far?.stop();
		sandbox.process.kill('SIGTERM');
	}
}

async function measureN8n(
	n8n: N8nInstance,
	sandbox: Sandbox,
	id: string,
	label: string,
	latency: number,
	items: number,
	fault?: object,
	trouble?: object,
	/** Validate Only: nothing may reach Rampwin. */
	validateOnly = false,
	/** The latency whose trace this run records (scripts/lib/trace-hook.cjs), if any. */
	traceLatency?: number,
): Promise<Measurement> {
	const traceFile = traceLatency === undefined ? undefined : path.join(ROOT, '.cache', `trace-${items}-${traceLatency}ms.json`);
	if (traceFile) {
		mkdirSync(path.dirname(traceFile), { recursive: true });
		rmSync(traceFile, { force: true });
	}
	await admin(sandbox, 'reset', { latencyMs: latency, recordRequests: false, fault, trouble });
	const nodeOptions = [
		...(traceFile ? [`--require ${path.join(ROOT, 'scripts', 'lib', 'trace-hook.cjs')}`] : []),
		...(PROFILE && !validateOnly ? [`--cpu-prof --cpu-prof-dir=${path.join(ROOT, '.cache', 'profiles', `${id}-${latency}ms`)}`] : []),
	];
	const traceEnv: Record<string, string> = {
		...(nodeOptions.length > 0 ? { NODE_OPTIONS: nodeOptions.join(' ') } : {}),
		...(traceFile ? { RAMPWIN_TRACE_FILE: traceFile } : {}),
	};
	const { ms, peakRssMb, error } = await executeTimed(n8n, workflowIdOf(id), label, traceEnv);
	const stats = await admin(sandbox, 'stats');
	// Rampwin refuses a second copy, so every contact stored means every contact created once.
	if (ms === undefined || (validateOnly ? stats.apiRequests !== 0 : trouble === undefined && stats.contacts !== items)) {
		const what = validateOnly ? `with Validate Only sent ${stats.apiRequests} requests` : `did not create ${items} contacts (server holds ${stats.contacts})`;
		throw new Error(`${label} ${what}: ${JSON.stringify(error ?? {}).slice(0, 500)}`);
	}
	const result = { label, items, ms, peakRssMb, stats };
	console.log(`  ${latency} ms, ${label}, ${items} items: ${(result.ms / 1000).toFixed(1)} s, ${rate(result).toFixed(0)} items/s`);
	if (traceFile) writeTrace(traceFile, items, latency);
	return result;
}

/** Prints what the trace of one run says and draws it into docs/. */
function writeTrace(traceFile: string, items: number, latency: number): void {
	if (!existsSync(traceFile)) throw new Error(`The trace hook wrote nothing to ${traceFile}`);
	const trace = JSON.parse(readFileSync(traceFile, 'utf8')) as Trace;
	const svg = path.join(ROOT, 'docs', `adaptive-limit-${latency}ms.svg`);
	writeFileSync(svg, traceSvg(trace, `Rampwin node, ${items} contacts at ${latency} ms: the adaptive limit over time`));
	console.log(`    trace: ${traceSummary(trace)}\n    plot: ${path.relative(ROOT, svg)}, samples: ${path.relative(ROOT, traceFile)}`);
}

/**
 * The raw client: axios with `concurrency` requests in flight. By default it keeps its
 * connections open; `fresh` gives every request a new agent, and so a new connection, as
 * n8n's request helper does.
 */
async function measureAxios(sandbox: Sandbox, latency: number, items: number, concurrency: number, fresh = false): Promise<Measurement> {
	await admin(sandbox, 'reset', { latencyMs: latency, recordRequests: false });
	const { ms } = await rawContacts(sandbox.baseUrl, sandbox.apiKey, items, concurrency, () => (fresh ? { httpAgent: new http.Agent() } : {}));
	const result = { label: `axios ×${concurrency}${fresh ? ', new connection each' : ''}`, items, ms, stats: await admin(sandbox, 'stats') };
	console.log(`  ${latency} ms, ${result.label}, ${items} items: ${(result.ms / 1000).toFixed(1)} s`);
	return result;
}
main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
