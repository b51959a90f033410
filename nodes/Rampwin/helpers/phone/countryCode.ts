import { CALLING_CODES } from './callingCodes';
import { lengthProblem, nationalPrefix, parseInternational, type NumberType } from './numberingPlans';
import { InputError } from '../errors';
import { kindOf } from '../values';

const PHONE = 'Phone Number';
const DEFAULT_CODE = 'Default Country Code';
const SET_DEFAULT = 'If the sheet holds national numbers, set Default Country Code in Options';

export interface PhoneDigits {
	/** The number's digits, without the + or 00 that may have come before them. */
	digits: string;
	/** Whether the number was written with + or 00 in front. */
	international: boolean;
	/** Whether it was written with an area code in brackets, as national numbers are: (51), (201). */
	bracketed?: boolean;
	/** The number as written, for a message about how it was written. */
	text?: string;
}

/** A number read as a country calling code followed by a national number. */
export interface Reading {
	code: string;
	/** The digits after the code, as written. */
	national: string;
	/** e.g. "India", "Russia or Kazakhstan" */
	name: string;
	/** The number to send, code first, digits only, when it is a valid number there. */
	number?: string;
	/** Its type in the numbering plan, when valid. */
	type?: NumberType;
	/** Whether the digits after the code began with the country's trunk prefix (as 0 or 8). */
	trunk: boolean;
}

/**
 * How likely a valid number is to be on WhatsApp, to decide between two valid readings:
 * 2 for numbers that can be mobiles, 1 for fixed lines and VoIP numbers (WhatsApp accounts
 * may register them, but neither is likelier than the other), 0 for toll-free, premium-rate,
 * shared-cost, UAN, pager and voicemail numbers.
 */
function reach(type: NumberType): number {
	if (type === 'FIXED_LINE' || type === 'VOIP') return 1;
	return type === 'MOBILE' || type === 'FIXED_LINE_OR_MOBILE' || type === 'PERSONAL_NUMBER' ? 2 : 0;
}

/** Ofcom's range for drama, 07700 900000 to 900999: no one's, so examples (ours too) use it. */
const FICTIONAL = /^447700900\d{3}$/;

/** Reads digits as international: a calling code (1 to 3 digits), then the national number. */
export function readInternational(digits: string): Reading | undefined {
	for (let size = 1; size <= 3; size++) {
		const code = digits.slice(0, size);
		if (code.length === size && CALLING_CODES[code] !== undefined) {
			return read(code, digits.slice(size));
		}
	}
	return undefined;
}

/**
 * Reads the digits after a calling code against that country's numbering plan, as a person
 * there would dial them: its trunk prefixes are understood (Russia's 8, Belarus' 8 and 80,
 * Argentina's 0 and 15), and the number is put in the one form it is sent in.
 */
export function read(code: string, national: string): Reading {
	const name = CALLING_CODES[code][0];
	let digits = national;
	// Mexico: since 2019 a mobile has no 1 after 52, but WhatsApp IDs and older sheets keep it.
	// One form per person: 52 and the 10 digits of the national plan.
	if (code === '52' && /^1\d{10}$/.test(digits)) digits = digits.slice(1);
	const prefix = nationalPrefix(code);
	const afterTrunk = prefix !== '' && digits.startsWith(prefix) ? digits.slice(prefix.length) : digits;
	if (FICTIONAL.test(code + afterTrunk)) {
		return { code, national, name, trunk: afterTrunk !== digits, number: code + afterTrunk, type: 'MOBILE' };
	}
	const parsed = parseInternational(`+${code}${digits}`);
	const trunk = prefix !== '' && national.startsWith(prefix) && parsed?.nationalNumber !== national;
	if (parsed === undefined || !parsed.isValid() || parsed.countryCallingCode !== code) {
		return { code, national, name, trunk };
	}
	let nationalNumber: string = parsed.nationalNumber;
	let type = parsed.getType();
	// Argentina: a mobile is reached from abroad, and registered on WhatsApp, with 9 after 54.
	// Fixed and mobile numbers share one space, so 9 + the 10 digits can be no one else:
	// one form per person, the one WhatsApp uses.
	if (code === '54' && !nationalNumber.startsWith('9')) {
		const mobile = parseInternational(`+549${nationalNumber}`);
		if (mobile?.isValid()) {
			nationalNumber = mobile.nationalNumber;
			type = mobile.getType();
		}
	}
	return { code, national, name, trunk, number: code + nationalNumber, type };
}

