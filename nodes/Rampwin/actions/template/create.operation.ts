import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { parseChannelId } from '../../helpers/channel';
import { InputError } from '../../helpers/errors';
import { checkHeaderFile } from '../../helpers/message/media';
import {
	parseCategory,
	parseLanguage,
	parseTemplateName,
	TEMPLATE_LANGUAGES,
	type TemplateComponent,
} from '../../helpers/template/rules';
import { buildComponents, parseComponentsJson, type TemplateJson } from '../../helpers/template/template';
import { article } from '../../helpers/values';
import type { RampwinRequest, SendResult } from '../../transport';
import { answerData, BASE_URL_FIX } from '../answers';
import { checkInput } from '../checkInput';
import { showOnly } from '../descriptions';
import type { OperationOption } from '../operation';
import { DEFAULT_OPTIONS, optionsDescription } from '../options';
import type { ParameterReader } from '../parameters';
import { uploadFirst } from '../upload';
import { templateChannelId, TEMPLATES_PATH } from './common';

interface CreateBody {
	channel_id: string;
	template_json: TemplateJson;
}

export const identity = [['name', 'name'], ['channel_id', 'integrationId']] as const;

export const defaults = DEFAULT_OPTIONS;

/** Stands in for a media header's handle until the upload before the request gives one. */
const UPLOAD_PENDING = 'pending-upload';

const fromFields = { show: { componentsInput: ['fields'] } };
const mediaHeader = { show: { componentsInput: ['fields'], headerType: ['image', 'video', 'document'] } };
// Rampwin's template upload takes JPG, PNG and MP4 files, so a document header is given by handle only.
const uploadableHeader = { show: { componentsInput: ['fields'], headerType: ['image', 'video'] } };

export const option: OperationOption = { name: 'Create', action: 'Create a template', description: "Submit a new WhatsApp template to Meta for approval, checked against Meta's rules first. Its status is PENDING until Meta decides." };

