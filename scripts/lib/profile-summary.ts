// Sums a V8 CPU profile (node --cpu-prof) by who spent the time: this node's code, n8n's
// expression and workflow code, n8n-core, the HTTP stack, Node's own internals, the garbage
// collector, and idle. Self time only, so each sample counts once.
import { readFileSync } from 'node:fs';

interface ProfileNode {
	id: number;
	callFrame: { functionName: string; url: string; lineNumber: number };
	children?: number[];
}

interface Profile {
	nodes: ProfileNode[];
	startTime: number;
	endTime: number;
	samples: number[];
	timeDeltas: number[];
}

const GROUPS: Array<[string, (url: string, name: string) => boolean]> = [
	['idle', (_url, name) => name === '(idle)'],
	['garbage collector', (_url, name) => name === '(garbage collector)'],
	['Rampwin node', (url) => url.includes('/n8n-nodes-rampwin/dist/')],
	['n8n-workflow (expressions, parameters)', (url) => url.includes('/n8n-workflow/')],
	['n8n-core', (url) => url.includes('/n8n-core/')],
	['HTTP client (axios, @n8n/backend-network, follow-redirects)', (url) => /\/(axios|@n8n\/backend-network|follow-redirects|form-data|proxy-from-env)\//.test(url)],
	['other n8n packages', (url) => url.includes('/@n8n/') || url.includes('/n8n/dist/')],
	['other packages', (url) => url.includes('/node_modules/')],
	['Node internals (net, http, streams, timers)', (url) => url.startsWith('node:')],
	['V8 and native', () => true],
];

export interface ProfileSummary {
	totalMs: number;
	groups: Array<{ group: string; ms: number }>;
	top: Array<{ name: string; ms: number }>;
	/** The node's own functions, most expensive first. */
	ours: Array<{ name: string; ms: number }>;
}

/** A frame of the node's run (not of n8n loading the package at start-up). */
const RUNNING = (frame: ProfileNode['callFrame']) =>
	frame.url.includes('n8n-nodes-rampwin') && ['runPool', 'deliver', 'attempt', 'send', 'runItems'].includes(frame.functionName);

/**
 * Sums the samples between the first and the last one taken inside the node's run, so
 * n8n's start-up and shutdown stay out of the figures.
 */
export function summariseProfile(file: string): ProfileSummary {
	const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
	const byId = new Map(profile.nodes.map((node) => [node.id, node]));
	const parent = new Map<number, number>();
	for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
	const inside = (id: number): boolean => {
		for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
			const frame = byId.get(at)?.callFrame;
			if (frame && RUNNING(frame)) return true;
		}
		return false;
	};
	const first = profile.samples.findIndex(inside);
	let last = profile.samples.length - 1;
	while (last > first && !inside(profile.samples[last])) last--;
	const selfUs = new Map<number, number>();
	let windowUs = 0;
	for (let i = Math.max(0, first); i <= last; i++) {
		const us = profile.timeDeltas[i] ?? 0;
		windowUs += us;
		selfUs.set(profile.samples[i], (selfUs.get(profile.samples[i]) ?? 0) + us);
	}
	const groups = new Map<string, number>();
	const functions = new Map<string, number>();
	for (const [id, us] of selfUs) {
		const frame = byId.get(id)?.callFrame;
		if (!frame) continue;
		const group = GROUPS.find(([, test]) => test(frame.url, frame.functionName))?.[0] ?? 'V8 and native';
		groups.set(group, (groups.get(group) ?? 0) + us);
		const short = frame.url.replace(/^.*node_modules\/(?!.*node_modules\/)/, '').replace(/^file:\/\//, '');
		const key = `${frame.functionName || '(anonymous)'} ${short}:${frame.lineNumber + 1}`;
		functions.set(key, (functions.get(key) ?? 0) + us);
	}
	const ms = (us: number) => Math.round(us / 100) / 10;
	return {
		totalMs: ms(windowUs),
		groups: GROUPS.map(([group]) => ({ group, ms: ms(groups.get(group) ?? 0) })).filter((g) => g.ms > 0),
		top: [...functions]
			.filter(([name]) => !name.startsWith('(idle)'))
			.sort((a, b) => b[1] - a[1])
			.slice(0, 25)
			.map(([name, us]) => ({ name, ms: ms(us) })),
		ours: [...functions]
			.filter(([name]) => name.includes('n8n-nodes-rampwin/dist/'))
			.sort((a, b) => b[1] - a[1])
			.slice(0, 15)
			.map(([name, us]) => ({ name: name.replace('n8n-nodes-rampwin/dist/', ''), ms: ms(us) })),
	};
}

if (require.main === module) {
	const summary = summariseProfile(process.argv[2]);
	console.log(`${summary.totalMs} ms from the node's first to its last sample`);
	for (const { group, ms } of summary.groups) console.log(`${String(ms).padStart(9)} ms  ${group}`);
	console.log('\nTop functions (self time):');
	for (const { name, ms } of summary.top) console.log(`${String(ms).padStart(9)} ms  ${name}`);
	console.log('\nThe node’s own functions (self time):');
	for (const { name, ms } of summary.ours) console.log(`${String(ms).padStart(9)} ms  ${name}`);
}
