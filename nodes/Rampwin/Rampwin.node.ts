import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { NodeApiError, NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import * as contact from './actions/contact/Contact.resource';
import { readOptions } from './actions/options';
import { getOperation } from './actions/router';
import { runPool } from './helpers/concurrency';
import { ParameterReader } from './helpers/parameters';
import { RampwinTransport } from './transport';

export class Rampwin implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Rampwin',
		name: 'rampwin',
		icon: { light: 'file:../../icons/rampwin.svg', dark: 'file:../../icons/rampwin.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Add contacts to a Rampwin WhatsApp Business channel',
		defaults: {
			name: 'Rampwin',
		},
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'rampwinApi',
				required: true,
			},
		],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'Contact',
						value: 'contact',
					},
				],
				default: 'contact',
			},
			...contact.description,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const operation = getOperation.call(this);
		const transport = await RampwinTransport.create(this, readOptions(this));
		const params = new ParameterReader(this);
		const continueOnFail = this.continueOnFail();
		const results: Array<INodeExecutionData | undefined> = new Array(items.length);
		const failures = new Map<number, NodeApiError | NodeOperationError>();

		await runPool({
			total: items.length,
			gate: transport.gate,
			pause: () => transport.pauseRemaining(),
			shouldStop: () => transport.cancelled || (!continueOnFail && failures.size > 0),
			wait: async (ms) => await transport.wait(ms),
			run: async (itemIndex) => {
				try {
					const request = operation.build.call(this, itemIndex, params);
					const result = await transport.send(request, itemIndex);
					const json = operation.output.call(this, result, request, itemIndex);
					results[itemIndex] = { json, pairedItem: { item: itemIndex } };
				} catch (error) {
					failures.set(
						itemIndex,
						error instanceof NodeApiError || error instanceof NodeOperationError
							? error
							: new NodeOperationError(this.getNode(), error as Error, { itemIndex }),
					);
				}
			},
		});

		if (!continueOnFail && failures.size > 0) {
			// Requests already in flight were allowed to finish; report the earliest bad item.
			throw forAgent(this, failures.get(Math.min(...failures.keys())));
		}

		// Continue On Fail: every item has a result or a failure (unless the run was cancelled).
		const returnData: INodeExecutionData[] = [];
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			const failure = failures.get(itemIndex);
			const result = results[itemIndex];
			if (failure) {
				returnData.push({
					json: {
						error: failure.message,
						errorDescription: failure.description ?? undefined,
						...identify(params, itemIndex),
					},
					pairedItem: { item: itemIndex },
				});
			} else if (result) {
				returnData.push(result);
			}
		}
		return [returnData];
	}
}

/**
 * In its tool form (type `…rampwinTool`), an AI Agent that runs it through n8n's engine
 * hands the model only the error's message, so the message also carries the fix.
 */
function forAgent<E extends NodeApiError | NodeOperationError | undefined>(ctx: IExecuteFunctions, error: E): E {
	const description = error?.description;
	if (error && description && ctx.getNode().type.endsWith('Tool') && !error.message.includes(description)) {
		error.message = `${error.message}. ${description}`;
	}
	return error;
}

/** The raw fields that let a person find the failed row again. */
function identify(params: ParameterReader, itemIndex: number): IDataObject {
	const fields: IDataObject = {};
	for (const [key, name] of [
		['phone_number', 'phoneNumber'],
		['full_name', 'fullName'],
		['integration_id', 'integrationId'],
	] as const) {
		try {
			fields[key] = params.get(name, itemIndex) as IDataObject[string];
		} catch {
			// an expression that failed to resolve is the error already being reported
		}
	}
	return fields;
}
