import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { buildListMessage } from '../../helpers/message/interactive';
import type { ParameterReader } from '../parameters';
import type { RampwinRequest } from '../../transport';
import { messageOutput, messageParameters, messageRequest, messageText } from './common';
import type { OperationOption } from '../operation';

export { defaults, identity } from './common';

const fromJson = { show: { sectionsInput: ['json'] } };
const fromFields = { show: { sectionsInput: ['fields'] } };

export const option: OperationOption = { name: 'Send List', action: 'Send a message with a list of options', description: 'Send a menu of up to ten choices behind a button. Free-form: only within 24 hours of the contact\'s last message.' };

export const description: INodeProperties[] = messageParameters('sendList', [
	messageText('Body Text', 'bodyText', 3, 'e.g. Which pizza would you like?', 'The message above the list button, up to 4096 characters'),
	{
		displayName: 'Button Text',
		name: 'buttonText',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. See the menu',
		description: 'The label of the button that opens the list, up to 20 characters',
	},
	{
		displayName: 'Sections Input',
		name: 'sectionsInput',
		type: 'options',
		default: 'fields',
		description: 'Whether to enter the sections here or give them as JSON, e.g. from an AI agent or a previous node',
		options: [
			{ name: 'Fields Below', value: 'fields', description: 'Enter each section and row' },
			{ name: 'JSON', value: 'json', description: 'Give the sections as JSON' },
		],
	},
	{
		displayName: 'Sections',
		name: 'sections',
		type: 'fixedCollection',
		placeholder: 'Add Section',
		default: { section: [{ title: '', rows: { row: [{ title: '', id: '', description: '' }] } }] },
		// As Send Buttons: a new node starts with one section and row, whose required title n8n
		// flags by name (minRequiredFields would say "At least 1 field is required.", naming no
		// field); a list emptied by hand is refused, naming Sections, when the node runs.
		typeOptions: { multipleValues: true },
		description: 'Up to 10 sections, and up to 10 rows in all. Each row needs a different ID.',
		options: [
			{
				displayName: 'Section',
				name: 'section',
				values: [
					{
						displayName: 'Title',
						name: 'title',
						type: 'string',
						default: '',
						placeholder: 'e.g. Pizzas',
						description: 'The heading of the section, up to 24 characters; needed when there is more than one section',
					},
					{
						displayName: 'Rows',
						name: 'rows',
						type: 'fixedCollection',
						placeholder: 'Add Row',
						default: {},
						// No minRequiredFields here: n8n (1.x and 2.x) reads a nested collection's
						// count from the wrong path and would flag every section, rows or not.
						// A section without rows is refused when the node runs.
						typeOptions: { multipleValues: true },
						description: 'The choices in this section',
						options: [
							{
								displayName: 'Row',
								name: 'row',
								values: [
									{
										displayName: 'Row Title',
										name: 'title',
										type: 'string',
										required: true,
										default: '',
										placeholder: 'e.g. Margherita',
										description: 'The choice, up to 24 characters',
									},
									{
										displayName: 'ID',
										name: 'id',
										type: 'string',
										default: '',
										placeholder: 'e.g. margherita',
										description: 'What the reply carries, up to 200 characters. Empty: the title.',
									},
									{
										displayName: 'Description',
										name: 'description',
										type: 'string',
										default: '',
										placeholder: 'e.g. Tomato and mozzarella',
										description: 'A line under the title, up to 72 characters. Optional.',
									},
								],
							},
						],
					},
				],
			},
		],
		displayOptions: fromFields,
	},
	{
		displayName: 'Sections (JSON)',
		name: 'sectionsJson',
		type: 'json',
		default: '[\n  {\n    "title": "Pizzas",\n    "rows": [{ "id": "margherita", "title": "Margherita", "description": "Tomato and mozzarella" }]\n  }\n]',
		description:
			'The sections in the API\'s shape: a list of sections, each with a title and rows, each row with an ID, a title and a description. Up to 10 sections and 10 rows in all.',
		displayOptions: fromJson,
	},
	{
		displayName: 'Footer Text',
		name: 'footerText',
		type: 'string',
		default: '',
		placeholder: 'e.g. Prices include tax',
		description: 'Small print below the list, up to 60 characters. Optional.',
	},
]);

export function build(this: IExecuteFunctions, itemIndex: number, params: ParameterReader): RampwinRequest {
	const asJson = params.get('sectionsInput', itemIndex, 'fields') === 'json';
	return messageRequest(this, itemIndex, params, () => ({
		interactive: buildListMessage({
			bodyText: params.get('bodyText', itemIndex),
			buttonText: params.get('buttonText', itemIndex),
			sections: asJson ? params.get('sectionsJson', itemIndex) : params.get('sections', itemIndex, {}),
			sectionsField: asJson ? 'Sections (JSON)' : 'Sections',
			footerText: params.get('footerText', itemIndex, ''),
		}),
	}));
}

export const output = messageOutput;
