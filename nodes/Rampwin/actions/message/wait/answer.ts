import type { IDataObject } from 'n8n-workflow';

export type ResponseType = 'approval' | 'freeText' | 'whatsappButtons';

export type Answer = { approved: boolean } | { text: string };

/** Where an answer came from: the page behind the message's link, or a button tapped in the chat. */
export type AnsweredVia = 'link' | 'chat';

/**
 * The node's output once it stops waiting: the person's answer with when and where it came,
 * or, when Limit Wait Time ran out first, only `timedOut: true`.
 */
export function answerFields(answer: Answer | undefined, now = new Date(), via: AnsweredVia = 'link'): IDataObject {
	if (answer === undefined) return { timedOut: true };
	return { ...answer, respondedAt: now.toISOString(), answeredVia: via, timedOut: false };
}