export const description: INodeProperties[] = showOnly('template', 'create', [
	templateChannelId,
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. order_shipped',
		description: 'The template name, new on this channel: lowercase letters, digits and underscores, up to 512 characters',
	},
	{
		displayName: 'Category',
		name: 'category',
		type: 'options',
		default: 'utility',
		description: 'What the template is for; Meta may change it on review and prices messages by it',
		options: [
			{ name: 'Authentication', value: 'authentication', description: 'One-time passwords and login codes' },
			{ name: 'Marketing', value: 'marketing', description: 'Offers, news and anything promotional' },
			{ name: 'Utility', value: 'utility', description: 'Updates about an order, booking or account the contact has' },
		],
	},
	{
		displayName: 'Language',
		name: 'language',
		type: 'options',
		default: 'en_US',
		description: 'The language of the text, as a code Meta accepts. Choose Other to type a code Meta added later.',
		options: [
			...TEMPLATE_LANGUAGES.map(([value, name]) => ({ name: `${name} (${value})`, value })),
			{ name: 'Other (Type a Code)', value: 'other' },
		].sort((a, b) => a.name.localeCompare(b.name)),
	},
	{
		displayName: 'Language Code',
		name: 'languageCode',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. en_US',
		description: 'A language code from Meta\'s list of template languages, with an underscore before the region, e.g. pt_BR',
		displayOptions: { show: { language: ['other'] } },
	},
	{
		displayName: 'Components Input',
		name: 'componentsInput',
		type: 'options',
		default: 'fields',
		description: 'Whether to enter the header, body, footer and buttons here or give them as JSON, e.g. from an AI agent or a previous node',
		options: [
			{ name: 'Fields Below', value: 'fields', description: 'Enter each part of the template' },
			{ name: 'JSON', value: 'json', description: "Give the components in Meta's shape" },
		],
	},
	{
		displayName: 'Header',
		name: 'headerType',
		type: 'options',
		default: 'none',
		description: 'What shows above the body',
		options: [
			{ name: 'Document', value: 'document', description: 'A PDF or other document, by the handle of an earlier template media upload' },
			{ name: 'Image', value: 'image', description: 'A JPG or PNG image up to 5 MB' },
			{ name: 'None', value: 'none' },
			{ name: 'Text', value: 'text', description: 'A line of text, up to 60 characters' },
			{ name: 'Video', value: 'video', description: 'An MP4 video up to 16 MB' },
		],
		displayOptions: fromFields,
	},
	{
		displayName: 'Header Text',
		name: 'headerText',
		type: 'string',
		default: '',
		placeholder: 'e.g. Order {{1}} has shipped',
		description: 'Up to 60 characters, with at most one variable, {{1}}',
		displayOptions: { show: { componentsInput: ['fields'], headerType: ['text'] } },
	},
	{
		displayName: 'Header Example',
		name: 'headerExample',
		type: 'string',
		default: '',
		placeholder: 'e.g. #1042',
		description: "A sample value for the header's {{1}}, which Meta needs to review it. Leave empty when the header has no variable.",
		displayOptions: { show: { componentsInput: ['fields'], headerType: ['text'] } },
	},
	{
		displayName: 'Header Source',
		name: 'headerSource',
		type: 'options',
		default: 'handle',
		description: 'Where the header media comes from',
		options: [
			{ name: 'Handle', value: 'handle', description: 'A handle from an earlier template media upload' },
			{ name: 'Binary File', value: 'binary', description: "A JPG, PNG or MP4 file from the input item's binary data; the node uploads it first" },
		],
		displayOptions: uploadableHeader,
	},
	...[
		{ show: { ...uploadableHeader.show, headerSource: ['handle'] } },
		{ show: { componentsInput: ['fields'], headerType: ['document'] } },
	].map(
		(displayOptions): INodeProperties => ({
			displayName: 'Header Handle',
			name: 'headerHandle',
			type: 'string',
			default: '',
			placeholder: 'e.g. 4::aW1hZ2UvanBlZw==:ARb…',
			description: 'The header_handle Rampwin returned for an uploaded file',
			displayOptions,
		}),
	),
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		placeholder: 'e.g. data',
		hint: 'The name of the input binary field containing the header file',
		description: 'The binary field of the input item that holds the header file: a JPG or PNG image up to 5 MB or an MP4 video up to 16 MB',
		displayOptions: { show: { ...mediaHeader.show, headerSource: ['binary'] } },
	},
	{
		displayName: 'Body',
		name: 'bodyText',
		type: 'string',
		required: true,
		default: '',
		typeOptions: { rows: 4 },
		placeholder: 'e.g. Hi {{1}}, your order {{2}} has shipped.',
		description:
			"The message, up to 1024 characters. Variables are numbered {{1}}, {{2}} … in order. Pasted, the text turns into an expression whose preview shows {{1}} as 1; the node still sends {{1}}.",
		displayOptions: fromFields,
	},
	{
		displayName: 'Body Examples',
		name: 'bodyExamples',
		type: 'string',
		default: '',
		typeOptions: { rows: 2 },
		placeholder: 'e.g. Asha',
		description: 'One sample value per line for {{1}}, {{2}} … in order, or a list from an expression. Meta rejects a template without them.',
		displayOptions: fromFields,
	},
	{
		displayName: 'Footer',
		name: 'footerText',
		type: 'string',
		default: '',
		placeholder: 'e.g. Reply STOP to opt out',
		description: 'Small print below the body, up to 60 characters, without variables. Optional.',
		displayOptions: fromFields,
	},
	{
		displayName: 'Buttons',
		name: 'buttons',
		type: 'fixedCollection',
		placeholder: 'Add Button',
		default: {},
		typeOptions: { multipleValues: true, maxAllowedFields: 10 },
		description: 'Up to 10 buttons: up to 10 quick replies, 2 URL buttons and 1 phone number button. Quick replies go together.',
		options: [
			{
				displayName: 'Button',
				name: 'button',
				values: [
					{
						displayName: 'Phone Number',
						name: 'phoneNumber',
						type: 'string',
						default: '',
						placeholder: 'e.g. +91 98765 43210',
						description: 'Phone number buttons: the number to call, with its country code',
					},
					{
						displayName: 'Text',
						name: 'text',
						type: 'string',
						default: '',
						placeholder: 'e.g. Track order',
						description: 'The text on the button, up to 25 characters',
					},
					{
						displayName: 'Type',
						name: 'type',
						type: 'options',
						default: 'quickReply',
						options: [
							{
								name: 'Phone Number',
								value: 'phoneNumber',
								description: 'Calls a number',
							},
							{
								name: 'Quick Reply',
								value: 'quickReply',
								description: 'Sends its text back as a reply',
							},
							{
								name: 'URL',
								value: 'url',
								description: 'Opens a web address',
							},
						],
					},
					{
						displayName: 'URL',
						name: 'url',
						type: 'string',
						default: '',
						placeholder: 'e.g. https://example.com/orders/{{1}}',
						description: 'URL buttons: the address, which may end with one variable, {{1}}',
					},
					{
						displayName: 'URL Example',
						name: 'urlExample',
						type: 'string',
						default: '',
						placeholder: 'e.g. 1042',
						description: 'URL buttons: a sample value for the address\'s {{1}}',
					},
				],
			},
		],
		displayOptions: fromFields,
	},
	{
		displayName: 'Components (JSON)',
		name: 'componentsJson',
		type: 'json',
		default:
			'[\n  { "type": "BODY", "text": "Hi {{1}}, your order {{2}} has shipped.", "example": { "body_text": [["Asha", "#1042"]] } }\n]',
		description:
			'The components in Meta\'s shape: HEADER, BODY, FOOTER and BUTTONS, each variable with a sample value under "example". A media header takes "example": { "header_handle": ["…"] }.',
		displayOptions: { show: { componentsInput: ['json'] } },
	},
	optionsDescription,
]);

