import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { NodeApiError, NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import * as contact from './actions/contact/Contact.resource';
import { getOperation } from './actions/router';
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
		const transport = await RampwinTransport.create(this);
		const returnData: INodeExecutionData[] = [];

		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			try {
				const json = await operation.call(this, itemIndex, transport);
				returnData.push({ json, pairedItem: { item: itemIndex } });
			} catch (error) {
				const nodeError =
					error instanceof NodeApiError || error instanceof NodeOperationError
						? error
						: new NodeOperationError(this.getNode(), error as Error, { itemIndex });
				if (this.continueOnFail()) {
					returnData.push({
						json: {
							error: nodeError.message,
							errorDescription: nodeError.description ?? undefined,
							...identify(this, itemIndex),
						},
						pairedItem: { item: itemIndex },
					});
					continue;
				}
				throw nodeError;
			}
		}

		return [returnData];
	}
}

/** The raw fields that let a person find the failed row again. */
function identify(ctx: IExecuteFunctions, itemIndex: number): IDataObject {
	const fields: IDataObject = {};
	for (const [key, name] of [
		['phone_number', 'phoneNumber'],
		['full_name', 'fullName'],
		['integration_id', 'integrationId'],
	] as const) {
		try {
			fields[key] = ctx.getNodeParameter(name, itemIndex) as IDataObject[string];
		} catch {
			// an expression that failed to resolve is the error already being reported
		}
	}
	return fields;
}