/** "91", "+91", " 91 ", 91 → "91"; undefined, null or blank → undefined (no default). */
export function parseDefaultCountryCode(value: unknown): string | undefined {
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'string' && typeof value !== 'number') {
		throw defaultCodeError(`Default Country Code must be text or a number, not ${kindOf(value)}`);
	}
	const text = String(value).trim();
	if (text === '') return undefined;
	const code = text.replace(/^(?:\+|00)\s*/, '');
	if (!/^\d{1,3}$/.test(code)) {
		throw defaultCodeError(`Default Country Code "${text}" is not a calling code of 1 to 3 digits`);
	}
	if (CALLING_CODES[code] === undefined) {
		throw defaultCodeError(`Default Country Code ${code} is not the calling code of any country`);
	}
	return code;
}

/**
 * Returns the full number, calling code first, without +. It is sent only as a valid number
 * (by its country's numbering plan) of the country it is read as:
 * - written with + or 00, or as a WhatsApp ID: international;
 * - without a Default Country Code: international only when the digits form a valid number
 *   that way and show no sign of national writing (a trunk prefix, an area code in brackets);
 * - with one: the reading (national or international) that is a valid number; when both are,
 *   the one that can be on WhatsApp, and refused when both can.
 */
export function applyCountryCode(input: PhoneDigits, defaultCountryCode?: unknown): string {
	const { digits } = input;
	const shown = input.international ? `+${digits}` : digits;
	if (input.international) return international(shown, readInternational(digits), true);
	const code = parseDefaultCountryCode(defaultCountryCode);
	if (code === undefined) {
		if (digits.startsWith('0')) throw startsWithZero(shown, digits);
		if (input.bracketed) {
			throw new InputError(
				PHONE,
				`Phone number "${input.text ?? shown}" is written as a national number (an area code in brackets), so it has no country code`,
				`${SET_DEFAULT}, or write the number with + and its country code, e.g. +55 51 96730 4485 for a number in Brazil`,
			);
		}
		return international(shown, readInternational(digits), false);
	}
	return withDefault(shown, input, code);
}

function international(shown: string, reading: Reading | undefined, plus: boolean): string {
	if (reading === undefined) {
		throw new InputError(
			PHONE,
			`Phone number "${shown}" does not start with a country calling code: no country has ${prefixes(shown)} as its code`,
			plus
				? 'Check the country code after the +, e.g. +91 for India or +44 for the UK'
				: `Add + and the country code, e.g. +91 9876543210. ${SET_DEFAULT}`,
		);
	}
	if (reading.number !== undefined && !reading.trunk) return reading.number;
	if (reading.number !== undefined) {
		const prefix = nationalPrefix(reading.code);
		throw new InputError(
			PHONE,
			`Phone number "${shown}" read as ${shownAs(reading)}: it keeps the trunk prefix ${prefix} after the country code`,
			`Drop the trunk prefix ${prefix} after the country code: +${reading.code} ${reading.national.slice(prefix.length)}`,
		);
	}
	throw new InputError(
		PHONE,
		`Phone number "${shown}" read as ${shownAs(reading)}: ${whyNot(reading)}`,
		plus
			? 'Check the country code, and look for a missing or extra digit'
			: `Write it with + and its country code. ${SET_DEFAULT}; otherwise look for a missing or extra digit`,
	);
}

