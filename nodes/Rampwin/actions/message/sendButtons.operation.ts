import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { buildButtonsMessage } from '../../helpers/message/interactive';
import type { ParameterReader } from '../parameters';
import type { RampwinRequest } from '../../transport';
import { messageOutput, messageParameters, messageRequest, messageText } from './common';
import type { OperationOption } from '../operation';

export { defaults, identity } from './common';

export const option: OperationOption = { name: 'Send Buttons', action: 'Send a message with reply buttons', description: 'Send a question with up to three reply buttons. Free-form: only within 24 hours of the contact\'s last message.' };

export const description: INodeProperties[] = messageParameters('sendButtons', [
	messageText('Body Text', 'bodyText', 3, 'e.g. Shall we confirm your booking for Friday?', 'The message above the buttons, up to 1024 characters'),
	{
		displayName: 'Buttons',
		name: 'buttons',
		type: 'fixedCollection',
		placeholder: 'Add Button',
		default: { button: [{ title: '', id: '' }] },
		// n8n's own count check (minRequiredFields) would flag an empty list with "At least 1
		// field is required.", naming no field. So a new node starts with one button, whose
		// required title n8n flags by name; a list emptied by hand is refused, naming Buttons,
		// when the node runs. maxAllowedFields hides Add Button at three.
		typeOptions: { multipleValues: true, maxAllowedFields: 3 },
		description: 'One to three reply buttons. The reply comes back to Rampwin with the button ID.',
		options: [
			{
				displayName: 'Button',
				name: 'button',
				values: [
					{
						displayName: 'Button Title',
						name: 'title',
						type: 'string',
						required: true,
						default: '',
						placeholder: 'e.g. Confirm',
						description: 'The text on the button, up to 20 characters; each button needs a different one',
					},
					{
						displayName: 'ID',
						name: 'id',
						type: 'string',
						default: '',
						placeholder: 'e.g. confirm',
						description: 'What the reply carries to tell the buttons apart, up to 256 characters. Empty: the title.',
					},
				],
			},
		],
	},
	{
		displayName: 'Header Image URL',
		name: 'headerImageUrl',
		type: 'string',
		default: '',
		placeholder: 'e.g. https://example.com/offer.jpg',
		description: 'A public http(s) address of a JPG or PNG image shown above the text. Optional.',
	},
	{
		displayName: 'Footer Text',
		name: 'footerText',
		type: 'string',
		default: '',
		placeholder: 'e.g. Reply STOP to opt out',
		description: 'Small print below the buttons, up to 60 characters. Optional.',
	},
]);

export function build(this: IExecuteFunctions, itemIndex: number, params: ParameterReader): RampwinRequest {
	return messageRequest(this, itemIndex, params, () => ({
		interactive: buildButtonsMessage({
			bodyText: params.get('bodyText', itemIndex),
			buttons: params.get('buttons', itemIndex, {}),
			headerImageUrl: params.get('headerImageUrl', itemIndex, ''),
			footerText: params.get('footerText', itemIndex, ''),
		}),
	}));
}

export const output = messageOutput;
