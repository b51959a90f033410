import path from 'node:path';

import {
	CredentialTestContext,
	ExecuteContext,
	ExecutionLifecycleHooks,
	PackageDirectoryLoader,
	RoutingNode,
	WorkflowExecute,
} from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentials,
	ICredentialsDecrypted,
	ICredentialTestFunction,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeCredentialTestResult,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	INodeTypes,
	IRun,
	IRequestOptionsSimplified,
	IWorkflowExecuteAdditionalData,
	IConnections,
} from 'n8n-workflow';
import { createRunExecutionData, ICredentialsHelper, NodeHelpers, Workflow } from 'n8n-workflow';

import { toAiTool } from './ai-tool';

export const PACKAGE_ROOT = path.resolve(__dirname, '../..');
export const RAMPWIN_TYPE = 'n8n-nodes-rampwin.rampwin';
export const ITEMS_TYPE = 'test.items';
/** The n8n line these tests run on ('1' or '2'): jest's "n8n 1.x" project maps n8n-workflow to 1.x. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const N8N_LINE = (require('n8n-workflow/package.json') as { version: string }).version.split('.')[0];
// Only used to build resume and webhook URLs that these workflows never call.
const INSTANCE_URL = 'http://localhost:5678';

/** A file an item of the Items node carries, under `$binary.<property>`. */
export interface TestFile {
	base64: string;
	fileName: string;
	mimeType: string;
}

/**
 * A source node for tests: it outputs the JSON list in its `items` parameter, standing in
 * for a spreadsheet or webhook node. An item's `$binary` becomes its binary data, stored
 * by n8n-core's own prepareBinaryData, as a file-producing node would store it.
 */
const itemsNode: INodeType = {
	description: {
		displayName: 'Items',
		name: 'items',
		group: ['input'],
		version: 1,
		description: 'Outputs fixed items',
		defaults: { name: 'Items' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [{ displayName: 'Items', name: 'items', type: 'json', default: '[]' }],
	},
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const raw = this.getNodeParameter('items', 0) as string | IDataObject[];
		const list = (typeof raw === 'string' ? JSON.parse(raw) : raw) as IDataObject[];
		const items: INodeExecutionData[] = [];
		for (const { $binary, ...json } of list) {
			const item: INodeExecutionData = { json };
			for (const [property, file] of Object.entries(($binary ?? {}) as Record<string, TestFile>)) {
				item.binary ??= {};
				item.binary[property] = await this.helpers.prepareBinaryData(
					Buffer.from(file.base64, 'base64'),
					file.fileName,
					file.mimeType,
				);
			}
			items.push(item);
		}
		return [items];
	},
};

/** The Items source node, named "Items", that starts a test workflow with these items. */
export function itemsSource(items: IDataObject[]): INode {
	const parameters = { items: JSON.stringify(items) };
	return { id: 'items', name: 'Items', type: ITEMS_TYPE, typeVersion: 1, position: [0, 0], parameters };
}

interface LoadedPackage {
	nodeTypes: INodeTypes;
	credentialTypes: Map<string, ICredentialType>;
}

let loaded: Promise<LoadedPackage> | undefined;

const types = new Map<string, INodeType>([[ITEMS_TYPE, itemsNode]]);

/** Adds a node type that only tests use, such as a stand-in for n8n's AI Agent. */
export function registerNodeType(type: string, nodeType: INodeType): void {
	types.set(type, nodeType);
}

/**
 * Loads the built package from dist/ the way n8n loads an installed community package,
 * with the `<name>Tool` form n8n adds for each node that is usable as a tool.
 */
export function loadPackage(): Promise<LoadedPackage> {
	loaded ??= (async () => {
		const loader = new PackageDirectoryLoader(PACKAGE_ROOT);
		await loader.loadAll();
		for (const [name, data] of Object.entries(loader.nodeTypes)) {
			const type = data.type as INodeType;
			types.set(`${loader.packageName}.${name}`, type);
			if (type.description.usableAsTool) types.set(`${loader.packageName}.${name}Tool`, toAiTool(type));
		}
		const credentialTypes = new Map<string, ICredentialType>();
		for (const [name, data] of Object.entries(loader.credentialTypes)) {
			credentialTypes.set(name, data.type);
		}
		const nodeTypes: INodeTypes = {
			getByName: (type) => known(types, type),
			getByNameAndVersion: (type, version) => NodeHelpers.getVersionedNodeType(known(types, type), version),
			getKnownTypes: () => ({}),
		};
		return { nodeTypes, credentialTypes };
	})();
	return loaded;
}

