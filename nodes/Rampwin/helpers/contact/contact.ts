import { buildCustomAttributes, splitList, type AttributeEntry } from './attributes';
import { parseChannelId } from '../channel';
import { InputError } from '../errors';
import { isEmptyValue, requiredText, textValue } from '../values';
import { ADDITIONAL_FIELDS, type AdditionalFieldName } from './fields';
import { parsePhone, parsePhoneNumber } from '../phone/phone';

export interface ContactFieldsInput {
	additionalFields: Partial<Record<AdditionalFieldName, unknown>>;
	customAttributes: readonly AttributeEntry[];
}

interface ContactInput extends ContactFieldsInput {
	channelId: unknown;
	phoneNumber: unknown;
	fullName: unknown;
	defaultCountryCode?: unknown;
}

export interface ContactBody {
	phone_number: number;
	full_name: string;
	integration_id: string;
	[key: string]: unknown;
}

interface UpsertInput extends ContactFieldsInput {
	phoneNumber: unknown;
	fullName: unknown;
	defaultCountryCode?: unknown;
}

interface UpsertBody {
	/** The form the reference shows for this endpoint: a string, + and the digits. */
	phone_number: string;
	full_name?: string;
	[key: string]: unknown;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const TIMEZONE_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/;

/** Builds the create-contact body, checking every field. Empty optional fields are left out. */
export function buildContactBody(input: ContactInput): ContactBody {
	const channelId = parseChannelId(input.channelId);
	const body: ContactBody = {
		phone_number: parsePhoneNumber(input.phoneNumber, input.defaultCountryCode),
		full_name: requiredText(input.fullName, 'Full Name', "Enter the contact's full name, e.g. John Doe"),
		integration_id: channelId,
	};
	return Object.assign(body, buildContactFields(input));
}

/**
 * Builds the create-or-update body. Only fields that are set are sent: Rampwin keeps the
 * stored value of every field left out, so an empty cell never wipes one.
 */
export function buildUpsertBody(input: UpsertInput): UpsertBody {
	const body: UpsertBody = { phone_number: `+${parsePhone(input.phoneNumber, input.defaultCountryCode)}` };
	if (!isEmptyValue(input.fullName)) body.full_name = textValue(input.fullName, 'Full Name');
	return Object.assign(body, buildContactFields(input));
}

/** The optional fields that create and upsert share: Additional Fields, then Custom Attributes. */
function buildContactFields(input: ContactFieldsInput): Record<string, unknown> {
	const fields: Record<string, unknown> = {};
	for (const name of Object.keys(ADDITIONAL_FIELDS) as AdditionalFieldName[]) {
		const value = input.additionalFields[name];
		if (isEmptyValue(value)) continue;
		const normalised = normaliseAdditionalField(name, value);
		if (normalised !== undefined) fields[ADDITIONAL_FIELDS[name].key] = normalised;
	}
	return Object.assign(fields, buildCustomAttributes(input.customAttributes));
}

function normaliseAdditionalField(name: AdditionalFieldName, value: unknown): unknown {
	switch (name) {
		case 'tags':
			return parseTags(value);
		case 'email':
			return parseEmail(value);
		case 'timezone':
			return parseTimezone(value);
		default:
			return textValue(value, ADDITIONAL_FIELDS[name].label);
	}
}

/** Comma-separated text or a list, to a list of trimmed, non-empty, distinct strings. */
export function parseTags(value: unknown): string[] | undefined {
	let tags: string[];
	if (typeof value === 'string') {
		tags = splitList(value);
	} else if (Array.isArray(value)) {
		tags = value.map((tag, index) => {
			if (typeof tag === 'string' || typeof tag === 'number') return String(tag).trim();
			throw new InputError(
				'Tags',
				`Tag #${index + 1} is ${tag === null ? 'null' : `a ${typeof tag}`}, not text`,
				'Give tags as comma-separated text, e.g. premium, whatsapp_user, or as a list of strings',
			);
		});
	} else {
		throw new InputError(
			'Tags',
			`Tags must be text or a list, not ${typeof value}`,
			'Give tags as comma-separated text, e.g. premium, whatsapp_user',
		);
	}
	const unique = [...new Set(tags.filter((tag) => tag !== ''))];
	return unique.length > 0 ? unique : undefined;
}

export function parseEmail(value: unknown, field = 'Email'): string {
	const email = textValue(value, field);
	if (!EMAIL.test(email)) {
		throw new InputError(
			field,
			`${field} "${email}" is not a valid address`,
			'Use an address like name@example.com, or leave the field empty',
		);
	}
	return email;
}

/**
 * Accepts an IANA zone name ("Region/City", or UTC/GMT) that the runtime knows. The name is
 * kept as typed, except that its letter case is fixed when it is the canonical spelling:
 * ICU would otherwise turn Asia/Kolkata back into its old alias Asia/Calcutta.
 */
export function parseTimezone(value: unknown): string {
	const zone = textValue(value, 'Timezone');
	if (TIMEZONE_NAME.test(zone) && (zone.includes('/') || /^(utc|gmt)$/i.test(zone))) {
		let resolved: string | undefined;
		try {
			resolved = new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
		} catch {
			resolved = undefined;
		}
		if (resolved !== undefined) {
			return resolved.toLowerCase() === zone.toLowerCase() ? resolved : zone;
		}
	}
	throw new InputError(
		'Timezone',
		`Timezone "${zone}" is not a known IANA time zone`,
		'Use a name from the IANA time zone list, e.g. Asia/Kolkata or Europe/London',
	);
}

