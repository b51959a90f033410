import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { parseText } from '../../helpers/message/text';
import type { ParameterReader } from '../parameters';
import type { RampwinRequest } from '../../transport';
import { messageOutput, messageParameters, messageRequest, messageText } from './common';
import type { OperationOption } from '../operation';

export { defaults, identity } from './common';

export const option: OperationOption = { name: 'Send Text', action: 'Send a text message', description: 'Send a text message to a WhatsApp number. Free-form: only within 24 hours of the contact\'s last message. Never sent twice.' };

export const description: INodeProperties[] = messageParameters('sendText', [
	messageText('Text', 'text', 4, 'e.g. Hi Asha, your order #1042 has shipped.', 'The message, up to 4096 characters. WhatsApp formatting works: *bold*, _italic_, ~strikethrough~.'),
]);

export function build(this: IExecuteFunctions, itemIndex: number, params: ParameterReader): RampwinRequest {
	return messageRequest(this, itemIndex, params, () => ({ text: parseText(params.get('text', itemIndex)) }));
}

export const output = messageOutput;