function known<T>(map: Map<string, T>, type: string): T {
	const value = map.get(type);
	if (value === undefined) throw new Error(`Unknown type ${type}`);
	return value;
}

/**
 * Serves decrypted credentials from memory and applies a credential type's
 * `authenticate` function the way n8n's own CredentialsHelper does: it calls it with the
 * decrypted data and the request options. (Rampwin's credential has no generic form.)
 */
export class TestCredentialsHelper extends ICredentialsHelper {
	constructor(
		private readonly credentialTypes: Map<string, ICredentialType>,
		private readonly data: Record<string, ICredentialDataDecryptedObject>,
	) {
		super();
	}

	getParentTypes(): string[] {
		return [];
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
	): Promise<IHttpRequestOptions> {
		const options = requestOptions as IHttpRequestOptions;
		const authenticate = this.credentialTypes.get(typeName)?.authenticate;
		if (typeof authenticate !== 'function') throw new Error(`${typeName} has no authenticate function`);
		return await authenticate(credentials, options);
	}

	async preAuthentication(
		_helpers: IHttpRequestHelper,
		_credentials: ICredentialDataDecryptedObject,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		return undefined;
	}

	async runPreAuthentication(): Promise<ICredentialDataDecryptedObject | undefined> {
		return undefined;
	}

	async getCredentials(): Promise<ICredentials> {
		throw new Error('Not used by these tests');
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		const credentials = this.data[type];
		if (!credentials) throw new Error(`No test credentials of type ${type}`);
		return { ...credentials };
	}

	async updateCredentials(): Promise<void> {}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	getCredentialsProperties(type: string) {
		return this.credentialTypes.get(type)?.properties ?? [];
	}
}

export interface WorkflowSpec {
	nodes: INode[];
	connections: IConnections;
	credentials: Record<string, ICredentialDataDecryptedObject>;
	/** Cancel the execution this long after it starts, as the editor's stop button does. */
	cancelAfterMs?: number;
}

/** Runs a workflow through n8n-core's WorkflowExecute and returns n8n's run data. */
export async function runWorkflow(spec: WorkflowSpec): Promise<IRun> {
	const { nodeTypes, credentialTypes } = await loadPackage();
	const workflow = new Workflow({
		id: 'test',
		nodes: spec.nodes,
		connections: spec.connections,
		nodeTypes,
		active: false,
		settings: { executionOrder: 'v1' },
	});
	const hooks = new ExecutionLifecycleHooks('manual', 'test-execution', {
		id: 'test',
		name: 'test',
		active: false,
		isArchived: false,
		nodes: spec.nodes,
		connections: spec.connections,
		createdAt: new Date(),
		updatedAt: new Date(),
		activeVersionId: null,
	});

	const additionalData = makeAdditionalData(credentialTypes, spec.credentials, hooks);

	const start = spec.nodes[0];
	const runExecutionData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [{ node: start, data: { main: [[{ json: {} }]] }, source: null }],
		},
	});

	const execute = new WorkflowExecute(additionalData, 'manual', runExecutionData);
	const running = execute.processRunExecutionData(workflow);
	if (spec.cancelAfterMs !== undefined) {
		const timer = setTimeout(() => running.cancel(), spec.cancelAfterMs);
		void running.finally(() => clearTimeout(timer)).catch(() => undefined);
	}
	return await running;
}

export function makeAdditionalData(
	credentialTypes: Map<string, ICredentialType>,
	credentials: Record<string, ICredentialDataDecryptedObject>,
	hooks?: ExecutionLifecycleHooks,
): IWorkflowExecuteAdditionalData {
return {
	hooks,
	credentialsHelper: new TestCredentialsHelper(credentialTypes, credentials),
	currentNodeExecutionIndex: 0,
	variables: {},
	restApiUrl: `${INSTANCE_URL}/rest`,
	instanceBaseUrl: INSTANCE_URL,
	formBaseUrl: `${INSTANCE_URL}/form`,
	formWaitingBaseUrl: `${INSTANCE_URL}/form-waiting`,
	formTestBaseUrl: `${INSTANCE_URL}/form-test`,
	webhookBaseUrl: `${INSTANCE_URL}/webhook`,
	webhookWaitingBaseUrl: `${INSTANCE_URL}/webhook-waiting`,
	webhookTestBaseUrl: `${INSTANCE_URL}/webhook-test`,
	mcpBaseUrl: `${INSTANCE_URL}/mcp`,
	mcpTestBaseUrl: `${INSTANCE_URL}/mcp-test`,
	logAiEvent: () => {},
} as unknown as IWorkflowExecuteAdditionalData;
}

