import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { WAIT_INDEFINITELY } from 'n8n-workflow';

import { waitLimit } from '../../helpers/message/wait/limit';
import { waitButtons } from '../../helpers/message/wait/buttons';
import { linkLabel, waitMessage, type AnswerLink } from '../../helpers/message/wait/message';
import { answerId, type ChatChoice } from '../../helpers/message/wait/token';
import { checkInput } from '../checkInput';
import { channelId, phoneNumber } from '../common';
import { showOnly } from '../descriptions';
import type { OperationOption } from '../operation';
import { messageOptionsDescription } from '../options';
import type { ParameterReader } from '../parameters';
import type { RampwinRequest } from '../../transport';
import { messageOutput, messageRequest } from './common';
import { limitWaitTime } from './wait/description';
import { answerFields, type ResponseType } from './wait/answer';

export { defaults, identity } from './common';

export const option: OperationOption = {
	name: 'Send and Wait for Response',
	action: 'Send message and wait for response',
	description: "Send a text message with answer links, then pause the workflow until the person answers. Free-form: only within 24 hours of the contact's last message.",
};

/** The message options that matter for a single message (not the rate and concurrency ones). */
const ONE_MESSAGE_OPTIONS = new Set(['hideFromChat', 'hideFromChatList', 'defaultCountryCode', 'maxRetries', 'maxWaitForRampwin', 'timeout', 'validateOnly']);

export const description: INodeProperties[] = showOnly('message', 'sendAndWait', [
	channelId('that sends the message'),
	phoneNumber("The recipient's"),
	{
		displayName: 'Message',
		name: 'message',
		type: 'string',
		required: true,
		default: '',
		typeOptions: { rows: 4 },
		placeholder: 'e.g. Refund of $40 for order #1042: approve?',
		hint: "Sent once, for the first input item only, as n8n's own Send and Wait nodes do. Its links open a page on this n8n, so n8n's public URL (WEBHOOK_URL) must be set.",
		description: 'The question. The answer links follow it in the same text message, which must stay within 4096 characters; with WhatsApp Buttons it is the text above the buttons, up to 1024.',
	},
	{
		displayName: 'Response Type',
		name: 'responseType',
		type: 'options',
		default: 'approval',
		description: 'How the person answers: an approval link (or one to approve and one to decline), a page with a text box, or buttons in the chat',
		options: [
			{ name: 'Approval', value: 'approval', description: 'The person approves (or declines) through a link' },
			{ name: 'Free Text', value: 'freeText', description: 'The person types an answer on a page the link opens' },
			{
				name: 'WhatsApp Buttons',
				value: 'whatsappButtons',
				description: 'The person taps Approve (or Decline) in the chat. Needs the Rampwin Trigger active on the same channel.',
			},
		],
	},
	{
		displayName: 'Approval Options',
		name: 'approvalOptions',
		type: 'fixedCollection',
		placeholder: 'Add option',
		default: {},
		description: 'Whether to offer a Decline link too, and the labels before the links',
		displayOptions: { show: { responseType: ['approval', 'whatsappButtons'] } },
		options: [
			{
				displayName: 'Values',
				name: 'values',
				values: [
					{
						displayName: 'Type of Approval',
						name: 'approvalType',
						type: 'options',
						default: 'single',
						options: [
							{ name: 'Approve Only', value: 'single' },
							{ name: 'Approve and Disapprove', value: 'double' },
						],
					},
					{
						displayName: 'Approve Button Label',
						name: 'approveLabel',
						type: 'string',
						default: 'Approve',
						displayOptions: { show: { approvalType: ['single', 'double'] } },
					},
					{
						displayName: 'Disapprove Button Label',
						name: 'disapproveLabel',
						type: 'string',
						default: 'Decline',
						displayOptions: { show: { approvalType: ['double'] } },
					},
				],
			},
		],
	},
	{
		...messageOptionsDescription,
		description: 'How long to wait, how the message is shown in Rampwin and how it is sent',
		options: [
			limitWaitTime,
			{
				displayName: 'Message Button Label',
				name: 'messageButtonLabel',
				type: 'string',
				default: 'Respond',
				description: 'Free Text: the label before the link in the message',
			},
			{
				displayName: 'Response Form Button Label',
				name: 'responseFormButtonLabel',
				type: 'string',
				default: 'Submit',
				description: "Free Text: the label of the page's send button",
			},
			...(messageOptionsDescription.options as INodeProperties[]).filter(({ name }) => ONE_MESSAGE_OPTIONS.has(name)),
		],
	},
]);

