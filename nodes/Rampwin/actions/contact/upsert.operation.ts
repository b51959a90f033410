import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { parseChannelId } from '../../helpers/channel';
import { buildUpsertBody } from '../../helpers/contact/contact';
import type { ParameterReader } from '../parameters';
import { showOnly } from '../descriptions';
import { checkInput } from '../checkInput';
import { DEFAULT_OPTIONS, optionsDescription } from '../options';
import type { RampwinRequest, SendResult } from '../../transport';
import { phoneNumber } from '../common';
import { additionalFields, contactChannelId, customAttributes, readContactFields, readDefaultCountryCode, returnedContact } from './common';
import type { OperationOption } from '../operation';

export const identity = [['phone_number', 'phoneNumber'], ['full_name', 'fullName'], ['channel_id', 'integrationId']] as const;

export const defaults = DEFAULT_OPTIONS;

// n8n's lint rule fixes this wording for every upsert operation.
export const option: OperationOption = { name: 'Create or Update', action: 'Create or update a contact', description: 'Create a new record, or update the current one if it already exists (upsert)' };

export const description: INodeProperties[] = showOnly('contact', 'upsert', [
	contactChannelId,
	phoneNumber('The', 'Rampwin finds the contact by this number on the channel.'),
	{
		displayName: 'Full Name',
		name: 'fullName',
		type: 'string',
		default: '',
		placeholder: 'e.g. John Doe',
		description: "The contact's full name. Leave empty to keep the name Rampwin has.",
	},
	additionalFields,
	customAttributes,
	optionsDescription,
]);

/**
 * Reads and checks one item. Only the fields that are set are sent: Rampwin keeps every
 * stored field the request leaves out, so an empty cell never wipes a value.
 */
export function build(this: IExecuteFunctions, itemIndex: number, params: ParameterReader): RampwinRequest {
	const [channel, body] = checkInput(this, itemIndex, () => [
		parseChannelId(params.get('integrationId', itemIndex)),
		buildUpsertBody({
			phoneNumber: params.get('phoneNumber', itemIndex),
			fullName: params.get('fullName', itemIndex, ''),
			defaultCountryCode: readDefaultCountryCode(params, itemIndex),
			...readContactFields(params, itemIndex),
		}),
	] as const);
	return {
		method: 'POST',
		path: '/api/contacts/insertOrUpdate',
		qs: { channel_id: channel },
		body,
		// Unique on phone number and channel: sending it again leaves the same contact.
		safety: 'idempotent',
		refused: {
			subject: 'the contact',
			badRequestHint: 'Rampwin answers 400 when a field is invalid. Check the phone number and the fields named in the message.',
		},
	};
}

/** The contact as Rampwin returns it; the answer does not say whether it was new. */
export function output(this: IExecuteFunctions, result: SendResult, _request: RampwinRequest, itemIndex: number): IDataObject {
	return returnedContact(this, result.outcome === 'ok' ? result.body : undefined, itemIndex, 'saved');
}
