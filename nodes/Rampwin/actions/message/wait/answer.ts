import type { IDataObject } from 'n8n-workflow';

export type ResponseType = 'approval' | 'freeText';

export type Answer = { approved: boolean } | { text: string };

/**
 * The node's output once it stops waiting: the person's answer with when and where it came
 * ('link': the page behind the message's link), or, when Limit Wait Time ran out first,
 * only `timedOut: true`.
 */
export function answerFields(answer: Answer | undefined, now = new Date()): IDataObject {
	if (answer === undefined) return { timedOut: true };
	return { ...answer, respondedAt: now.toISOString(), answeredVia: 'link', timedOut: false };
}
