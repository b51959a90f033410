/** How values are read and named in errors, for every helper, the transport and the operations. */
import { InputError } from './errors';

export function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** "a list" for an array, otherwise JavaScript's own name: "object", "boolean", "undefined". */
export function typeName(value: unknown): string {
	return Array.isArray(value) ? 'a list' : typeof value;
}

/** The kind with its article: "null", "a list", "an object", "a number". */
export function kindOf(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'a list';
	if (typeof value === 'object') return 'an object';
	return `a ${typeof value}`;
}

/** A value as an error shows it: text quoted (the first 40 characters), numbers as written. */
export function describeValue(value: unknown): string {
	if (typeof value === 'string') return `"${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
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
	throw new InputError(field, `${field} must be text, not ${typeName(value)}`, `Map a single text value into ${field}`);
}
