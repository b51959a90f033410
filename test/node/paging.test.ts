import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { IDataObject, IExecuteFunctions, INodeType } from 'n8n-workflow';

import type { Operation } from '../../nodes/Rampwin/actions/operation';
import { runItems } from '../../nodes/Rampwin/actions/router';
import { DEFAULT_OPTIONS } from '../../nodes/Rampwin/actions/options';
import type { RampwinRequest } from '../../nodes/Rampwin/transport';
import { itemsSource, registerNodeType, runWorkflow } from '../harness/n8n';

// No operation pages yet. This one, which only this test has, lists a made-up collection
// from a loopback server whose answer shape (`data.entries`, `data.has_more`) is invented
// here and nowhere else; it shows the transport follows pages under its usual rules and the
// item loop turns one item's list answer into several output items, each paired to it.
const KEY = 'paging-key';
const PAGE_SIZE = 3;
const TOTAL = 8;

interface Seen {
	page: number;
	apiKey: string | undefined;
}

let server: Server;
let baseUrl: string;
const seen: Seen[] = [];
/** Pages that answer 503 once before they answer. */
const flaky = new Set<number>();

function answer(req: IncomingMessage, res: ServerResponse): void {
	const url = new URL(req.url ?? '/', 'http://127.0.0.1');
	const page = Number(url.searchParams.get('page'));
	const list = url.searchParams.get('list') ?? '';
	seen.push({ page, apiKey: req.headers['x-api-key'] as string | undefined });
	res.setHeader('content-type', 'application/json');
	if (flaky.delete(page)) {
		res.statusCode = 503;
		res.end(JSON.stringify({ success: false, message: 'try again' }));
		return;
	}
	const entries = Array.from({ length: TOTAL }, (_, i) => ({ id: `${list}-${i + 1}` })).slice(
		(page - 1) * PAGE_SIZE,
		page * PAGE_SIZE,
	);
	res.end(JSON.stringify({ success: true, data: { entries, has_more: page * PAGE_SIZE < TOTAL } }));
}

function pageRequest(list: string, page: number, limit: number): RampwinRequest {
	return {
		method: 'GET',
		path: '/api/test-list',
		qs: { list, page },
		safety: 'idempotent',
		refused: { subject: 'the list', badRequestHint: '' },
		nextPage: (body, pages) => {
			const data = (body as { data: { has_more: boolean } }).data;
			return data.has_more && pages * PAGE_SIZE < limit ? pageRequest(list, pages + 1, limit) : undefined;
		},
	};
}

const listOperation: Operation = {
	option: { name: 'List', description: 'List the entries', action: 'List entries' },
	build(this: IExecuteFunctions, itemIndex) {
		const json = this.getInputData()[itemIndex].json;
		return pageRequest(String(json.list), 1, Number(json.limit ?? Infinity));
	},
	output(result, _request, itemIndex) {
		if (result.outcome !== 'ok') throw new Error('not ok');
		const limit = Number(this.getInputData()[itemIndex].json.limit ?? Infinity);
		const entries = (result.pages ?? [result.body]).flatMap(
			(page) => (page as { data: { entries: IDataObject[] } }).data.entries,
		);
		return entries.slice(0, limit);
	},
	identity: [],
	defaults: { ...DEFAULT_OPTIONS, maxRetries: 2 },
};

const pagingNode: INodeType = {
	description: {
		displayName: 'Paging Test',
		name: 'pagingTest',
		group: ['transform'],
		version: 1,
		description: '',
		defaults: {},
		inputs: ['main'],
		outputs: ['main'],
		credentials: [{ name: 'rampwinApi', required: true }],
		properties: [],
	},
	async execute(this: IExecuteFunctions) {
		return await runItems.call(this, listOperation);
	},
};

async function list(items: IDataObject[]) {
	const run = await runWorkflow({
		nodes: [
			itemsSource(items),
			{
				id: 'paging',
				name: 'Paging',
				type: 'test.pagingTest',
				typeVersion: 1,
				position: [200, 0],
				parameters: {},
				credentials: { rampwinApi: { id: 'cred-1', name: 'Rampwin account' } },
			},
		],
		connections: { Items: { main: [[{ node: 'Paging', type: 'main', index: 0 }]] } },
		credentials: { rampwinApi: { apiKey: KEY, baseUrl } },
	});
	expect(run.data.resultData.error).toBeUndefined();
	return run.data.resultData.runData.Paging[0].data?.main[0] ?? [];
}

beforeAll(async () => {
	registerNodeType('test.pagingTest', pagingNode);
	server = createServer(answer);
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => await new Promise<void>((resolve) => server.close(() => resolve())));

beforeEach(() => {
	seen.length = 0;
	flaky.clear();
});

describe('a request that pages, through n8n-core', () => {
	test('follows every page with the key, and a list answer gives one output item per entry, paired', async () => {
		const output = await list([{ list: 'a' }, { list: 'b' }]);
		expect(output.map((item) => item.json.id)).toEqual([
			...Array.from({ length: TOTAL }, (_, i) => `a-${i + 1}`),
			...Array.from({ length: TOTAL }, (_, i) => `b-${i + 1}`),
		]);
		expect(output.map((item) => item.pairedItem)).toEqual([
			...Array<unknown>(TOTAL).fill({ item: 0 }),
			...Array<unknown>(TOTAL).fill({ item: 1 }),
		]);
		expect(seen.map((request) => request.page).sort()).toEqual([1, 1, 2, 2, 3, 3]);
		expect(seen.every((request) => request.apiKey === KEY)).toBe(true);
	});

	test('stops asking once the next page is not wanted', async () => {
		const output = await list([{ list: 'c', limit: 4 }]);
		expect(output.map((item) => item.json.id)).toEqual(['c-1', 'c-2', 'c-3', 'c-4']);
		expect(seen.map((request) => request.page)).toEqual([1, 2]);
	});

	test('a later page that fails once is retried under the same rules as the first', async () => {
		flaky.add(2);
		const output = await list([{ list: 'd' }]);
		expect(output).toHaveLength(TOTAL);
		expect(seen.map((request) => request.page)).toEqual([1, 2, 2, 3]);
	});
});
