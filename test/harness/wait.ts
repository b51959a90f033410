import { Container } from '@n8n/di';
import { ExecutionLifecycleHooks, InstanceSettings, WebhookContext, WorkflowExecute } from 'n8n-core';
import type {
	IDataObject,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	IRun,
	IRunExecutionData,
	IWebhookData,
	IWebhookDescription,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { createRunExecutionData, deepCopy, Workflow } from 'n8n-workflow';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { RampwinServer } from '../../sandbox/rampwin-server';
import { itemsSource, loadPackage, makeAdditionalData, N8N_LINE, RAMPWIN_TYPE } from './n8n';

const NODE_ID = 'd2b3c4e5-0000-4000-8000-00000000a11';
let executions = 0;

/** What a person's browser (or a link preview) gets back from a link. */
export interface Page {
	status: number;
	headers: Record<string, string>;
	body: string;
	/** The run that this request resumed, when it resumed one. */
	resumed: IRun | undefined;
}

type Status = 'waiting' | 'running' | 'success' | 'error';

/**
 * A Send and Wait run in n8n-core's engine, and the part of n8n's CLI that a link reaches
 * (WaitingWebhooks.executeWebhook, n8n 1.123.81 and 2.41.1): the execution is looked up; a
 * send-and-wait link's signature is checked as that line checks it (1.x: host, path and query,
 * only when the node asked for it; 2.x: path and query); a finished execution gets the "no
 * action required" page; then the node's webhook() runs with the request, and a result with
 * workflowData resumes the run with the node skipped and its output replaced. `timeOut()`
 * resumes it as n8n's WaitTracker does when Limit Wait Time runs out.
 */
export class WaitingRun {
	status: Status = 'running';

	/** The first part of the run, up to the wait. */
	first!: IRun;

	/** Each resumed part of the run that a request to open() started, in order. */
	readonly resumes: IRun[] = [];

	private data!: IRunExecutionData;

	private constructor(
		readonly server: RampwinServer,
		readonly executionId: string,
		private readonly workflow: Workflow,
		private readonly node: INode,
		private readonly nodeType: INodeType,
		private readonly additionalData: IWorkflowExecuteAdditionalData,
	) {}

	static async start(
		server: RampwinServer,
		parameters: INodeParameters,
		items: IDataObject[] = [{ phone: '+91 98765 43210' }],
		settings: Pick<INode, 'continueOnFail' | 'onError'> & Partial<Pick<INode, 'id'>> = {},
	): Promise<WaitingRun> {
		const { nodeTypes, credentialTypes } = await loadPackage();
		const executionId = String(1000 + ++executions);
		const node: INode = {
			id: NODE_ID,
			name: 'Ask',
			type: RAMPWIN_TYPE,
			typeVersion: 1,
			position: [200, 0],
			...settings,
			credentials: { rampwinApi: { id: 'cred-1', name: 'Rampwin account' } },
			parameters: { resource: 'message', operation: 'sendAndWait', integrationId: 'chan-1', phoneNumber: '={{ $json.phone }}', ...parameters },
		};
		const source = itemsSource(items);
		const nodes = [source, node];
		const workflow = new Workflow({
			id: 'wf-wait',
			name: 'Wait test',
			nodes,
			connections: { Items: { main: [[{ node: 'Ask', type: 'main', index: 0 }]] } },
			nodeTypes,
			active: true,
			settings: { executionOrder: 'v1' },
		});
		const hooks = new ExecutionLifecycleHooks('webhook', executionId, {
			id: 'wf-wait',
			name: 'Wait test',
			active: true,
			isArchived: false,
			nodes,
			connections: {},
			createdAt: new Date(),
			updatedAt: new Date(),
			activeVersionId: null,
		});
		const additionalData = {
			...makeAdditionalData(credentialTypes, { rampwinApi: { apiKey: server.apiKey, baseUrl: server.baseUrl } }, hooks),
			executionId,
		} as IWorkflowExecuteAdditionalData;
		const run = new WaitingRun(server, executionId, workflow, node, nodeTypes.getByNameAndVersion(RAMPWIN_TYPE, 1) as INodeType, additionalData);
		const data = createRunExecutionData({
			executionData: { nodeExecutionStack: [{ node: source, data: { main: [[{ json: {} }]] }, source: null }] },
		});
		run.first = await run.execute(data);
		return run;
	}

	/** The node's output in the last part of the run. */
	static output(run: IRun | undefined): INodeExecutionData[] {
		const runs = run?.data.resultData.runData.Ask ?? [];
		return runs[runs.length - 1]?.data?.main[0] ?? [];
	}

	/** The links in the message the node sent, by their label. */
	links(): Record<string, string> {
		const sent = this.server.requests.filter((r) => r.path === '/api/messages/send');
		const text = String((JSON.parse(sent[sent.length - 1].rawBody) as IDataObject).text);
		return Object.fromEntries([...text.matchAll(/^(.+): (http\S+)$/gm)].map(([, label, url]) => [label, url]));
	}

	/** n8n's WaitTracker, when Limit Wait Time runs out: the run goes on without a webhook. */
	async timeOut(): Promise<IRun> {
		if (this.status !== 'waiting') throw new Error(`the execution is ${this.status}`);
		return await this.execute(deepCopy(this.data));
	}

	async open(url: string, method: 'GET' | 'POST' = 'GET', form: IDataObject = {}, headers: Record<string, string> = {}): Promise<Page> {
		const parsed = new URL(url);
		const [, base, executionId, suffix] = parsed.pathname.split('/');
		if (base !== 'webhook-waiting') return { status: 404, headers: {}, body: 'not a waiting webhook', resumed: undefined };
		if (executionId !== this.executionId) return { status: 404, headers: {}, body: `The execution "${executionId}" does not exist.`, resumed: undefined };
		const isSendAndWait = decodeURIComponent(suffix ?? '') === this.node.id;
		const checks = N8N_LINE === '1' ? (this.data as { validateSignature?: boolean }).validateSignature === true && this.lastNodeIsSendAndWait() : isSendAndWait;
		if (checks && !validSignature(parsed)) {
			return { status: 401, headers: {}, body: N8N_LINE === '1' ? '{"error":"Invalid token"}' : 'form-invalid-token', resumed: undefined };
		}
		if (this.status === 'running') return { status: 409, headers: {}, body: 'is running already', resumed: undefined };
		if (this.status === 'error') return { status: 409, headers: {}, body: 'has finished with error', resumed: undefined };
		if (this.status === 'success') {
			if (isSendAndWait) return { status: 200, headers: {}, body: 'send-and-wait-no-action-required', resumed: undefined };
			return { status: 409, headers: {}, body: 'has finished already', resumed: undefined };
		}
		const description = this.nodeType.description.webhooks?.find((w) => w.httpMethod === method && w.restartWebhook === true);
		if (description === undefined || !isSendAndWait) return { status: 404, headers: {}, body: 'no matching waiting webhook', resumed: undefined };

		const response = new RecordedPage();
		const request = {
			method,
			url: `${parsed.pathname}${parsed.search}`,
			headers: { host: parsed.host, ...headers },
			query: Object.fromEntries(parsed.searchParams),
			body: form,
			params: {},
		};
		const data = deepCopy(this.data);
		const additionalData = { ...this.additionalData, httpRequest: request, httpResponse: response };
		const context = new WebhookContext(
			this.workflow,
			this.node,
			additionalData as unknown as IWorkflowExecuteAdditionalData,
			'webhook',
			this.webhookData(description, method),
			[],
			data,
		);
		const result = await this.nodeType.webhook!.call(context);
		if (!result.noWebhookResponse) response.status(200).send(result.webhookResponse ?? { message: 'Workflow was started' });
		if (!result.workflowData) return { ...response.page(), resumed: undefined };
		// As the CLI resumes a run from a waiting webhook (getWebhookExecutionData, executeWebhook).
		const entry = data.executionData!.nodeExecutionStack[0];
		entry.node.disabled = true;
		entry.data.main = result.workflowData;
		data.waitTill = undefined;
		data.resultData.runData[data.resultData.lastNodeExecuted!].pop();
		const resumed = await this.execute(data);
		this.resumes.push(resumed);
		return { ...response.page(), resumed };
	}

	/**
	 * n8n's HTTP server for this run's waiting webhooks, on a loopback port: what reaches it goes
	 * to open() as n8n would hand it over (the URL from the Host header and the path, a JSON or
	 * form body parsed). `requests` counts what came in.
	 */
	async listen(): Promise<{ port: number; requests: number; close: () => Promise<void> }> {
		const listener = {
			port: 0,
			requests: 0,
			close: async () => await new Promise<void>((resolve) => server.close(() => resolve())),
		};
		const server = createServer((req, res) => {
			const chunks: Buffer[] = [];
			req.on('data', (chunk: Buffer) => chunks.push(chunk));
			req.on('end', () => {
				listener.requests++;
				const raw = Buffer.concat(chunks).toString('utf8');
				const form = raw === '' ? {} : String(req.headers['content-type']).startsWith('application/json') ? (JSON.parse(raw) as IDataObject) : Object.fromEntries(new URLSearchParams(raw));
				const headers = Object.fromEntries(Object.entries(req.headers).map(([name, value]) => [name, String(value)]));
				this.open(`http://${req.headers.host}${req.url}`, req.method === 'POST' ? 'POST' : 'GET', form, headers).then(
					(page) => res.writeHead(page.status, page.headers).end(page.body),
					(error: Error) => res.writeHead(500).end(error.message),
				);
			});
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		listener.port = (server.address() as AddressInfo).port;
		return listener;
	}

	private lastNodeIsSendAndWait(): boolean {
		return this.data.resultData.lastNodeExecuted === this.node.name;
	}

	private webhookData(description: IWebhookDescription, method: 'GET' | 'POST'): IWebhookData {
		return {
			httpMethod: method,
			node: this.node.name,
			path: this.node.id,
			webhookDescription: description,
			workflowId: 'wf-wait',
			workflowExecuteAdditionalData: this.additionalData,
		};
	}

	private async execute(data: IRunExecutionData): Promise<IRun> {
		this.status = 'running';
		const run = await new WorkflowExecute(this.additionalData, 'webhook', data).processRunExecutionData(this.workflow);
		this.data = run.data;
		this.status = run.waitTill ? 'waiting' : run.data.resultData.error ? 'error' : 'success';
		return run;
	}
}

/** A link signed as n8n signs it on the line under test: what a link n8n made, but changed, would need. */
export function signed(url: string): string {
	const parsed = new URL(url);
	parsed.searchParams.delete('signature');
	parsed.searchParams.set('signature', signature(parsed));
	return parsed.toString();
}

function signature(url: URL): string {
	const input = N8N_LINE === '1' ? `${url.host}${url.pathname}${url.search}` : `${url.pathname}${url.search}`;
	return createHmac('sha256', Container.get(InstanceSettings).hmacSignatureSecret).update(input).digest('hex');
}

/** The signature check of the n8n line under test (WaitingWebhooks, 1.123.81 and 2.41.1). */
function validSignature(url: URL): boolean {
	const given = url.searchParams.get('signature');
	if (given === null) return false;
	const unsigned = new URL(url.toString());
	unsigned.searchParams.delete('signature');
	const expected = signature(unsigned);
	return given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected));
}

/** The parts of Express's response the waiting webhook uses. */
class RecordedPage {
	statusCode = 200;

	headers: Record<string, string> = {};

	body = '';

	headersSent = false;

	status(code: number): this {
		this.statusCode = code;
		return this;
	}

	setHeader(name: string, value: string): this {
		this.headers[name.toLowerCase()] = value;
		return this;
	}

	json(body: unknown): this {
		this.setHeader('content-type', 'application/json; charset=utf-8');
		return this.send(JSON.stringify(body));
	}

	send(body: unknown): this {
		if (this.headersSent) throw new Error('the response was already sent');
		this.body = typeof body === 'string' ? body : JSON.stringify(body);
		this.headersSent = true;
		return this;
	}

	end(): this {
		this.headersSent = true;
		return this;
	}

	page(): Omit<Page, 'resumed'> {
		return { status: this.statusCode, headers: this.headers, body: this.body };
	}
}
