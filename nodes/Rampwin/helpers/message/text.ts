import { InputError } from '../errors';
import { charCount, isEmptyValue, kindOf, quote, scalarText } from '../values';

/** WhatsApp's limit on a text message (Meta's Cloud API), as the Rampwin reference restates it. */
export const TEXT_LIMIT = 4096;

/** The text of a text message: kept exactly as given, line breaks and spaces included. */
export function parseText(value: unknown): string {
	return longText(value, 'Text', TEXT_LIMIT, 'Enter the message to send');
}

/** Message text (body, text message): kept as typed, but never blank. */
export function longText(value: unknown, field: string, max: number, emptyHint: string): string {
	if (isEmptyValue(value)) throw new InputError(field, `${field} is empty`, emptyHint);
	const text = textOf(value, field, field);
	const length = charCount(text);
	if (length > max) {
		throw new InputError(
			field,
			`${field} has ${length} characters; WhatsApp allows ${max}`,
			`Shorten ${field} to ${max} characters or fewer${field === 'Text' ? ', or send it as two messages' : ''}`,
		);
	}
	return text;
}

/** A short one-line value (title, ID, label, footer): trimmed; undefined when empty. */
export function label(value: unknown, field: string, name: string, max: number): string | undefined {
	if (isEmptyValue(value)) return undefined;
	const text = textOf(value, field, name).trim();
	const length = charCount(text);
	if (length > max) {
		throw new InputError(
			field,
			`${name} ${quote(text)} has ${length} characters; WhatsApp allows ${max}`,
			`Shorten ${name === field ? name : lowerFirst(name)} to ${max} characters or fewer`,
		);
	}
	return text;
}

function textOf(value: unknown, field: string, name: string): string {
	const given = scalarText(value);
	if (given !== undefined) return given;
	throw new InputError(field, `${name} must be text, not ${kindOf(value)}`, `Map a single text value into ${name}`);
}

function lowerFirst(text: string): string {
	return text.charAt(0).toLowerCase() + text.slice(1);
}
