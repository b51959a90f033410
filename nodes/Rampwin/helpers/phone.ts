import { InputError } from './errors';

const FIELD = 'Phone Number';
const MIN_DIGITS = 8;
// E.164 caps a full international number at 15 digits.
const MAX_DIGITS = 15;
const SEPARATORS = /[\s\-().]/g;

/**
 * Turns what a person or a spreadsheet gives us into the digits-only number, country
 * code first, that Rampwin expects as a JSON number.
 */
export function parsePhoneNumber(input: unknown): number {
	let digits: string;
	if (typeof input === 'number') {
		if (!Number.isSafeInteger(input) || input <= 0) {
			throw new InputError(
				FIELD,
				`Phone number ${String(input)} is not a whole positive number`,
				'Give the number with its country code and digits only, e.g. 919876543210',
			);
		}
		digits = String(input);
	} else if (typeof input === 'string') {
		digits = digitsOf(input.trim());
	} else if (input === undefined || input === null) {
		digits = '';
	} else {
		throw new InputError(
			FIELD,
			`Phone number must be text or a number, not ${Array.isArray(input) ? 'a list' : typeof input}`,
			'Map a single phone number, e.g. {{ $json.phone }}',
		);
	}

	if (digits === '') {
		throw new InputError(
			FIELD,
			'Phone number is empty',
			'Enter the number with its country code, e.g. +91 98765 43210',
		);
	}
	if (digits.startsWith('0')) {
		throw new InputError(
			FIELD,
			`Phone number "${digits}" starts with 0, so it has no country code`,
			digits.startsWith('00')
				? 'Replace the leading 00 with +, e.g. 0091… becomes +91…'
				: 'Drop the trunk 0 and put the country code first, e.g. 09876543210 in India becomes +91 9876543210',
		);
	}
	if (digits.length < MIN_DIGITS || digits.length > MAX_DIGITS) {
		throw new InputError(
			FIELD,
			`Phone number "${digits}" has ${digits.length} digits; it needs ${MIN_DIGITS} to ${MAX_DIGITS}`,
			'Check that the country code is included and that no digits are missing or doubled',
		);
	}
	return Number(digits);
}

function digitsOf(text: string): string {
	// A single leading + is the international prefix; anything else must be a separator.
	const body = text.startsWith('+') ? text.slice(1) : text;
	if (/[a-z]/i.test(body)) {
		throw new InputError(
			FIELD,
			`Phone number "${text}" contains letters`,
			'Use digits only, with the country code, e.g. +91 98765 43210',
		);
	}
	if (/^\d+\.\d*$/.test(body)) {
		throw new InputError(
			FIELD,
			`Phone number "${text}" is not a whole number`,
			'Remove the decimal part; a spreadsheet may have formatted the column as a decimal number',
		);
	}
	const digits = body.replace(SEPARATORS, '');
	if (!/^\d*$/.test(digits)) {
		throw new InputError(
			FIELD,
			`Phone number "${text}" contains characters other than digits, spaces, +, -, ( ) and .`,
			'Use digits only, with the country code, e.g. +91 98765 43210',
		);
	}
	return digits;
}
