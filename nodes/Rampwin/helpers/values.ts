/** How values are read and named in errors, for every helper, the transport and the operations. */
import { InputError } from './errors';

export function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The kind of a value with its article, as errors name it: "null", "undefined", "a list", "an object", "a number". */
export function kindOf(value: unknown): string {
	if (value === null || value === undefined) return String(value);
	if (Array.isArray(value)) return 'a list';
	return article(typeof value);
}

/** A word with its indefinite article: "an image", "a video". */
export function article(word: string): string {
	return /^[aeiou]/i.test(word) ? `an ${word}` : `a ${word}`;
}

/** Characters as Unicode code points: an emoji counts once, not as its two UTF-16 halves. */
export function charCount(text: string): number {
	return [...text].length;
}

/** Text as an error quotes it: in double quotes, cut after its first 40 characters. */
export function quote(text: string): string {
	const chars = [...text];
	return `"${chars.length > QUOTE_LIMIT ? `${chars.slice(0, QUOTE_LIMIT).join('')}…` : text}"`;
}

const QUOTE_LIMIT = 40;

/** A value as an error shows it: text quoted, numbers and booleans as written, anything else by its kind. */
export function describeValue(value: unknown): string {
	if (typeof value === 'string') return quote(value);
	return typeof value === 'object' ? kindOf(value) : String(value);
}

/** Text, or a number or boolean written as text; undefined for anything else. */
export function scalarText(value: unknown): string | undefined {
	if (typeof value === 'string') return value;
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	return undefined;
}

/** JSON.parse that gives its reason instead of throwing. */
export function parseJson(text: string): { value: unknown } | { reason: string } {
	try {
		return { value: JSON.parse(text) as unknown };
	} catch (error) {
		return { reason: error instanceof Error ? error.message : 'invalid JSON' };
	}
}

/** Nothing given: undefined, null, or text of only spaces. */
export function isEmptyValue(value: unknown): boolean {
	return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/** A required text field, trimmed; `hint` says how to fill it when it is empty. */
export function requiredText(value: unknown, field: string, hint: string): string {
	if (isEmptyValue(value)) {
		throw new InputError(field, `${field} is empty`, hint);
	}
	return textValue(value, field);
}

/** Text, or a number or boolean written as text, trimmed; anything else is refused. */
export function textValue(value: unknown, field: string): string {
	const given = scalarText(value);
	if (given !== undefined) return given.trim();
	throw new InputError(field, `${field} must be text, not ${kindOf(value)}`, `Map a single text value into ${field}`);
}
