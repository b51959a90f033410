import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { isRecord } from '../helpers/values';
import type { SendResult } from '../transport';

/** Rampwin's answer, when it is an object that does not say `success: false`; otherwise the item fails. */
export function confirmedAnswer(
	ctx: IExecuteFunctions,
	result: SendResult,
	itemIndex: number,
	subject: string,
	fix: string,
): Record<string, unknown> {
	const response = result.outcome === 'ok' ? result.body : undefined;
	if (!isRecord(response) || response.success === false) {
		throw new NodeOperationError(ctx.getNode(), `Item ${itemIndex}: Rampwin did not confirm ${subject}`, {
			itemIndex,
			description: `The answer did not say success. ${fix}`,
		});
	}
	return response;
}

/** A text field of a successful answer, such as an upload's `url` or `header_handle`; undefined when absent or empty. */
export function answerText(result: SendResult, field: string): string | undefined {
	const answer = result.outcome === 'ok' ? result.body : undefined;
	const value = isRecord(answer) && answer.success !== false ? answer[field] : undefined;
	return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The `data` object of an answer that does not say `success: false`, such as a saved contact or a new template. */
export function answerData(body: unknown): IDataObject | undefined {
	return isRecord(body) && body.success !== false && isRecord(body.data) ? (body.data as IDataObject) : undefined;
}

/** The answer's own `message`, or the fallback when it has none. */
export function answerMessage(response: Record<string, unknown>, fallback: string): string {
	return typeof response.message === 'string' ? response.message : fallback;
}

/** The likely fix when an answer is not what Rampwin's reference shows. */
export const BASE_URL_FIX = 'Check that the Base URL in the credential points at the Rampwin API.';
