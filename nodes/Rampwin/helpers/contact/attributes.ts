import { InputError } from '../errors';
import { describeValue, isEmptyValue, parseJson } from '../values';
import { CORE_BODY_KEYS } from './fields';

export const ATTRIBUTE_TYPES = ['string', 'number', 'boolean', 'array', 'json'] as const;
type AttributeType = (typeof ATTRIBUTE_TYPES)[number];

/** One row of the "Custom Attributes" fixed collection, as n8n hands it over. */
export interface AttributeEntry {
	name?: unknown;
	type?: unknown;
	value?: unknown;
}

const FIELD = 'Custom Attributes';
// Names that would reach into an object's prototype rather than set a key.
const UNSAFE_NAMES = new Set(['__proto__', 'constructor', 'prototype']);
const NUMBER_TEXT = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** Splits "a, b,,c" into ["a", "b", "c"]: trimmed, no empty entries. */
export function splitList(text: string): string[] {
	return text
		.split(',')
		.map((part) => part.trim())
		.filter((part) => part !== '');
}

/**
 * Gives a custom attribute's value the JSON type the user chose. A value that already
 * has that type (from an expression) is kept as it is.
 */
export function coerceAttributeValue(type: AttributeType, value: unknown, label: string): unknown {
	switch (type) {
		case 'string':
			if (typeof value === 'string') return value;
			return typeof value === 'object' ? JSON.stringify(value) : String(value);
		case 'number':
			return toNumber(value, label);
		case 'boolean':
			return toBoolean(value, label);
		case 'array':
			if (Array.isArray(value)) return value;
			if (typeof value === 'string') return splitList(value);
			return [value];
		case 'json':
			return typeof value === 'string' ? parseJsonValue(value, label) : value;
	}
}

/**
 * Validates every entry and returns the attributes to merge into the request body.
 * Entries whose value is empty are left out, as empty fields are.
 */
export function buildCustomAttributes(entries: readonly AttributeEntry[]): Record<string, unknown> {
	const result: Record<string, unknown> = {};
	const seen = new Set<string>();
	entries.forEach((entry, index) => {
		const position = `#${index + 1}`;
		const name = typeof entry.name === 'string' ? entry.name.trim() : '';
		if (name === '') {
			throw new InputError(
				FIELD,
				`Custom attribute ${position} has no name`,
				'Give every custom attribute a name, e.g. plan_status, or remove the empty row',
			);
		}
		const label = `Custom attribute "${name}"`;
		if (UNSAFE_NAMES.has(name)) {
			throw new InputError(FIELD, `${label} is not an allowed name`, 'Choose another attribute name');
		}
		if (CORE_BODY_KEYS.has(name)) {
			throw new InputError(
				FIELD,
				`${label} clashes with a built-in contact field`,
				`Set "${name}" through its own field (Phone Number, Full Name, Channel ID or Additional Fields), or rename the attribute`,
			);
		}
		if (seen.has(name)) {
			throw new InputError(
				FIELD,
				`${label} is defined more than once`,
				'Keep one row per attribute name',
			);
		}
		seen.add(name);
		const type = parseType(entry.type, label);
		if (!isEmptyValue(entry.value)) {
			result[name] = coerceAttributeValue(type, entry.value, label);
		}
	});
	return result;
}

function parseType(type: unknown, label: string): AttributeType {
	if (type === undefined || type === '') return 'string';
	if (typeof type === 'string' && (ATTRIBUTE_TYPES as readonly string[]).includes(type)) {
		return type as AttributeType;
	}
	throw new InputError(
		FIELD,
		`${label} has an unknown type "${String(type)}"`,
		`Use one of: ${ATTRIBUTE_TYPES.join(', ')}`,
	);
}

function toNumber(value: unknown, label: string): number {
	if (typeof value === 'number' && Number.isFinite(value)) return value;
	if (typeof value === 'string' && NUMBER_TEXT.test(value.trim())) {
		const parsed = Number(value.trim());
		if (Number.isFinite(parsed)) return parsed;
	}
	throw new InputError(
		FIELD,
		`${label} should be a number, but got ${describeValue(value)}`,
		'Use digits with an optional decimal point and no thousands separators, e.g. 500 or 12.5, or change the attribute type',
	);
}

function toBoolean(value: unknown, label: string): boolean {
	if (typeof value === 'boolean') return value;
	if (typeof value === 'string') {
		const text = value.trim().toLowerCase();
		if (text === 'true') return true;
		if (text === 'false') return false;
	}
	throw new InputError(
		FIELD,
		`${label} should be true or false, but got ${describeValue(value)}`,
		'Use true or false, or change the attribute type',
	);
}

function parseJsonValue(text: string, label: string): unknown {
	const parsed = parseJson(text);
	if ('value' in parsed) return parsed.value;
	throw new InputError(
		FIELD,
		`${label} is not valid JSON: ${parsed.reason}`,
		'Check quotes and brackets, e.g. {"plan": "gold"} or [1, 2, 3], or change the attribute type to String',
	);
}
