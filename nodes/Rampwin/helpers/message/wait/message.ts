import { InputError } from '../../errors';
import { charCount, isEmptyValue, textValue } from '../../values';
import { TEXT_LIMIT } from '../text';

export interface AnswerLink {
	label: string;
	url: string;
}

/**
 * The one text message a Send and Wait sends: the message as typed, then each link on its own
 * line after its label. WhatsApp shows a raw link, so the label says what tapping it does.
 */
export function waitMessage(message: unknown, links: AnswerLink[]): string {
	if (isEmptyValue(message)) throw new InputError('Message', 'Message is empty', 'Enter the question to send');
	const text = typeof message === 'string' ? message : textValue(message, 'Message');
	const linesOfLinks = links.map(({ label, url }) => `${label}: ${url}`).join('\n');
	const whole = `${text.trimEnd()}\n\n${linesOfLinks}`;
	const length = charCount(whole);
	if (length > TEXT_LIMIT) {
		const room = TEXT_LIMIT - (length - charCount(text));
		throw new InputError(
			'Message',
			`Message with its answer links has ${length} characters; WhatsApp allows ${TEXT_LIMIT}`,
			`Shorten Message to ${Math.max(0, room)} characters or fewer: the links take the rest`,
		);
	}
	return whole;
}

/** A button label from the panel, trimmed, or its default when left empty. */
export function linkLabel(value: unknown, field: string, fallback: string): string {
	if (isEmptyValue(value)) return fallback;
	return textValue(value, field);
}
