import type { INodeProperties } from 'n8n-workflow';

import * as assign from './assign.operation';
import * as create from './create.operation';
import * as upsert from './upsert.operation';

export { assign, create, upsert };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['contact'] } },
		options: [
			{
				name: 'Assign to Team Member',
				value: 'assign',
				description:
					'Route an existing contact to a team member by their Rampwin e-mail. The contact must exist; use Create or Update first if unsure.',
				action: 'Assign a contact to a team member',
			},
			{
				name: 'Create',
				value: 'create',
				description:
					'Add a new contact to a WhatsApp channel. Fails if the phone number is already on the channel; use Create or Update when unsure.',
				action: 'Create contact',
			},
			{
				name: 'Create or Update',
				value: 'upsert',
				// n8n's lint rule fixes this wording for every upsert operation.
				description: 'Create a new record, or update the current one if it already exists (upsert)',
				action: 'Create or update a contact',
			},
		],
		default: 'create',
	},
	...create.description,
	...upsert.description,
	...assign.description,
];
