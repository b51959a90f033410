import { applyCountryCode, type PhoneDigits } from './countryCode';
import { InputError } from '../errors';
import { kindOf } from '../values';

const FIELD = 'Phone Number';
const SEPARATORS = /[\s\-().]/g;

// A WhatsApp chat ID as other WhatsApp nodes output it: the number, an optional device
// suffix, then the user domain. Group (@g.us) and linked (@lid) IDs name no phone.
const WHATSAPP_ID = /^(\d+)(?::\d+)?@(?:c\.us|s\.whatsapp\.net)$/i;
const OTHER_WHATSAPP_ID = /@(g\.us|lid|broadcast|newsletter)$/i;

/**
 * Turns what a person, a spreadsheet or another WhatsApp node gives us into the number,
 * country code first, as digits only. Each operation sends it in its endpoint's own form.
 */
export function parsePhone(input: unknown, defaultCountryCode?: unknown): string {
	const phone = readPhone(input);
	if (phone.digits === '') {
		throw new InputError(
			FIELD,
			'Phone number is empty',
			'Enter the number with its country code, e.g. +91 98765 43210',
		);
	}
	// The country's own number lengths decide, so a national number is not taken for another
	// country's (9876543210 is not +98 Iran); Default Country Code completes national numbers.
	return applyCountryCode(phone, defaultCountryCode);
}

/** Contact › Create sends the number as a JSON number of digits. */
export function parsePhoneNumber(input: unknown, defaultCountryCode?: unknown): number {
	return Number(parsePhone(input, defaultCountryCode));
}

/** The digits of a number, with its international prefix (+, 00 or a WhatsApp ID) taken off. */
export function readPhone(input: unknown): PhoneDigits {
	if (typeof input === 'number') {
		if (!Number.isSafeInteger(input) || input <= 0) {
			throw new InputError(
				FIELD,
				`Phone number ${String(input)} is not a whole positive number`,
				'Give the number with its country code and digits only, e.g. 919876543210',
			);
		}
		return { digits: String(input), international: false };
	}
	if (typeof input === 'string') return digitsOf(input.trim());
	if (input === undefined || input === null) return { digits: '', international: false };
	throw new InputError(
		FIELD,
		`Phone number must be text or a number, not ${kindOf(input)}`,
		'Map a single phone number, e.g. {{ $json.phone }}',
	);
}

function digitsOf(text: string): PhoneDigits {
	const whatsappId = WHATSAPP_ID.exec(text);
	// A WhatsApp ID always holds the full international number, without the +.
	if (whatsappId) return { digits: whatsappId[1], international: true };
	const other = OTHER_WHATSAPP_ID.exec(text);
	if (other) {
		throw new InputError(
			FIELD,
			`"${text}" is a WhatsApp ${other[1].toLowerCase() === 'g.us' ? 'group' : other[1].toLowerCase()} ID, not a phone number`,
			'Map the contact\'s own number or chat ID (ending in @c.us or @s.whatsapp.net)',
		);
	}
	// A single leading + is the international prefix; anything else must be a separator.
	const plus = text.startsWith('+');
	let body = plus ? text.slice(1) : text;
	// "+44 (0)20 …", "0044 (0) 20 …": the trunk 0 in brackets is not dialled from abroad.
	if (plus || /^[\s\-.]*0[\s\-.]*0/.test(body)) body = body.replace(/^([^(]*\d[^(]*)\(\s*0\s*\)/, '$1');
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
	// 00 is the international prefix from most countries; no national number starts with it.
	if (!plus && digits.startsWith('00')) return { digits: digits.slice(2), international: true };
	// An area code in brackets, (51) 96730-4485 or (201) 555-0123, is how national numbers are
	// written; a lone digit in brackets, (1) 415 …, is a country code.
	if (!plus && /\(\s*\d{2,}\s*\)/.test(body)) return { digits, international: false, bracketed: true, text };
	return { digits, international: plus };
}
