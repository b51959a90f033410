import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { properties } from './actions/resources';
import { route } from './actions/router';
import { rampwinApiTest } from './methods/credentialTest';

export class Rampwin implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Rampwin',
		name: 'rampwin',
		icon: { light: 'file:../../icons/rampwin.svg', dark: 'file:../../icons/rampwin.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Create, update and assign contacts on a Rampwin WhatsApp Business channel, send them WhatsApp messages, and list or submit the WhatsApp templates that reach them outside the 24-hour window. To keep contacts in sync, use Create or Update.',
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
				testedBy: 'rampwinApiTest',
			},
		],
		properties,
	};

	methods = { credentialTest: { rampwinApiTest } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await route.call(this);
	}
}
