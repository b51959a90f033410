import type { IDataObject, INode, INodeExecutionData, INodeParameters, IRun } from 'n8n-workflow';

import type { RampwinServer } from '../../sandbox/rampwin-server';
import { ITEMS_TYPE, RAMPWIN_TYPE, runWorkflow } from './n8n';
import { checkOutputSchemas } from './output-schema';

export interface RampwinRunOptions {
	server: RampwinServer;
	items: IDataObject[];
	/** Merged over the defaults: channel "chan-1", phone and name from $json.phone / $json.name. */
	parameters?: INodeParameters;
	continueOnFail?: boolean;
	/** n8n's node settings: On Error, Retry On Fail and its tries. */
	settings?: Pick<INode, 'onError' | 'retryOnFail' | 'maxTries' | 'waitBetweenTries'>;
	apiKey?: string;
	baseUrl?: string;
	cancelAfterMs?: number;
}

export interface RampwinRunResult {
	run: IRun;
	/** The Rampwin node's output items, or [] when the node failed. */
	output: INodeExecutionData[];
	/** Its error output (On Error › Continue (using error output)). */
	errorOutput: INodeExecutionData[];
	/** The error that stopped the workflow, if any. */
	error: (Error & { description?: string; context?: IDataObject; httpCode?: string }) | undefined;
}

/** Runs Items → Rampwin in n8n's engine against the loopback server. */
export async function runRampwin(options: RampwinRunOptions): Promise<RampwinRunResult> {
	const run = await runWorkflow({
		nodes: [
			{
				id: 'items',
				name: 'Items',
				type: ITEMS_TYPE,
				typeVersion: 1,
				position: [0, 0],
				parameters: { items: JSON.stringify(options.items) },
			},
			{
				id: 'rampwin',
				name: 'Rampwin',
				type: RAMPWIN_TYPE,
				typeVersion: 1,
				position: [200, 0],
				continueOnFail: options.continueOnFail ?? false,
				...options.settings,
				credentials: { rampwinApi: { id: 'cred-1', name: 'Rampwin account' } },
				parameters: {
					resource: 'contact',
					operation: 'create',
					integrationId: 'chan-1',
					phoneNumber: '={{ $json.phone }}',
					fullName: '={{ $json.name }}',
					...options.parameters,
				},
			},
		],
		connections: { Items: { main: [[{ node: 'Rampwin', type: 'main', index: 0 }]] } },
		cancelAfterMs: options.cancelAfterMs,
		credentials: {
			rampwinApi: {
				apiKey: options.apiKey ?? options.server.apiKey,
				baseUrl: options.baseUrl ?? options.server.baseUrl,
			},
		},
	});
	const output = run.data.resultData.runData.Rampwin?.[0]?.data?.main[0] ?? [];
	const errorOutput = run.data.resultData.runData.Rampwin?.[0]?.data?.main[1] ?? [];
	// Every behaviour test's output is also held to the operation's output schema.
	const { resource = 'contact', operation = 'create', options: nodeOptions } = options.parameters ?? {};
	const validateOnly = (nodeOptions as IDataObject | undefined)?.validateOnly === true;
	checkOutputSchemas(String(resource), String(operation), output, errorOutput, validateOnly);
	return { run, output, errorOutput, error: run.data.resultData.error as RampwinRunResult['error'] };
}
