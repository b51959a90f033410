import { ExecutionLifecycleHooks, HookContext, WebhookContext, WorkflowExecute } from 'n8n-core';
import type {
	IDataObject,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	IWebhookData,
	IWebhookDescription,
	IWorkflowExecuteAdditionalData,
	WorkflowActivateMode,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { createRunExecutionData, NodeHelpers, Workflow } from 'n8n-workflow';

import type { RampwinServer } from '../../sandbox/rampwin-server';
import { loadPackage, makeAdditionalData } from './n8n';

export const TRIGGER_TYPE = 'n8n-nodes-rampwin.rampwinTrigger';
/** Each harness is another workflow, as far as the trigger's memory of deliveries goes. */
let workflows = 0;

export interface Delivery {
	/** The token in the URL: by default the one Rampwin was given; null sends none. */
	token?: string | null;
	/** The raw body; JSON of `json` by default. */
	body?: string;
	json?: unknown;
	contentType?: string;
	headers?: Record<string, string>;
	/** Deliver to the test listener instead of the active workflow. */
	test?: boolean;
	/** The n8n server (loopback port) that received the delivery, as its socket tells. */
	receivedOn?: number;
}

export interface Answer {
	status: number;
	response: unknown;
	/** Whether n8n would start an execution, and the trigger's output in it. */
	ran: boolean;
	items: INodeExecutionData[];
}

/**
 * Drives the Rampwin Trigger the way n8n's CLI does, through n8n-core's real HookContext and
 * WebhookContext: activation calls checkExists then create (WebhookService), deactivation and
 * the end of a test listener call delete, and a delivery calls webhook() with the request and
 * response n8n would pass, then runs the workflow in WorkflowExecute when webhook() asks for a
 * run. n8n's HTTP layer (body parsing, its default answers) lives in the CLI package, so the
 * request is built here as n8n builds it: `rawBody` read, JSON bodies parsed.
 */
export class TriggerHarness {
	/** The workflow's static data as n8n keeps it for the active workflow. */
	readonly staticData: IDataObject = {};

	/** A test listener's own static data: n8n starts it empty and never saves it. */
	private testStaticData: IDataObject = {};

	/** Whether a test listener is on, whose hooks and deliveries see its own static data. */
	private testing = false;

	private readonly workflowId = `wf-trigger-${++workflows}`;

	private constructor(
		readonly server: RampwinServer,
		readonly node: INode,
		private readonly nodeType: INodeType,
		private readonly additionalData: IWorkflowExecuteAdditionalData,
	) {}

	static async create(
		server: RampwinServer,
		parameters: INodeParameters,
		credential: { apiKey?: string; baseUrl?: string } = {},
		/** The node's default (what the editor gives a new node) unless a saved workflow's is wanted. */
		typeVersion?: number,
	): Promise<TriggerHarness> {
		const { nodeTypes, credentialTypes } = await loadPackage();
		const version = typeVersion ?? nodeTypes.getByName(TRIGGER_TYPE).description.defaultVersion ?? 1;
		const node: INode = {
			id: 'trigger-node',
			name: 'Rampwin Trigger',
			type: TRIGGER_TYPE,
			typeVersion: version,
			position: [0, 0],
			webhookId: 'c0ffee00-0000-4000-8000-000000000001',
			parameters: { integrationId: 'chan-1', ...parameters },
			credentials: { rampwinApi: { id: 'cred-1', name: 'Rampwin account' } },
		};
		const additionalData = makeAdditionalData(credentialTypes, {
			rampwinApi: { apiKey: credential.apiKey ?? server.apiKey, baseUrl: credential.baseUrl ?? server.baseUrl },
		});
		return new TriggerHarness(server, node, nodeTypes.getByNameAndVersion(TRIGGER_TYPE, version) as INodeType, additionalData);
	}

	private get methods() {
		const methods = this.nodeType.webhookMethods?.default;
		if (!methods) throw new Error('the trigger has no webhook methods');
		return methods;
	}

	private workflow(active: boolean): Workflow {
		return new Workflow({
			id: this.workflowId,
			name: 'Trigger test',
			nodes: [this.node],
			connections: {},
			active,
			nodeTypes: { getByName: () => this.nodeType, getByNameAndVersion: () => this.nodeType, getKnownTypes: () => ({}) },
			staticData: active || !this.testing ? this.staticData : this.testStaticData,
			settings: { executionOrder: 'v1' },
		});
	}

	private webhookData(test: boolean): IWebhookData {
		const description = this.nodeType.description.webhooks?.[0] as IWebhookDescription;
		return {
			httpMethod: 'POST',
			node: this.node.name,
			path: NodeHelpers.getNodeWebhookPath(this.workflowId, this.node, String(description.path)),
			webhookDescription: description,
			workflowId: this.workflowId,
			workflowExecuteAdditionalData: this.additionalData,
			webhookId: this.node.webhookId,
			isTest: test,
		};
	}

	private hook(test: boolean, mode: WorkflowExecuteMode, activation: WorkflowActivateMode): HookContext {
		return new HookContext(this.workflow(!test), this.node, this.additionalData, mode, activation, this.webhookData(test));
	}

	/** Activating (or n8n starting with the workflow active): checkExists, then create if it says no. */
	async activate(activation: WorkflowActivateMode = 'activate'): Promise<void> {
		const context = this.hook(false, 'trigger', activation);
		if (!(await this.methods.checkExists.call(context))) await this.methods.create.call(context);
	}

	/** `reportedActive: false`: as if n8n had already marked the workflow inactive when it calls delete. */
	async deactivate({ reportedActive = true } = {}): Promise<void> {
		const context = new HookContext(this.workflow(reportedActive), this.node, this.additionalData, 'internal', 'update', this.webhookData(false));
		await this.methods.delete.call(context);
	}

	/** "Listen for test event": a fresh, empty static data, the test URL. */
	async listenForTest(): Promise<void> {
		this.testStaticData = {};
		this.testing = true;
		const context = this.hook(true, 'manual', 'manual');
		if (!(await this.methods.checkExists.call(context))) await this.methods.create.call(context);
	}

	/** The test listener stopped, timed out or got its event. */
	async stopTest(): Promise<void> {
		await this.methods.delete.call(this.hook(true, 'internal', 'update'));
		this.testing = false;
	}

	/** The token in the URL Rampwin was last given for the channel. */
	registeredToken(channel = 'chan-1'): string | undefined {
		const url = this.server.webhooks.get(channel)?.url;
		return url === undefined ? undefined : (new URL(url).searchParams.get('token') ?? undefined);
	}

	async deliver(delivery: Delivery = {}): Promise<Answer> {
		return await this.post(delivery).finished;
	}

	/**
	 * A delivery whose answer and run are awaited apart: with Combine Messages the delivery
	 * that opens a burst is answered at once, but its webhook() returns (and its run starts)
	 * only when the burst ends; `finished` then has the run, and a delivery that joined a
	 * burst finishes with `ran: false`.
	 */
	post(delivery: Delivery = {}): { answered: Promise<{ status: number; response: unknown }>; finished: Promise<Answer> } {
		const response = new RecordedResponse();
		const finished = this.handle(delivery, response);
		const answered = Promise.race([response.answered, finished]).then(() => ({ status: response.statusCode, response: response.body }));
		return { answered, finished };
	}

	private async handle(delivery: Delivery, response: RecordedResponse): Promise<Answer> {
		const test = delivery.test === true;
		const token = delivery.token === undefined ? this.registeredToken(String(this.node.parameters.integrationId)) : delivery.token;
		const raw = delivery.body ?? JSON.stringify(delivery.json ?? {});
		const contentType = delivery.contentType ?? 'application/json';
		const headers = { 'content-type': contentType, ...delivery.headers };
		let body: unknown = {};
		if (contentType.startsWith('application/json')) {
			try {
				body = JSON.parse(raw) as unknown;
			} catch {
				body = {};
			}
		} else if (contentType.startsWith('text/')) {
			body = raw;
		}
		const request = {
			method: 'POST',
			body,
			rawBody: Buffer.from(raw, 'utf8'),
			readRawBody: async () => undefined,
			headers,
			query: token === null || token === undefined ? {} : { token },
			params: {},
			socket: delivery.receivedOn === undefined ? undefined : { localAddress: '127.0.0.1', localPort: delivery.receivedOn, encrypted: false },
		};
		const additionalData = { ...this.additionalData, httpRequest: request, httpResponse: response };
		const workflow = this.workflow(!test);
		const context = new WebhookContext(
			workflow,
			this.node,
			additionalData as unknown as IWorkflowExecuteAdditionalData,
			test ? 'manual' : 'webhook',
			this.webhookData(test),
			[],
			null,
		);
		const result = await this.nodeType.webhook!.call(context);
		if (!result.noWebhookResponse) {
			// n8n's own answers when the node leaves it to n8n (onReceived): without a run, the
			// node's webhookResponse or "Webhook call received"; with one, the description's
			// responseData if set (its default is "firstEntryJson"), else the node's webhookResponse.
			const responseData = this.nodeType.description.webhooks?.[0]?.responseData ?? 'firstEntryJson';
			const started = result.webhookResponse ?? { message: 'Workflow was started' };
			response.status(200).json(result.workflowData ? responseData || started : (result.webhookResponse ?? { message: 'Webhook call received' }));
		}
		if (!result.workflowData) return { status: response.statusCode, response: response.body, ran: false, items: [] };

		const hooks = new ExecutionLifecycleHooks(test ? 'manual' : 'webhook', 'trigger-execution', {
			id: this.workflowId,
			name: 'Trigger test',
			active: !test,
			isArchived: false,
			nodes: [this.node],
			connections: {},
			createdAt: new Date(),
			updatedAt: new Date(),
			activeVersionId: null,
		});
		const runData = createRunExecutionData({
			executionData: { nodeExecutionStack: [{ node: this.node, data: { main: result.workflowData }, source: null }] },
		});
		const run = await new WorkflowExecute({ ...additionalData, hooks } as unknown as IWorkflowExecuteAdditionalData, 'webhook', runData).processRunExecutionData(workflow);
		const items = run.data.resultData.runData[this.node.name]?.[0]?.data?.main[0] ?? [];
		return { status: response.statusCode, response: response.body, ran: true, items };
	}
}

/** The parts of Express's response that a trigger uses. */
class RecordedResponse {
	statusCode = 200;

	body: unknown;

	headersSent = false;

	private markAnswered: () => void = () => {};

	/** Settles when the trigger has answered. */
	readonly answered = new Promise<void>((resolve) => (this.markAnswered = resolve));

	status(code: number): this {
		this.statusCode = code;
		return this;
	}

	json(body: unknown): this {
		this.body = body;
		this.headersSent = true;
		this.markAnswered();
		return this;
	}

	send(body: unknown): this {
		return this.json(body);
	}

	end(): this {
		this.headersSent = true;
		this.markAnswered();
		return this;
	}
}
