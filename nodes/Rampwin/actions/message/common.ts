import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { parseChannelId } from '../../helpers/channel';
import type { ParameterReader } from '../parameters';
import { parsePhone } from '../../helpers/phone/phone';
import type { RampwinRequest, SendResult } from '../../transport';
import { channelId, phoneNumber } from '../common';
import { showOnly } from '../descriptions';
import { checkInput } from '../checkInput';
import { MESSAGE_DEFAULTS, messageOptionsDescription } from '../options';
import { answerMessage, confirmedAnswer } from '../answers';

export const defaults = MESSAGE_DEFAULTS;

export const identity = [
	['phone_number', 'phoneNumber'],
	['channel_id', 'integrationId'],
] as const;

/** What every message body starts with; each kind adds its content. */
export interface MessageBody {
	channel_id: string;
	/** The form the reference shows for this endpoint: a string of digits, no +. */
	phone_number: string;
	hide_from_chat?: boolean;
	[key: string]: unknown;
}

/** A required text of the message (Text, Body Text), with room to type in the panel. */
export function messageText(
	displayName: string,
	name: string,
	rows: number,
	placeholder: string,
	description: string,
): INodeProperties {
	return { displayName, name, type: 'string', required: true, default: '', typeOptions: { rows }, placeholder, description };
}

/** Channel ID, Phone Number and Options, shown for one message operation around its own fields. */
export function messageParameters(operation: string, fields: INodeProperties[]): INodeProperties[] {
	return showOnly('message', operation, [
		channelId('that sends the message'),
		phoneNumber("The recipient's"),
		...fields,
		messageOptionsDescription,
	]);
}

/**
 * Checks the recipient and channel of one item and builds the send request around the
 * content `build` returns. Sending is never repeated once it may have reached Rampwin.
 */
export function messageRequest(
	ctx: IExecuteFunctions,
	itemIndex: number,
	params: ParameterReader,
	content: () => IDataObject,
): RampwinRequest {
	const options = params.get('options', itemIndex, {}) as IDataObject;
	const body = checkInput(ctx, itemIndex, (): MessageBody => {
		const common: MessageBody = {
			channel_id: parseChannelId(params.get('integrationId', itemIndex)),
			phone_number: parsePhone(params.get('phoneNumber', itemIndex), options.defaultCountryCode),
		};
		if (options.hideFromChat === true) common.hide_from_chat = true;
		return Object.assign(common, content());
	});
	return {
		method: 'POST',
		path: '/api/messages/send',
		qs: options.hideFromChatList === true ? { dontShowInChatList: true } : undefined,
		body,
		safety: 'once',
		refused: { subject: 'the message', badRequestHint: refusalHint },
	};
}

/** Rampwin answers 400 for several causes; say what to do about the one it names. */
function refusalHint(apiMessage: string | undefined): string {
	const said = apiMessage ?? '';
	if (/session|24.?hour|window/i.test(said)) {
		return "WhatsApp lets a business send free-form messages (text, media, buttons, lists) only within 24 hours of the contact's last message to this channel. Outside it only an approved template reaches them: submit one with Template › Create (it is PENDING until Meta approves it; Template › Get Many shows its status) and send it from Rampwin, or wait until the contact writes again.";
	}
	if (/phone|number|recipient/i.test(said)) {
		return 'Check the phone number: it must be a WhatsApp number with its country code.';
	}
	if (/api.?key|unauthori[sz]ed|forbidden|token/i.test(said)) {
		return 'Open the Rampwin API credential and paste the API key again from your Rampwin account settings.';
	}
	return "Rampwin answers 400 for a missing or invalid field, an invalid phone number, an invalid API key, or a contact outside WhatsApp's 24-hour window.";
}

/** `{ sent: true, phone_number, message }`: the reference returns no message id, so none is made up. */
export function messageOutput(
	this: IExecuteFunctions,
	result: SendResult,
	request: RampwinRequest,
	itemIndex: number,
): IDataObject {
	const response = confirmedAnswer(this, result, itemIndex, 'the message', 'Check the chat in Rampwin before you send it again.');
	return { sent: true, phone_number: (request.body as MessageBody).phone_number, message: answerMessage(response, 'Message sent') };
}
