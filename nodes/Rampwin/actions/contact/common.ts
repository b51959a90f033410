import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { AttributeEntry } from '../../helpers/contact/attributes';
import type { ContactFieldsInput } from '../../helpers/contact/contact';
import type { ParameterReader } from '../parameters';
import { isRecord } from '../../helpers/values';
import { answerData, BASE_URL_FIX } from '../answers';
import { channelId } from '../common';

/** The contact's channel, the same for every contact operation, so switching the operation keeps its value. */
export const contactChannelId = channelId('the contact belongs to');

export const additionalFields: INodeProperties = {
	displayName: 'Additional Fields',
	name: 'additionalFields',
	type: 'collection',
	placeholder: 'Add Field',
	default: {},
	description: 'More contact fields. Only the fields you add are sent.',
	options: [
		{
			displayName: 'Address',
			name: 'address',
			type: 'string',
			default: '',
			placeholder: 'e.g. 12 Marine Drive',
			description: "The contact's street address",
		},
		{
			displayName: 'City',
			name: 'city',
			type: 'string',
			default: '',
			placeholder: 'e.g. Mumbai',
			description: "The city the contact lives in",
		},
		{
			displayName: 'Company',
			name: 'company',
			type: 'string',
			default: '',
			placeholder: 'e.g. Acme Ltd',
			description: "The company the contact works for",
		},
		{
			displayName: 'Email',
			name: 'email',
			type: 'string',
			default: '',
			placeholder: 'e.g. name@email.com',
			description: "The contact's e-mail address, e.g. name@example.com",
		},
		{
			displayName: 'First Name',
			name: 'firstName',
			type: 'string',
			default: '',
			placeholder: 'e.g. John',
			description: "The contact's given name, e.g. John",
		},
		{
			displayName: 'Last Name',
			name: 'lastName',
			type: 'string',
			default: '',
			placeholder: 'e.g. Doe',
			description: "The contact's family name, e.g. Doe",
		},
		{
			displayName: 'Remarks',
			name: 'remarks',
			type: 'string',
			default: '',
			typeOptions: { rows: 2 },
			description: 'Free-text notes about the contact',
		},
		{
			displayName: 'State',
			name: 'state',
			type: 'string',
			default: '',
			placeholder: 'e.g. Maharashtra',
			description: "The state or region the contact lives in",
		},
		{
			displayName: 'Tags',
			name: 'tags',
			type: 'string',
			default: '',
			placeholder: 'e.g. premium, whatsapp_user',
			description: 'Comma-separated tags, or a list of strings from an expression',
		},
		{
			displayName: 'Timezone',
			name: 'timezone',
			type: 'string',
			default: '',
			placeholder: 'e.g. Asia/Kolkata',
			description: 'The IANA time zone name of the contact',
		},
		{
			displayName: 'Zip Code',
			name: 'zipcode',
			type: 'string',
			default: '',
			placeholder: 'e.g. 400001',
			description: 'Sent as text, so leading zeros are kept',
		},
	],
};

export const customAttributes: INodeProperties = {
	displayName: 'Custom Attributes',
	name: 'customAttributes',
	type: 'fixedCollection',
	placeholder: 'Add Attribute',
	default: {},
	typeOptions: { multipleValues: true },
	description: 'Extra fields stored on the contact for personalisation, each sent with the chosen type',
	options: [
		{
			displayName: 'Attribute',
			name: 'attribute',
			values: [
				{
					displayName: 'Name',
					name: 'name',
					type: 'string',
					default: '',
					placeholder: 'e.g. plan_status',
					description: 'The attribute key as Rampwin stores it',
				},
				{
					displayName: 'Type',
					name: 'type',
					type: 'options',
					default: 'string',
					description: 'The JSON type the value is sent as',
					options: [
						{
							name: 'Array',
							value: 'array',
							description: 'Comma-separated text becomes a list, e.g. a, b',
						},
						{ name: 'Boolean', value: 'boolean', description: 'True or false' },
						{ name: 'JSON', value: 'json', description: 'Any JSON value, parsed from text' },
						{ name: 'Number', value: 'number', description: 'A number such as 500 or 12.5' },
						{ name: 'String', value: 'string', description: 'Text, sent as it is' },
					],
				},
				{
					displayName: 'Value',
					name: 'value',
					type: 'string',
					default: '',
					placeholder: 'e.g. ACTIVE',
				},
			],
		},
	],
};

/** The Default Country Code option of one item (it may come from an expression). */
export function readDefaultCountryCode(params: ParameterReader, itemIndex: number): unknown {
	return params.get('options.defaultCountryCode', itemIndex, '');
}

/** Additional Fields and Custom Attributes of one item, as the contact helpers take them. */
export function readContactFields(params: ParameterReader, itemIndex: number): ContactFieldsInput {
	return {
		additionalFields: params.get('additionalFields', itemIndex, {}) as IDataObject,
		customAttributes: params.get('customAttributes.attribute', itemIndex, []) as AttributeEntry[],
	};
}

/** The contact in Rampwin's answer (`data`), or an error for the item when there is none. */
export function returnedContact(
	ctx: IExecuteFunctions,
	response: unknown,
	itemIndex: number,
	verb: 'created' | 'saved',
): IDataObject {
	const data = answerData(response);
	if (data !== undefined) return data;
	const said = isRecord(response) && typeof response.message === 'string' ? `: ${response.message}` : '';
	throw new NodeOperationError(ctx.getNode(), `Item ${itemIndex}: Rampwin did not return the ${verb} contact${said}`, {
		itemIndex,
		description: `The answer had no "data" object. ${BASE_URL_FIX}`,
	});
}
