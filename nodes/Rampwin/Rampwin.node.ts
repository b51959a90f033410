import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { PACKAGE_DESCRIPTION } from './actions/descriptions';
import { properties, subtitle } from './actions/resources';
import { route } from './actions/router';
import { rampwinApiTest } from './methods/credentialTest';

export class Rampwin implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Rampwin',
		name: 'rampwin',
		icon: { light: 'file:../../icons/rampwin.svg', dark: 'file:../../icons/rampwin.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle,
		description: PACKAGE_DESCRIPTION,
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
