import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeParameters, INodeType } from 'n8n-workflow';

import { helperGuardsLoopback } from '../../nodes/Rampwin/transport/guards';
import type { RampwinServer, RecordedRequest } from '../../sandbox/rampwin-server';
import { itemsSource, registerNodeType, runWorkflow } from './n8n';
import { runRampwin, type RampwinRunOptions, type RampwinRunResult } from './rampwin-workflow';

/**
 * Runs the same workflow twice against the sandbox, through n8n's request helper and with
 * Keep Connections Open, resetting the server before each, for tests that hold the two paths
 * to the same requests, outputs and errors.
 */
export interface PathRun {
	result: RampwinRunResult;
	requests: RecordedRequest[];
	/** Attempts per contact, message or upload (the server's count). */
	attempts: Map<string, number>;
	/** Connections the server saw opened during the run. */
	opened: number;
}

// A valid Indian mobile range: numbers are checked against numbering plans, and +91 0… is none.
const BASE_PHONE = 919000000000;

/** Contacts to import, with numbers from BASE_PHONE up. */
export function contacts(count: number): IDataObject[] {
	return Array.from({ length: count }, (_, index) => ({ phone: BASE_PHONE + index, name: `Contact ${index}` }));
}

export type RunSpec = Omit<RampwinRunOptions, 'server'> & { before?: (server: RampwinServer) => void };

export async function runPath(server: RampwinServer, keepOpen: boolean, spec: RunSpec): Promise<PathRun> {
	server.reset();
	spec.before?.(server);
	const parameters: INodeParameters = spec.parameters ?? {};
	const options = { ...((parameters.options as IDataObject | undefined) ?? {}), keepConnectionsOpen: keepOpen };
	const result = await runRampwin({ ...spec, server, parameters: { ...parameters, options } });
	return { result, requests: [...server.requests], attempts: new Map(server.attempts), opened: server.sockets.opened };
}

export async function bothPaths(server: RampwinServer, spec: RunSpec): Promise<{ helper: PathRun; keptOpen: PathRun }> {
	const helper = await runPath(server, false, spec);
	const keptOpen = await runPath(server, true, spec);
	return { helper, keptOpen };
}

/** An output item without what differs from run to run: the ids and URLs the server made up. */
export function comparable(items: INodeExecutionData[]): unknown[] {
	return items.map(({ json, pairedItem }) => ({ pairedItem, json: JSON.parse(JSON.stringify(json).replace(/"(_id|url|file_url)":"[^"]*"/g, '"$1":"…"')) as unknown }));
}

/**
 * A request as it reaches Rampwin, for comparing the two paths: the headers that carry
 * meaning, and the body with a multipart boundary (random per request) named alike.
 */
export function wire(request: RecordedRequest): IDataObject {
	const type = String(request.headers['content-type'] ?? '');
	const boundary = /boundary=(.+)$/.exec(type)?.[1];
	// The sandbox names each upload anew; a message then sends that name.
	const same = (text: string) => (boundary === undefined ? text : text.split(boundary).join('<boundary>')).replace(/\/uploads\/[0-9a-f]+\//g, '/uploads/…/');
	return {
		method: request.method,
		path: request.path,
		query: request.query,
		accept: request.headers.accept ?? null,
		userAgent: request.headers['user-agent'] ?? null,
		contentType: same(type),
		contentLength: request.headers['content-length'] ?? null,
		apiKey: request.headers['x-api-key'] ?? null,
		body: same(request.bytes.toString('latin1')),
	};
}

/** The run as JSON, errors with their messages and stacks, to look for the key in. */
export function serialise(value: unknown): string {
	return JSON.stringify(value, (_key, inner: unknown) =>
		inner instanceof Error ? { ...inner, message: inner.message, stack: inner.stack } : inner,
	);
}

/** Resolves once `condition` holds, checking every 50 ms; false if it still fails after `ms`. */
export async function eventually(condition: () => boolean, ms: number): Promise<boolean> {
	for (const until = Date.now() + ms; !condition(); ) {
		if (Date.now() > until) return false;
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
	return true;
}

const guardProbe: INodeType = {
	description: {
		displayName: 'Guard Probe',
		name: 'guardProbe',
		group: ['transform'],
		version: 1,
		description: "Outputs whether n8n's helper stops a request to loopback before connecting",
		defaults: {},
		inputs: ['main'],
		outputs: ['main'],
		properties: [],
	},
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [[{ json: { guarded: await helperGuardsLoopback(this) } }]];
	},
};
registerNodeType('test.guardProbe', guardProbe);

/** Keep Connections Open's check for SSRF rules where n8n has no egress filter, run in n8n's engine. */
export async function helperGuardsLoopbackInN8n(): Promise<unknown> {
	const run = await runWorkflow({
		nodes: [itemsSource([{}]), { id: 'probe', name: 'Probe', type: 'test.guardProbe', typeVersion: 1, position: [200, 0], parameters: {} }],
		connections: { Items: { main: [[{ node: 'Probe', type: 'main', index: 0 }]] } },
		credentials: {},
	});
	return run.data.resultData.runData.Probe?.[0]?.data?.main?.[0]?.[0]?.json.guarded;
}
