import { getCountries, getExampleNumber, parsePhoneNumberFromString, validatePhoneNumberLength } from 'libphonenumber-js/max';
import type { CountryCode } from 'libphonenumber-js/max';
import examples from 'libphonenumber-js/examples.mobile.json';

import { read } from '../../nodes/Rampwin/helpers/phone/countryCode';
import { nationalPrefix } from '../../nodes/Rampwin/helpers/phone/numberingPlans';
import { parsePhone } from '../../nodes/Rampwin/helpers/phone/phone';

/**
 * The project's own audit of phone reading: libphonenumber's example (mobile) number of every
 * region, and seeded random valid numbers of the large WhatsApp markets, written the ways people
 * write them, each read as the node reads it. For every form: how many reached the person
 * meant, someone else, or were refused.
 */

const MARKETS: CountryCode[] = [
	'IN', 'BR', 'ID', 'US', 'MX', 'NG', 'PK', 'DE', 'GB', 'EG', 'TR', 'ES', 'AR', 'IT', 'RU', 'CO', 'SA', 'ZA', 'PH', 'FR',
];
const PER_MARKET = 100;

interface Person {
	region: CountryCode;
	code: string;
	/** The national significant number, as libphonenumber reads it. */
	nsn: string;
	/** libphonenumber's national format, with the trunk prefix where the country writes one. */
	national: string;
	/** The one number the node should send for this person. */
	expected: string;
}

