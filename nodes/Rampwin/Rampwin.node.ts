import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { NodeApiError, NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import * as contact from './actions/contact/Contact.resource';
import * as message from './actions/message/Message.resource';
import { readOptions } from './actions/options';
import { getOperation, type Operation } from './actions/router';
import { runPool } from './helpers/concurrency';
import { ParameterReader } from './helpers/parameters';
import { RerunMemo } from './helpers/rerun';
import { RampwinTransport, type Delivery, type RampwinRequest } from './transport';

export class Rampwin implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Rampwin',
		name: 'rampwin',
		icon: { light: 'file:../../icons/rampwin.svg', dark: 'file:../../icons/rampwin.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Create, update and assign contacts on a Rampwin WhatsApp Business channel, and send them WhatsApp messages. To keep contacts in sync, use Create or Update.',
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
					{
						name: 'Message',
						value: 'message',
					},
				],
				default: 'contact',
			},
			...contact.description,
			...message.description,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const operation = getOperation.call(this);
		const transport = await RampwinTransport.create(this, readOptions(this, operation.defaults));
		const params = new ParameterReader(this);
		const continueOnFail = this.continueOnFail();
		const node = this.getNode();
		const errorOutput = node.onError === 'continueErrorOutput';
		// Only Retry On Fail runs the node again on the same input; nothing to remember otherwise.
		const memo = node.retryOnFail === true ? RerunMemo.for<Delivery>(this.getExecuteData() ?? items) : undefined;
		const results: Array<INodeExecutionData | undefined> = new Array(items.length);
		const failures = new Map<number, NodeApiError | NodeOperationError>();

		try {
			await runPool({
				total: items.length,
				gate: transport.gate,
				pause: () => transport.pauseRemaining(),
				shouldStop: () => transport.cancelled || (!continueOnFail && failures.size > 0),
				wait: async (ms) => await transport.wait(ms),
				run: async (itemIndex) => {
					try {
						const request = await operation.build.call(this, itemIndex, params);
						const delivery = memo?.state(itemIndex, fingerprint(request), () => ({}));
						const result = await transport.send(request, itemIndex, delivery);
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
		} finally {
			transport.close();
		}

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
				const errorDescription = failure.description ?? undefined;
				returnData.push({
					json: errorOutput
						? errorOutputJson(failure.message, errorDescription)
						: { error: failure.message, errorDescription, ...identify(params, operation, itemIndex) },
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

/**
 * A failed item for the error output. n8n routes an item there by its json: `error` plus
 * at most `message` (n8n 1.x: exactly those; 2.x also allows `details`). It then puts the
 * input item's own fields under these, which is what identifies the row. (An `error` on
 * the item itself would also route it, but n8n then cuts its json down to the message.)
 */
function errorOutputJson(message: string, description: string | undefined): IDataObject {
	return description ? { error: message, message: description } : { error: message };
}

/** The raw fields that let a person find the failed row again. */
function identify(params: ParameterReader, operation: Operation, itemIndex: number): IDataObject {
	const fields: IDataObject = {};
	for (const [key, name] of operation.identity) {
		try {
			fields[key] = params.get(name, itemIndex) as IDataObject[string];
		} catch {
			// an expression that failed to resolve is the error already being reported
		}
	}
	return fields;
}

/** Identifies an item's request, so that a re-run only reuses what it settled for the same one. */
function fingerprint(request: RampwinRequest): string {
	return JSON.stringify([request.path, request.qs, request.body, request.before?.key]);
}
