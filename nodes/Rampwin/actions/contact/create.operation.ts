import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { AttributeEntry } from '../../helpers/attributes';
import { buildContactBody, type ContactBody } from '../../helpers/contact';
import { InputError } from '../../helpers/errors';
import type { ParameterReader } from '../../helpers/parameters';
import { optionsDescription } from '../options';
import { isObject, type RampwinRequest, type SendResult } from '../../transport';

const showFor = { resource: ['contact'], operation: ['create'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Channel ID',
		name: 'integrationId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 64f1c2a9e4b0a1b2c3d4e5f6',
		description: 'The ID of the Rampwin WhatsApp channel (integration) to add the contact to',
		displayOptions: { show: showFor },
	},
	{
		displayName: 'Phone Number',
		name: 'phoneNumber',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. +91 98765 43210',
		description:
			'The WhatsApp number with its country code. Spaces, dashes, brackets and a leading + are removed before sending.',
		displayOptions: { show: showFor },
	},
	{
		displayName: 'Full Name',
		name: 'fullName',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. John Doe',
		description: "The contact's full name",
		displayOptions: { show: showFor },
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: showFor },
		options: [
			{
				displayName: 'Address',
				name: 'address',
				type: 'string',
				default: '',
				placeholder: 'e.g. 12 Marine Drive',
			},
			{
				displayName: 'City',
				name: 'city',
				type: 'string',
				default: '',
				placeholder: 'e.g. Mumbai',
			},
			{
				displayName: 'Company',
				name: 'company',
				type: 'string',
				default: '',
				placeholder: 'e.g. Acme Ltd',
			},
			{
				displayName: 'Email',
				name: 'email',
				type: 'string',
				default: '',
				placeholder: 'e.g. name@email.com',
			},
			{
				displayName: 'First Name',
				name: 'firstName',
				type: 'string',
				default: '',
				placeholder: 'e.g. John',
			},
			{
				displayName: 'Last Name',
				name: 'lastName',
				type: 'string',
				default: '',
				placeholder: 'e.g. Doe',
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
	},
	{
		displayName: 'Custom Attributes',
		name: 'customAttributes',
		type: 'fixedCollection',
		placeholder: 'Add Attribute',
		default: {},
		typeOptions: { multipleValues: true },
		description: 'Extra fields stored on the contact for personalisation, each sent with the chosen type',
		displayOptions: { show: showFor },
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
	},
	{ ...optionsDescription, displayOptions: { show: showFor } },
];

/** Reads and checks one item's fields; throws a NodeOperationError naming item, field and fix. */
export function build(this: IExecuteFunctions, itemIndex: number, params: ParameterReader): RampwinRequest {
	let body: ContactBody;
	try {
		body = buildContactBody({
			channelId: params.get('integrationId', itemIndex),
			phoneNumber: params.get('phoneNumber', itemIndex),
			fullName: params.get('fullName', itemIndex),
			additionalFields: params.get('additionalFields', itemIndex, {}) as IDataObject,
			customAttributes: params.get('customAttributes.attribute', itemIndex, []) as AttributeEntry[],
		});
	} catch (error) {
		if (error instanceof InputError) {
			throw new NodeOperationError(this.getNode(), `Item ${itemIndex}: ${error.message}`, {
				itemIndex,
				description: `Field "${error.field}": ${error.hint}`,
			});
		}
		throw new NodeOperationError(this.getNode(), error as Error, { itemIndex });
	}
	return { method: 'POST', path: '/api/contacts', qs: { integration_id: body.integration_id }, body };
}

/** Turns what the transport got back into the item's output. */
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
	const response = result.body;
	if (isObject(response) && response.success !== false && isObject(response.data)) {
		return response.data as IDataObject;
	}
	const said = isObject(response) && typeof response.message === 'string' ? `: ${response.message}` : '';
	throw new NodeOperationError(
		this.getNode(),
		`Item ${itemIndex}: Rampwin did not return the created contact${said}`,
		{
			itemIndex,
			description:
				'The answer had no "data" object. Check that the Base URL in the credential points at the Rampwin API.',
		},
	);
}