function withDefault(shown: string, input: PhoneDigits, code: string): string {
	const { digits } = input;
	const asNational = read(code, digits);
	// No calling code starts with 0, and an area code in brackets is national writing.
	const asInternational = input.bracketed ? undefined : readInternational(digits);
	const national = asNational.number;
	const intl = asInternational?.trunk ? undefined : asInternational?.number;

	if (national !== undefined && (intl === undefined || intl === national)) return national;
	if (intl !== undefined && national === undefined) return intl;
	if (intl !== undefined && national !== undefined && asInternational !== undefined) {
		// The sheet is declared national, so the national reading wins where it is the likelier
		// WhatsApp number; the international one only where the national one can be on no
		// WhatsApp; anything closer is refused rather than guessed.
		const nationalReach = reach(asNational.type);
		const intlReach = reach(asInternational.type);
		if (nationalReach > intlReach) return national;
		if (nationalReach === 0 && intlReach > 0) return intl;
		throw new InputError(
			PHONE,
			`Phone number "${shown}" could be ${shownAs(asInternational)} or ${shownAs(asNational)}`,
			`Write it with a + in front: +${intl} if it is international, +${national} if it is national`,
		);
	}
	// For the message: a trunk prefix that leaves no valid number is shown dropped.
	const prefix = nationalPrefix(code);
	const asWritten = prefix !== '' && digits.startsWith(prefix) ? read(code, digits.slice(prefix.length)) : asNational;
	throw new InputError(
		PHONE,
		asInternational === undefined || input.bracketed
			? `Phone number "${shown}" read as ${shownAs(asWritten)}: ${whyNot(asWritten)}`
			: `Phone number "${shown}" is neither ${shownAs(asInternational)} nor ${shownAs(asNational)}: ` +
					`${whyNot(asInternational)}, and ${whyNot(asNational)}`,
		'Look for a missing or extra digit, or a wrong Default Country Code in Options',
	);
}

function startsWithZero(shown: string, digits: string): InputError {
	return new InputError(
		PHONE,
		`Phone number "${shown}" starts with 0, so it has no country code`,
		digits.startsWith('00')
			? 'Replace the leading 00 with +, e.g. 0091… becomes +91…'
			: `Drop the trunk 0 and put the country code first, e.g. 09876543210 in India becomes +91 9876543210. ${SET_DEFAULT}`,
	);
}

function shownAs(reading: Reading): string {
	return `+${reading.code} (${reading.name}) ${reading.national}`;
}

/** Why a reading is no number: a length the country never uses, or digits no number there has. */
function whyNot(reading: Reading): string {
	const { code, national, name } = reading;
	const lengths = CALLING_CODES[code][1];
	if (reading.trunk) return `it keeps the trunk prefix ${nationalPrefix(code)} after the country code`;
	const problem = lengthProblem(`+${code}${national}`);
	if (!lengths.includes(national.length) || problem === 'TOO_SHORT' || problem === 'TOO_LONG') {
		return `numbers in ${name} have ${lengthsText(lengths)} digits after ${code}, not ${national.length}`;
	}
	return `no number in ${name} has these digits (by its numbering plan)`;
}

/** [4, 5, 6, 7, 10] → "4 to 7 or 10" */
function lengthsText(lengths: readonly number[]): string {
	const parts: string[] = [];
	for (let start = 0; start < lengths.length; ) {
		let end = start;
		while (end + 1 < lengths.length && lengths[end + 1] === lengths[end] + 1) end++;
		if (end - start >= 2) parts.push(`${lengths[start]} to ${lengths[end]}`);
		else for (let at = start; at <= end; at++) parts.push(String(lengths[at]));
		start = end + 1;
	}
	return orList(parts);
}

/** "+9991234" → "9, 99 or 999" */
function prefixes(shown: string): string {
	const digits = shown.replace(/\D/g, '');
	return orList([...new Set([1, 2, 3].map((size) => digits.slice(0, size)))]);
}

function orList(parts: string[]): string {
	return parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} or ${parts[parts.length - 1]}`;
}

function defaultCodeError(message: string): InputError {
	return new InputError(
		DEFAULT_CODE,
		message,
		'Enter the digits of the calling code, e.g. 91 for India, 44 for the UK or 1 for the US',
	);
}
