import type { INodeProperties } from 'n8n-workflow';

import * as sendButtons from './sendButtons.operation';
import * as sendList from './sendList.operation';
import * as sendMedia from './sendMedia.operation';
import * as sendText from './sendText.operation';

export { sendButtons, sendList, sendMedia, sendText };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['message'] } },
		options: [
			{
				name: 'Send Buttons',
				value: 'sendButtons',
				description:
					'Send a question with up to three reply buttons. Free-form: only within 24 hours of the contact\'s last message.',
				action: 'Send a message with reply buttons',
			},
			{
				name: 'Send List',
				value: 'sendList',
				description:
					'Send a menu of up to ten choices behind a button. Free-form: only within 24 hours of the contact\'s last message.',
				action: 'Send a message with a list of options',
			},
			{
				name: 'Send Media',
				value: 'sendMedia',
				description:
					'Send an image, video, audio file or document, from a URL or from binary data. Free-form: only within 24 hours of the contact\'s last message.',
				action: 'Send a media message',
			},
			{
				name: 'Send Text',
				value: 'sendText',
				description:
					'Send a text message to a WhatsApp number. Free-form: only within 24 hours of the contact\'s last message. Never sent twice.',
				action: 'Send a text message',
			},
		],
		default: 'sendText',
	},
	...sendText.description,
	...sendMedia.description,
	...sendButtons.description,
	...sendList.description,
];