/**
 * Tests a credential the way n8n's CredentialsTester does (getCredentialTestFunction and
 * testCredentials in the CLI, the same on n8n 1.123 and 2.41): the credential's own
 * declarative `test` first; otherwise the function a node names in `testedBy`, called on
 * n8n-core's CredentialTestContext with the credential's defaults applied.
 */
export async function testCredential(
	type: string,
	data: ICredentialDataDecryptedObject,
): Promise<INodeCredentialTestResult> {
	const { credentialTypes } = await loadPackage();
	const credentialType = known(credentialTypes, type);
	if (credentialType.test) return await testRequest(credentialTypes, type, credentialType.test, data);
	const testFunction = testedBy(type);
	const credential: ICredentialsDecrypted = {
		id: 'cred',
		name: 'Test credential',
		type,
		data: NodeHelpers.getNodeParameters(credentialType.properties, data as INodeParameters, true, false, null, null) as ICredentialDataDecryptedObject,
	};
	// n8n-core 1.x's CredentialTestContext takes no argument; 2.x's takes the additional data.
	const context = new CredentialTestContext(makeAdditionalData(credentialTypes, { [type]: data }));
	return await testFunction.call(context, credential);
}

/** The function the first node that uses the credential names in `testedBy`, as n8n looks it up. */
function testedBy(type: string): ICredentialTestFunction {
	for (const nodeType of types.values()) {
		for (const { name, testedBy: testName } of nodeType.description.credentials ?? []) {
			if (name !== type || !testName) continue;
			if (typeof testName !== 'string') throw new Error('A node\'s declarative testedBy is not emulated');
			const testFunction = nodeType.methods?.credentialTest?.[testName];
			if (!testFunction) throw new Error(`${nodeType.description.name} names ${testName} but has no such credentialTest`);
			return testFunction;
		}
	}
	throw new Error(`${type} has no test request and no node tests it`);
}

/** A declarative `test` request: through n8n-core's RoutingNode on a temporary node, then n8n's verdict rules. */
async function testRequest(
	credentialTypes: Map<string, ICredentialType>,
	type: string,
	test: ICredentialTestRequest,
	data: ICredentialDataDecryptedObject,
): Promise<INodeCredentialTestResult> {
	const nodeType: INodeType = {
		description: {
			displayName: 'Temp',
			name: 'temp',
			group: ['transform'],
			version: 1,
			description: '',
			defaults: {},
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: type, required: true }],
			properties: [
				{ displayName: 'Temp', name: 'temp', type: 'string', routing: { request: test.request }, default: '' },
			],
		},
	};
	const node: INode = {
		id: 'temp',
		name: 'Temp-Node',
		type: 'temp',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		credentials: { [type]: { id: 'cred', name: 'Test credential' } },
	};
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: {
			getByName: () => nodeType,
			getByNameAndVersion: () => nodeType,
			getKnownTypes: () => ({}),
		},
	});
	const additionalData = makeAdditionalData(credentialTypes, { [type]: data });
	const context = new ExecuteContext(
		workflow,
		node,
		additionalData,
		'internal',
		createRunExecutionData(),
		0,
		[],
		{ main: [[{ json: {} }]] },
		{ node, data: {}, source: null },
		[],
	);
	const routingNode = new RoutingNode(context, nodeType, { id: 'cred', name: 'Test credential', type, data });
	let response: INodeExecutionData[][] | null | undefined;
	try {
		response = await routingNode.runNode();
	} catch (error) {
		const cause = (error as { cause?: { response?: { status: number; statusText?: string }; code?: string } })
			.cause;
		if (cause?.response) {
			const rule = test.rules?.find(
				(candidate) => candidate.type === 'responseCode' && candidate.properties.value === cause.response?.status,
			);
			if (rule) return { status: 'Error', message: rule.properties.message };
			return {
				status: 'Error',
				message: cause.response.statusText || `Received HTTP status code: ${cause.response.status}`,
			};
		}
		return { status: 'Error', message: cause?.code ?? (error as Error).message };
	}
	for (const rule of test.rules ?? []) {
		if (rule.type === 'responseSuccessBody') {
			const json = response?.[0]?.[0]?.json ?? {};
			if (json[rule.properties.key] === rule.properties.value) {
				return { status: 'Error', message: rule.properties.message };
			}
		}
	}
	return { status: 'OK', message: 'Connection successful!' };
}
