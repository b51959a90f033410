import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { buildContactBody, type ContactBody } from '../../helpers/contact/contact';
import type { ParameterReader } from '../parameters';
import { showOnly } from '../descriptions';
import { checkInput } from '../checkInput';
import { DEFAULT_OPTIONS, optionsDescription } from '../options';
import type { RampwinRequest, SendResult } from '../../transport';
import { phoneNumber } from '../common';
import { additionalFields, contactChannelId, customAttributes, readContactFields, readDefaultCountryCode, returnedContact } from './common';
import type { OperationOption } from '../operation';

export const identity = [['phone_number', 'phoneNumber'], ['full_name', 'fullName'], ['integration_id', 'integrationId']] as const;

export const defaults = DEFAULT_OPTIONS;

export const option: OperationOption = { name: 'Create', action: 'Create contact', description: 'Add a new contact to a WhatsApp channel. Fails if the phone number is already on the channel; use Create or Update when unsure.' };

export const description: INodeProperties[] = showOnly('contact', 'create', [
	contactChannelId,
	phoneNumber('The'),
	{
		displayName: 'Full Name',
		name: 'fullName',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. John Doe',
		description: "The contact's full name as Rampwin shows it, e.g. John Doe",
	},
	additionalFields,
	customAttributes,
	optionsDescription,
]);

export function build(this: IExecuteFunctions, itemIndex: number, params: ParameterReader): RampwinRequest {
	const body = checkInput(this, itemIndex, () =>
		buildContactBody({
			channelId: params.get('integrationId', itemIndex),
			phoneNumber: params.get('phoneNumber', itemIndex),
			fullName: params.get('fullName', itemIndex),
			defaultCountryCode: readDefaultCountryCode(params, itemIndex),
			...readContactFields(params, itemIndex),
		}),
	);
	return {
		method: 'POST',
		path: '/api/contacts',
		qs: { integration_id: body.integration_id },
		body,
		safety: 'naturalKey',
		refused: {
			subject: 'the contact',
			badRequestHint: 'Rampwin answers 400 both for invalid fields and for a contact whose phone number already exists on this channel. To update existing contacts, use Create or Update.',
			lostCheck: 'Look the phone number up in Rampwin, or send it with Contact › Create or Update, which creates the contact only if it is missing.',
		},
	};
}

export function output(
	this: IExecuteFunctions,
	result: SendResult,
	request: RampwinRequest,
	itemIndex: number,
): IDataObject {
	const { phone_number, full_name, integration_id } = request.body as ContactBody;
	if (result.outcome === 'probablyDone') {
		return {
			phone_number,
			full_name,
			integration_id,
			status: 'probablyCreated',
			message: `Rampwin says this contact already exists. An earlier attempt ended with ${result.lostAttempt}, so that attempt probably created it.`,
			apiMessage: result.message,
		};
	}
	return returnedContact(this, result.body, itemIndex, 'created');
}