export async function build(this: IExecuteFunctions, itemIndex: number, params: ParameterReader): Promise<RampwinRequest> {
	const asJson = params.get('componentsInput', itemIndex, 'fields') === 'json';
	const headerType = asJson ? 'none' : String(params.get('headerType', itemIndex, 'none'));
	// Header Source is shown for image and video headers only: a document is given by handle.
	const fromBinary = (headerType === 'image' || headerType === 'video') && params.get('headerSource', itemIndex, 'handle') === 'binary';
	const body = checkInput(this, itemIndex, (): CreateBody => {
		const channel = parseChannelId(params.get('integrationId', itemIndex));
		const name = parseTemplateName(params.get('name', itemIndex));
		const category = parseCategory(params.get('category', itemIndex, 'utility'));
		const chosen = params.get('language', itemIndex, 'en_US');
		const language = chosen === 'other' ? parseLanguage(params.get('languageCode', itemIndex, ''), 'Language Code') : parseLanguage(chosen);
		const components = asJson
			? parseComponentsJson(params.metaText('componentsJson', itemIndex))
			: buildComponents({
					headerFormat: headerType,
					headerText: params.metaText('headerText', itemIndex, ''),
					headerExample: params.get('headerExample', itemIndex, ''),
					headerHandle: fromBinary ? UPLOAD_PENDING : params.get('headerHandle', itemIndex, ''),
					bodyText: params.metaText('bodyText', itemIndex, ''),
					bodyExamples: params.get('bodyExamples', itemIndex, ''),
					footerText: params.metaText('footerText', itemIndex, ''),
					buttons: params.metaText('buttons', itemIndex, {}),
					defaultCountryCode: params.get('options.defaultCountryCode', itemIndex, ''),
				});
		return { channel_id: channel, template_json: { name, category, language, components } };
	});
	const request: RampwinRequest = {
		method: 'POST',
		path: TEMPLATES_PATH,
		body,
		// The name is unique on the channel: a repeat is refused, so a lost answer followed by
		// "already exists" means the first attempt created it.
		safety: 'naturalKey',
		refused: {
			subject: 'the template',
			badRequestHint:
				"Rampwin answers 400 when the template breaks one of Meta's rules or a template with this name already exists on the channel. Use a new name (Template › Get Many lists the existing ones) and check the parts Rampwin names.",
			lostCheck: 'Look for its name with Template › Get Many before you submit it again.',
		},
	};
	if (fromBinary) request.before = await uploadHeader(this, itemIndex, params, body, headerType);
	return request;
}

/** The header file, checked as Send Media checks it, uploaded before the template is created. */
async function uploadHeader(
	ctx: IExecuteFunctions,
	itemIndex: number,
	params: ParameterReader,
	body: CreateBody,
	headerType: string,
): Promise<NonNullable<RampwinRequest['before']>> {
	return await uploadFirst(ctx, itemIndex, params, {
		check: (given) => {
			const file = checkHeaderFile(given);
			if (file.kind !== headerType) {
				throw new InputError('Input Binary Field', `The file is ${article(file.kind)}, but the header is ${article(headerType)}`, `Choose ${file.kind === 'image' ? 'Image' : 'Video'} as the header, or give ${article(headerType)} file`);
			}
			return file;
		},
		path: '/api/integrations/uploadTemplateMedia',
		qs: { channel_id: body.channel_id },
		field: 'common_file',
		refused: {
			subject: 'the header file',
			badRequestHint: 'Rampwin takes a JPG or PNG image up to 5 MB or an MP4 video up to 16 MB. No template was submitted.',
		},
		answer: {
			field: 'header_handle',
			missing: 'Rampwin did not return a handle for the header file',
			description: `The upload answer had no "header_handle". No template was submitted. ${BASE_URL_FIX}`,
		},
		use: (handle) => {
			const header = body.template_json.components.find((component: TemplateComponent) => component.type === 'HEADER');
			if (header) header.example = { header_handle: [handle] };
		},
	});
}

/** Rampwin's `data` for the new template (template_id, name, status …), or "probably created". */
export function output(this: IExecuteFunctions, result: SendResult, request: RampwinRequest, itemIndex: number): IDataObject {
	const { channel_id, template_json } = request.body as CreateBody;
	if (result.outcome === 'probablyDone') {
		return {
			name: template_json.name,
			language: template_json.language,
			category: template_json.category,
			channel_id,
			status: 'probablyCreated',
			message: `Rampwin refused this template as a repeat. An earlier attempt ended with ${result.lostAttempt}, so that attempt probably created it. Check with Template › Get Many.`,
			apiMessage: result.message,
		};
	}
	const data = answerData(result.body);
	if (data !== undefined) return data;
	throw new NodeOperationError(this.getNode(), `Item ${itemIndex}: Rampwin did not return the created template`, {
		itemIndex,
		description: `The answer had no "data" object. Check the channel's templates in Rampwin before you submit it again. ${BASE_URL_FIX}`,
	});
}