/** Seeded, so that every run audits the same numbers. */
function mulberry32(seed: number): () => number {
	let state = seed;
	return () => {
		state = (state + 0x6d2b79f5) | 0;
		let t = Math.imul(state ^ (state >>> 15), 1 | state);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

function person(region: CountryCode, e164: string): Person | undefined {
	const number = parsePhoneNumberFromString(e164);
	if (!number?.isValid() || number.country !== region) return undefined;
	const code = number.countryCallingCode as string;
	const expected = read(code, number.nationalNumber as string).number;
	if (expected === undefined) throw new Error(`the node finds no number in ${e164}`);
	return { region, code, nsn: number.nationalNumber as string, national: number.formatNational(), expected };
}

function corpus(): Person[] {
	const people: Person[] = [];
	for (const region of getCountries()) {
		const example = getExampleNumber(region, examples);
		const found = example && person(region, example.number as string);
		if (found) people.push(found);
	}
	const random = mulberry32(17);
	for (const region of MARKETS) {
		const example = getExampleNumber(region, examples);
		if (!example) throw new Error(`no example for ${region}`);
		const code = example.countryCallingCode as string;
		const nsn = example.nationalNumber as string;
		const keep = Math.max(3, nsn.length - 7);
		for (let made = 0, tries = 0; made < PER_MARKET && tries < PER_MARKET * 100; tries++) {
			let tail = '';
			for (let at = keep; at < nsn.length; at++) tail += Math.floor(random() * 10);
			const found = person(region, `+${code}${nsn.slice(0, keep)}${tail}`);
			if (found) {
				people.push(found);
				made++;
			}
		}
	}
	return people;
}

type Outcome = 'right' | 'wrong' | 'refused';

/** [form, what is written, default code] for a person. */
function forms(p: Person): Array<[string, string, string | undefined]> {
	const prefix = nationalPrefix(p.code);
	const withoutTrunk = prefix !== '' && p.national.startsWith(prefix) ? p.national.slice(prefix.length).trim() : p.national;
	// With the trunk prefix: as the country writes it nationally, or the prefix before the
	// digits where libphonenumber reads that as the same number (Colombians write no 0 before
	// a mobile, for one).
	let withTrunk = p.national;
	if (prefix !== '' && !p.national.startsWith(prefix)) {
		const dialled = parsePhoneNumberFromString(`${prefix}${p.nsn}`, p.region);
		withTrunk = dialled?.number === `+${p.code}${p.nsn}` ? `${prefix}${p.nsn}` : p.national;
	}
	const other = p.code === '91' ? '1' : '91';
	const whatsapp = p.code === '52' ? `521${p.expected.slice(2)}` : p.expected;
	const written: Array<[string, string, string | undefined]> = [
		['+CC national', `+${p.code} ${p.nsn}`, undefined],
		['00CC national', `00${p.code} ${p.nsn}`, undefined],
		['WhatsApp ID', `${whatsapp}@s.whatsapp.net`, undefined],
		['+CC (0) national', `+${p.code} (0) ${p.nsn}`, undefined],
		['national with trunk, right default', withTrunk, p.code],
		['national without trunk, right default', withoutTrunk, p.code],
		['bare digits CC+national, no default', `${p.code}${p.nsn}`, undefined],
		[`bare digits CC+national, another default`, `${p.code}${p.nsn}`, other],
		['national without trunk, no default', withoutTrunk, undefined],
	];
	return written;
}

/** The forms in which a person writes a valid number with its code, or with the right default. */
const COUNTED = new Set([
	'+CC national',
	'00CC national',
	'WhatsApp ID',
	'+CC (0) national',
	'national with trunk, right default',
	'national without trunk, right default',
	'bare digits CC+national, no default',
]);

function attempt(text: string, defaultCode: string | undefined): string | undefined {
	try {
		return parsePhone(text, defaultCode);
	} catch {
		return undefined;
	}
}

test('the phone audit: no one is messaged but the person meant, few valid numbers are refused, no impossible length passes', () => {
	const people = corpus();
	const table = new Map<string, Record<Outcome, number>>();
	const count = (form: string, outcome: Outcome) => {
		const row = table.get(form) ?? { right: 0, wrong: 0, refused: 0 };
		row[outcome]++;
		table.set(form, row);
	};
	const strangers: string[] = [];
	const exceptions: string[] = [];
	const impossible: string[] = [];

	for (const p of people) {
		for (const [form, text, defaultCode] of forms(p)) {
			const sent = attempt(text, defaultCode);
			const outcome: Outcome = sent === undefined ? 'refused' : sent === p.expected ? 'right' : 'wrong';
			count(form, outcome);
			if (outcome !== 'wrong') continue;
			// Allowed only where the digits as written are, digit for digit, a valid number of
			// another country: as written, or after the default code.
			const digits = text.replace(/\D/g, '');
			const line = `${form}: ${JSON.stringify(text)}${defaultCode ? ` (default ${defaultCode})` : ''} → +${sent} instead of +${p.expected}`;
			if (sent === digits || sent === `${defaultCode ?? ''}${digits}`) exceptions.push(line);
			else strangers.push(line);
		}
		// One digit short and one too many: never sent where libphonenumber says the length is impossible.
		for (const [form, nsn] of [
			['one digit short', p.nsn.slice(0, -1)],
			['one digit too many', `${p.nsn}5`],
		] as const) {
			const text = `+${p.code} ${nsn}`;
			const sent = attempt(text, undefined);
			count(form, sent === undefined ? 'refused' : sent === p.expected ? 'right' : 'wrong');
			const problem = validatePhoneNumberLength(`+${p.code}${nsn}`);
			if (sent !== undefined && problem !== undefined && problem !== 'NOT_A_NUMBER') {
				impossible.push(`${text} (${problem}) sent as +${sent}`);
			}
		}
	}

	let counted = 0;
	let refused = 0;
	const lines = ['| Written as | Right person | Someone else | Refused |', '|---|---:|---:|---:|'];
	for (const [form, row] of table) {
		lines.push(`| ${form} | ${row.right} | ${row.wrong} | ${row.refused} |`);
		if (COUNTED.has(form)) {
			counted += row.right + row.wrong + row.refused;
			refused += row.refused;
		}
	}
	const rate = refused / counted;
	console.log(
		[
			`Phone audit: ${people.length} numbers (${people.length - MARKETS.length * PER_MARKET} regions' examples, ` +
				`${PER_MARKET} random of each of ${MARKETS.join(', ')})`,
			...lines,
			`Valid numbers written with a code or the right default refused: ${refused} of ${counted} (${(rate * 100).toFixed(2)}%)`,
			`Someone else, because the digits as written are a valid number of another country (${exceptions.length}):`,
			...exceptions.slice(0, 20),
		].join('\n'),
	);

	expect(strangers).toEqual([]);
	expect(impossible).toEqual([]);
	expect(rate).toBeLessThan(0.01);
});