/**
 * The message to the first item's recipient, with signed links to this node's waiting webhook
 * (never the unsigned $execution.resumeUrl). The text limit is checked on the whole message,
 * links included, before anything is sent; so is Limit Wait Time.
 */
export function build(this: IExecuteFunctions, itemIndex: number, params: ParameterReader): RampwinRequest {
	const options = params.get('options', itemIndex, {}) as IDataObject;
	checkInput(this, itemIndex, () => waitLimit((options.limitWaitTime as IDataObject | undefined)?.values, new Date()));
	// n8n 1.x checks a send-and-wait link's signature only when the node asks for it.
	(this as { setSignatureValidationRequired?: () => void }).setSignatureValidationRequired?.();
	const responseType = params.get('responseType', itemIndex, 'approval') as ResponseType;
	const links = checkInput(this, itemIndex, () => answerLinks(this, params, itemIndex, responseType, options));
	if (responseType === 'whatsappButtons') {
		const buttons = checkInput(this, itemIndex, () =>
			links.map(({ label, url, field, choice }) => ({ label, id: answerId(url, choice), field })),
		);
		return messageRequest(this, itemIndex, params, () => ({ interactive: waitButtons(params.get('message', itemIndex), buttons) }));
	}
	const text = () => waitMessage(params.get('message', itemIndex), links);
	return messageRequest(this, itemIndex, params, () => ({ text: text() }));
}

/** A link with the panel field its label comes from and, for WhatsApp Buttons, its answer. */
interface Answer extends AnswerLink {
	field: string;
	choice: ChatChoice;
}

function answerLinks(ctx: IExecuteFunctions, params: ParameterReader, itemIndex: number, responseType: ResponseType, options: IDataObject): Answer[] {
	const link = (field: string, value: unknown, fallback: string, choice: ChatChoice, approved?: string): Answer => ({
		label: linkLabel(value, field, fallback),
		url: approved === undefined ? ctx.getSignedResumeUrl() : ctx.getSignedResumeUrl({ approved }),
		field,
		choice,
	});
	if (responseType === 'freeText') return [link('Message Button Label', options.messageButtonLabel, 'Respond', 'sole')];
	const approval = (params.get('approvalOptions', itemIndex, {}) as IDataObject).values as IDataObject | undefined;
	if (approval?.approvalType !== 'double') return [link('Approve Button Label', approval?.approveLabel, 'Approve', 'sole', 'true')];
	return [
		link('Approve Button Label', approval.approveLabel, 'Approve', 'approve', 'true'),
		link('Disapprove Button Label', approval.disapproveLabel, 'Decline', 'decline', 'false'),
	];
}

export const output = messageOutput;

/**
 * Once the message is sent, the run waits for the answer (or the time limit). A failed send
 * (Continue On Fail) and Validate Only do not wait. While it waits, the node shows what was
 * sent; the answer's webhook replaces that with the answer. If the limit comes first, n8n
 * resumes the run with the node skipped, which passes on the node's input: that input is
 * set here to the "no answer" item, so the run goes on with an output that says so.
 */
export async function afterSend(this: IExecuteFunctions, output: INodeExecutionData[][]): Promise<INodeExecutionData[][]> {
	const first = output[0]?.[0]?.json;
	if (first === undefined || first.sent !== true) return output;
	const options = this.getNodeParameter('options', 0, {}) as IDataObject;
	const until = waitLimit((options.limitWaitTime as IDataObject | undefined)?.values, new Date()) ?? WAIT_INDEFINITELY;
	const entry = this.getExecuteData();
	entry.data = { main: [[{ json: answerFields(undefined), pairedItem: { item: 0 } }]] };
	await this.putExecutionToWait(until);
	return output;
}
