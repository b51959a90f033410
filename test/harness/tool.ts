import type {
	EngineRequest,
	EngineResponse,
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	IRun,
	ITaskData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { ZodDefault, ZodObject, ZodOptional, type ZodTypeAny } from 'zod';

import type { RampwinServer } from '../../sandbox/rampwin-server';
import { itemsSource, RAMPWIN_TYPE, registerNodeType, runWorkflow } from './n8n';

/** The type n8n gives the Rampwin node's tool form: the node's type name plus "Tool". */
export const RAMPWIN_TOOL_TYPE = `${RAMPWIN_TYPE}Tool`;
export const AGENT_TYPE = 'test.agent';
/** The editor names a tool node after its action; the model sees it as Create_contact_in_Rampwin. */
export const TOOL_NODE = 'Create contact in Rampwin';

/**
 * How the agent runs the tool, the two ways n8n 2.x has:
 * - `invoke`: call the LangChain tool that n8n-core builds (createNodeAsTool →
 *   makeHandleToolInvocation), which runs the node in a SupplyDataContext;
 * - `engine`: what n8n's current AI Agent node does: return an EngineRequest, so that
 *   WorkflowExecute runs the tool node itself and resumes the agent with the result
 *   (n8n's createEngineRequests and buildSteps, in @n8n/n8n-nodes-langchain).
 */
export type AgentMode = 'invoke' | 'engine';

export interface ToolField {
	type: string;
	description?: string;
	required: boolean;
}

/** What an agent tells the model about the tool. */
export interface ExposedTool {
	name: string;
	description: string;
	schema: Record<string, ToolField>;
}

export interface ToolError {
	name: string;
	message: string;
	description?: string | null;
}

interface AgentOutput extends IDataObject {
	tool: ExposedTool & IDataObject;
	/** What the model is given back: the tool's string (invoke), or what n8n's agent builds from the tool's run (engine). */
	response?: string;
	/** What the tool threw (invoke), or the error on the tool node's run (engine). */
	error?: ToolError & IDataObject;
}

/** The subset of a LangChain tool the agent uses, so the test needs no LangChain import. */
interface AgentTool {
	name: string;
	description: string;
	schema: unknown;
	metadata?: { sourceNodeName?: string };
	invoke(args: IDataObject): Promise<unknown>;
}

function isAgentTool(value: unknown): value is AgentTool {
	const tool = value as Partial<AgentTool> | null;
	return typeof tool?.name === 'string' && typeof tool.invoke === 'function';
}

/**
 * A stand-in for n8n's AI Agent with a scripted model: it collects its tools through
 * n8n-core's getInputConnectionData, as the real agent does, and calls the first one once
 * with the arguments in its `args` parameter.
 */
const agentNode: INodeType = {
	description: {
		displayName: 'Agent',
		name: 'agent',
		group: ['transform'],
		version: 1,
		description: 'Calls its tool with fixed arguments',
		defaults: { name: 'Agent' },
		inputs: [NodeConnectionTypes.Main, { type: NodeConnectionTypes.AiTool, displayName: 'Tool', required: true }],
		outputs: [NodeConnectionTypes.Main],
		properties: [
			{ displayName: 'Args', name: 'args', type: 'json', default: '{}' },
			{
				displayName: 'Mode',
				name: 'mode',
				type: 'options',
				options: [
					{ name: 'Invoke', value: 'invoke' },
					{ name: 'Engine', value: 'engine' },
				],
				default: 'invoke',
			},
		],
	},
	async execute(this: IExecuteFunctions, response?: EngineResponse) {
		const tools = await this.getInputConnectionData(NodeConnectionTypes.AiTool, 0);
		const tool = Array.isArray(tools) ? tools.find(isAgentTool) : undefined;
		if (!tool) throw new Error('The agent got no tool');
		const output: AgentOutput = { tool: expose(tool) };
		const args = JSON.parse(this.getNodeParameter('args', 0) as string) as IDataObject;

		if (this.getNodeParameter('mode', 0) === 'invoke') {
			try {
				output.response = (await tool.invoke(args)) as string;
			} catch (error) {
				output.error = describeError(error);
			}
			return [[{ json: output }]];
		}

		const result = response?.actionResponses[0];
		if (!result) {
			const request: EngineRequest<IDataObject> = {
				actions: [
					{
						actionType: 'ExecutionNodeAction',
						nodeName: tool.metadata?.sourceNodeName ?? '',
						input: args,
						type: NodeConnectionTypes.AiTool,
						id: 'call_1',
						metadata: { itemIndex: 0 },
					},
				],
				metadata: {},
			};
			return request;
		}
		// As n8n's agent turns a tool run into the model's observation (buildSteps).
		const items = result.data.data?.[NodeConnectionTypes.AiTool]?.[0]?.map((item) => item.json) ?? [];
		if (items.length > 0) output.response = JSON.stringify(items);
		if (result.data.error) output.error = describeError(result.data.error);
		return [[{ json: output }]];
	},
};

registerNodeType(AGENT_TYPE, agentNode);

function expose(tool: AgentTool): ExposedTool & IDataObject {
	const schema: Record<string, ToolField> = {};
	if (tool.schema instanceof ZodObject) {
		for (const [key, field] of Object.entries(tool.schema.shape as Record<string, ZodTypeAny>)) {
			let inner = field;
			while (inner instanceof ZodOptional || inner instanceof ZodDefault) inner = inner._def.innerType;
			schema[key] = {
				type: String(inner._def.typeName).replace(/^Zod/, '').toLowerCase(),
				...(field.description !== undefined && { description: field.description }),
				required: !field.isOptional(),
			};
		}
	}
	return { name: tool.name, description: tool.description, schema };
}

function describeError(error: unknown): ToolError & IDataObject {
	const { name, message, description } = error as { name?: string; message?: string; description?: string | null };
	return { name: name ?? 'Error', message: message ?? String(error), description };
}

export interface ToolRunOptions {
	server: RampwinServer;
	/** The tool node's parameters, as the editor saves them (resource and operation default to contact/create). */
	parameters: INodeParameters;
	/** What the model passes to the tool. */
	args: IDataObject;
	mode?: AgentMode;
	/** The item the agent gets, e.g. a chat message. */
	input?: IDataObject;
}

export interface ToolRunResult {
	run: IRun;
	tool: ExposedTool;
	response: string | undefined;
	error: ToolError | undefined;
	/** The tool node's runs, as n8n records them for the editor's log. */
	toolRuns: ITaskData[];
	/** The error that stopped the workflow, if any (not a tool error: the agent catches those). */
	workflowError: Error | undefined;
}

/** Runs Items → Agent, with the Rampwin tool connected to the agent, against the loopback server. */
export async function runAsTool(options: ToolRunOptions): Promise<ToolRunResult> {
	const run = await runWorkflow({
		nodes: [
			itemsSource([options.input ?? { chatInput: 'Add Asha as a contact' }]),
			{
				id: 'agent',
				name: 'Agent',
				type: AGENT_TYPE,
				typeVersion: 1,
				position: [200, 0],
				parameters: { args: JSON.stringify(options.args), mode: options.mode ?? 'invoke' },
			},
			{
				id: 'tool',
				name: TOOL_NODE,
				type: RAMPWIN_TOOL_TYPE,
				typeVersion: 1,
				position: [200, 200],
				credentials: { rampwinApi: { id: 'cred-1', name: 'Rampwin account' } },
				parameters: options.parameters,
			},
		],
		connections: {
			Items: { main: [[{ node: 'Agent', type: 'main', index: 0 }]] },
			[TOOL_NODE]: { ai_tool: [[{ node: 'Agent', type: 'ai_tool', index: 0 }]] },
		},
		credentials: { rampwinApi: { apiKey: options.server.apiKey, baseUrl: options.server.baseUrl } },
	});
	const output = run.data.resultData.runData.Agent?.at(-1)?.data?.main[0]?.[0] as INodeExecutionData | undefined;
	const json = output?.json as AgentOutput | undefined;
	return {
		run,
		tool: json?.tool as ExposedTool,
		response: json?.response,
		error: json?.error,
		toolRuns: run.data.resultData.runData[TOOL_NODE] ?? [],
		workflowError: run.data.resultData.error,
	};
}
