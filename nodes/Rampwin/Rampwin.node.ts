import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { PACKAGE_DESCRIPTION } from './actions/descriptions';
import { waitingWebhooks } from './actions/message/wait/description';
import { sendAndWaitWebhook } from './actions/message/wait/webhook';
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
		// Send and Wait's links resume the run here (n8n's /webhook-waiting/); no other operation uses them.
		webhooks: waitingWebhooks,
		waitingNodeTooltip: '={{ $parameter["operation"] === "sendAndWait" ? "The workflow goes on when the person answers" : "" }}',
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

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await sendAndWaitWebhook.call(this);
	}

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await route.call(this);
	}
}
