import { CALLING_CODES } from './callingCodes';
import { InputError } from '../errors';
import { typeName } from '../values';

const PHONE = 'Phone Number';
const DEFAULT_CODE = 'Default Country Code';
const SET_DEFAULT = 'If the sheet holds national numbers, set Default Country Code in Options';

export interface PhoneDigits {
	/** The number's digits, without the + or 00 that may have come before them. */
	digits: string;
	/** Whether the number was written with + or 00 in front. */
	international: boolean;
}

/** A number read as a country calling code followed by a national number. */
interface Reading {
	code: string;
	national: string;
	/** e.g. "India", "Russia or Kazakhstan" */
	name: string;
	/** The national lengths the country uses, for any kind of number. */
	lengths: readonly number[];
	/** Whether the national number has one of those lengths. */
	possible: boolean;
	/** Whether it also has the length and first digit of a mobile number there. */
	mobile: boolean;
}

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

/** "91", "+91", " 91 ", 91 → "91"; undefined, null or blank → undefined (no default). */
export function parseDefaultCountryCode(value: unknown): string | undefined {
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'string' && typeof value !== 'number') {
		throw defaultCodeError(`Default Country Code must be text or a number, not ${typeName(value)}`);
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
 * Returns the full number, calling code first, without +. A number written with + or 00 is
 * international; any other is read with the default code where that is the only sensible reading.
 */
export function applyCountryCode(input: PhoneDigits, defaultCountryCode?: unknown): string {
	const { digits } = input;
	if (input.international) return checked(`+${digits}`, readInternational(digits), true);
	const code = parseDefaultCountryCode(defaultCountryCode);
	if (code === undefined) {
		if (digits.startsWith('0')) throw startsWithZero(digits);
		return checked(digits, readInternational(digits), false);
	}
	return withDefault(digits, code);
}

function read(code: string, national: string): Reading {
	const [name, lengths, mobileLengths, mobileFirstDigits] = CALLING_CODES[code];
	const possible = lengths.includes(national.length);
	return {
		code,
		national,
		name,
		lengths,
		possible,
		mobile: possible && mobileLengths.includes(national.length) && mobileFirstDigits.includes(national.charAt(0)),
	};
}

function checked(shown: string, reading: Reading | undefined, international: boolean): string {
	if (reading === undefined) {
		throw new InputError(
			PHONE,
			`Phone number "${shown}" does not start with a country calling code: no country has ${prefixes(shown)} as its code`,
			international
				? 'Check the country code after the +, e.g. +91 for India or +44 for the UK'
				: `Add + and the country code, e.g. +91 9876543210. ${SET_DEFAULT}`,
		);
	}
	if (!reading.possible) {
		const trunk = CALLING_CODES[reading.code][4];
		const withoutTrunk = trunk !== '' && reading.national.startsWith(trunk) ? reading.national.slice(trunk.length) : '';
		throw new InputError(
			PHONE,
			`Phone number "${shown}" read as ${shownAs(reading)}: ${expected(reading)}`,
			international && withoutTrunk !== '' && read(reading.code, withoutTrunk).possible
				? `Drop the trunk prefix ${trunk} after the country code: +${reading.code} ${withoutTrunk}`
				: international
					? 'Check the country code, and look for a missing or extra digit'
					: `${SET_DEFAULT}; otherwise look for a missing or extra digit`,
		);
	}
	return reading.code + reading.national;
}

function withDefault(digits: string, code: string): string {
	const trunk = CALLING_CODES[code][4];
	const asNational = read(code, trunk !== '' && digits.startsWith(trunk) ? digits.slice(trunk.length) : digits);
	const fromNational = code + asNational.national;
	// No calling code starts with 0, so a number with a leading 0 has no international reading.
	const asInternational = readInternational(digits);

	if (!asInternational?.possible) {
		if (asNational.possible) return fromNational;
		throw new InputError(
			PHONE,
			asInternational === undefined
				? `Phone number "${digits}" read as ${shownAs(asNational)}: ${expected(asNational)}`
				: `Phone number "${digits}" is neither ${shownAs(asInternational)} nor ${shownAs(asNational)}: ` +
						`${expected(asInternational)}, and ${expected(asNational)}`,
			'Look for a missing or extra digit, or a wrong Default Country Code in Options',
		);
	}
	if (!asNational.possible || fromNational === digits) return digits;
	// Both lengths exist. WhatsApp numbers are mobiles, so a reading that fits only as a mobile wins.
	if (asInternational.mobile !== asNational.mobile) return asInternational.mobile ? digits : fromNational;
	throw new InputError(
		PHONE,
		`Phone number "${digits}" could be ${shownAs(asInternational)} or ${shownAs(asNational)}`,
		`Write it with a + in front: +${digits} if it is international, +${fromNational} if it is national`,
	);
}

function startsWithZero(digits: string): InputError {
	return new InputError(
		PHONE,
		`Phone number "${digits}" starts with 0, so it has no country code`,
		digits.startsWith('00')
			? 'Replace the leading 00 with +, e.g. 0091… becomes +91…'
			: `Drop the trunk 0 and put the country code first, e.g. 09876543210 in India becomes +91 9876543210. ${SET_DEFAULT}`,
	);
}

function shownAs(reading: Reading): string {
	return `+${reading.code} (${reading.name}) ${reading.national}`;
}

function expected(reading: Reading): string {
	return `numbers in ${reading.name} have ${lengthsText(reading.lengths)} digits after ${reading.code}, not ${reading.national.length}`;
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
	const digits = shown.replace('+', '');
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
