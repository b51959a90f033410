import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { choicePage, PAGE_HEADERS, problemPage, recordedPage } from '../../../helpers/message/wait/page';
import { answerFields, type ResponseType } from './answer';

/**
 * The waiting webhook behind a Send and Wait link. n8n has already checked the link's
 * signature, and answers itself for a finished or unknown execution, before it calls this.
 * A GET never answers: link previews and bots fetch links, so it only shows the choice; the
 * page's POST, sent by the person's tap, resumes the run.
 */
export async function sendAndWaitWebhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const request = this.getRequestObject();
	const responseType = this.getNodeParameter('responseType', 'approval') as ResponseType;
	const choice = responseType === 'freeText' ? 'text' : approvalChoice(request.query.approved);
	if (choice === undefined) {
		return page(this, 400, problemPage('This link is not complete', 'Open the link exactly as it came in the message.'));
	}
	if (responseType === 'whatsappButtons' && request.method === 'POST') return chatAnswer(this, choice === 'approve');
	const message = shownMessage(this);
	const button = choice === 'text' ? option(this, 'options.responseFormButtonLabel', 'Submit') : approvalButton(this, choice);
	const textBox = choice === 'text' ? 'Your answer' : undefined;
	if (request.method !== 'POST') return page(this, 200, choicePage({ message, button, textBox }));

	let answer: { approved: boolean } | { text: string };
	if (choice === 'text') {
		const text = (this.getBodyData() as IDataObject).text;
		if (typeof text !== 'string' || text.trim() === '') {
			return page(this, 422, choicePage({ message, button, textBox, error: 'Type an answer before you send it.' }));
		}
		answer = { text };
	} else {
		answer = { approved: choice === 'approve' };
	}
	headers(this);
	return {
		webhookResponse: recordedPage(),
		workflowData: [[{ json: answerFields(answer), pairedItem: { item: 0 } }]],
	};
}

/**
 * A tap on a WhatsApp Buttons question, posted by the Rampwin Trigger (trigger/answers.ts) to the
 * link n8n signed for it: only n8n's own checks stand before this, so the answer counts once. The
 * short JSON answer tells the trigger that the run goes on; n8n's "no action required" page,
 * for an answer given already, does not say so.
 */
function chatAnswer(ctx: IWebhookFunctions, approved: boolean): IWebhookResponseData {
	ctx.getResponseObject().status(200).json({ answer: 'recorded' });
	return { noWebhookResponse: true, workflowData: [[{ json: answerFields({ approved }, new Date(), 'chat'), pairedItem: { item: 0 } }]] };
}

function approvalChoice(value: unknown): 'approve' | 'decline' | undefined {
	if (value === 'true') return 'approve';
	if (value === 'false') return 'decline';
	return undefined;
}

function approvalButton(ctx: IWebhookFunctions, choice: 'approve' | 'decline'): string {
	return choice === 'approve'
		? option(ctx, 'approvalOptions.values.approveLabel', 'Approve')
		: option(ctx, 'approvalOptions.values.disapproveLabel', 'Decline');
}

/** A label from the panel; one that cannot be read here (an expression on the item) gets its default. */
function option(ctx: IWebhookFunctions, name: string, fallback: string): string {
	try {
		const value = ctx.getNodeParameter(name, fallback);
		return typeof value === 'string' && value.trim() !== '' ? value.trim() : fallback;
	} catch {
		return fallback;
	}
}

/** The question, as the page repeats it; empty when it cannot be read without the item. */
function shownMessage(ctx: IWebhookFunctions): string {
	try {
		const value = ctx.getNodeParameter('message', '');
		return typeof value === 'string' ? value : '';
	} catch {
		return '';
	}
}

function page(ctx: IWebhookFunctions, status: number, html: string): IWebhookResponseData {
	headers(ctx).status(status).send(html);
	return { noWebhookResponse: true };
}

function headers(ctx: IWebhookFunctions): ReturnType<IWebhookFunctions['getResponseObject']> {
	const response = ctx.getResponseObject();
	for (const [name, value] of Object.entries(PAGE_HEADERS)) response.setHeader(name, value);
	return response;
}
