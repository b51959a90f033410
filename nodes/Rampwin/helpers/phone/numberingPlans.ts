// libphonenumber-js with its full ("max") metadata: every region's number patterns by type,
// possible lengths, and national prefix rules. The build bundles this file, library and
// metadata, into one self-contained dist/ file (gulpfile.js, `bundle`), because a community
// node may have no runtime dependencies. Only this file imports the library.
import metadata from 'libphonenumber-js/metadata.max.json';
import {
	Metadata,
	parsePhoneNumberFromString,
	validatePhoneNumberLength,
	type MetadataJson,
	type NumberType,
	type PhoneNumber,
	type ValidatePhoneNumberLengthResult,
} from 'libphonenumber-js/core';

export type { NumberType, PhoneNumber, ValidatePhoneNumberLengthResult };

const METADATA = metadata as unknown as MetadataJson;
const plans = new Metadata(METADATA);

/** `+` and digits, read against the calling code's regions; undefined if there is no code. */
export function parseInternational(number: string): PhoneNumber | undefined {
	return parsePhoneNumberFromString(number, METADATA);
}

/** Why `+` and digits cannot be a number: a length no region of the code uses, or undefined. */
export function lengthProblem(number: string): ValidatePhoneNumberLengthResult | undefined {
	return validatePhoneNumberLength(number, METADATA);
}

/** The national (trunk) prefix dialled before a national number under a calling code, or ''. */
export function nationalPrefix(callingCode: string): string {
	plans.selectNumberingPlan(callingCode as never);
	// The compact metadata writes "none" as 0.
	const plan = plans.numberingPlan as { nationalPrefix(): unknown } | undefined;
	const prefix = plan?.nationalPrefix();
	return typeof prefix === 'string' ? prefix : '';
}

/** The metadata itself, so that a test can hold the bundle to the pinned libphonenumber-js. */
export const PLANS_METADATA: unknown = metadata;
