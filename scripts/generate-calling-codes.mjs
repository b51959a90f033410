// Writes nodes/Rampwin/helpers/phone/callingCodes.ts: every country calling code libphonenumber knows,
// with the lengths its national numbers can have. `--stdout` prints the file instead of writing it
// (the unit test compares the two, so the committed table cannot drift from this script).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const target = path.join(root, 'nodes', 'Rampwin', 'helpers', 'phone', 'callingCodes.ts');

const metadata = require('libphonenumber-js/metadata.max.json');
const { version } = require('libphonenumber-js/package.json');

// E.164: country code and national number together have at most 15 digits.
const MAX_DIGITS = 15;

// Positions in libphonenumber-js's compressed metadata (version 4; see its source/metadata.js).
const CODE = 0;
const POSSIBLE_LENGTHS = 3;
const NATIONAL_PREFIX = 5;
const TYPES = 11;
const FIXED_LINE = 0;
const MOBILE = 1;

// Codes that serve no country. Their names must read well after "numbers in".
const NON_GEOGRAPHIC = {
	800: 'the international freephone service',
	808: 'the international shared-cost service',
	870: 'the Inmarsat network',
	878: 'the Universal Personal Telecommunications service',
	881: 'the Global Mobile Satellite System',
	882: 'international networks',
	883: 'international networks',
	888: 'the UN humanitarian service (OCHA)',
	979: 'the international premium-rate service',
};

// A shared code whose list of regions is too long to read.
const SHARED_NAMES = { 1: 'the US, Canada and other NANP countries' };

// WhatsApp still gives Mexican mobiles the 1 that Mexico dropped in 2019: their WhatsApp ids are
// 521 followed by 10 digits. libphonenumber no longer accepts 11 digits after 52, so it is added here.
const EXTRA_LENGTHS = { 52: { lengths: [11], mobileLengths: [11], mobileFirstDigits: '1' } };

const displayNames = new Intl.DisplayNames(['en'], { type: 'region', style: 'short' });
const RENAMED = { BA: 'Bosnia and Herzegovina', CD: 'DR Congo', CG: 'Congo', VA: 'Vatican City' };
const TAKES_THE =
	/Islands$|Republic|Territor|^United |^(?:US|UK|Netherlands|Philippines|Bahamas|Gambia|Maldives|Comoros|Isle of Man|Caribbean Netherlands)$/;

function regionName(region) {
	const name = (RENAMED[region] ?? displayNames.of(region)).replace(/ & /g, ' and ');
	return TAKES_THE.test(name) ? `the ${name}` : name;
}

function either(names) {
	return names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`;
}

// The digits a string matching `pattern` can start with. libphonenumber's patterns use only
// digits, \d, [classes], (?:groups), | and the quantifiers ? {n} {n,m}, which this reads.
function firstDigits(pattern) {
	let at = 0;
	const all = () => new Set('0123456789');

	function alternation() {
		const first = new Set();
		let nullable = false;
		for (;;) {
			const branch = sequence();
			branch.first.forEach((digit) => first.add(digit));
			nullable ||= branch.nullable;
			if (pattern[at] !== '|') return { first, nullable };
			at++;
		}
	}

	function sequence() {
		const first = new Set();
		let nullable = true;
		while (at < pattern.length && pattern[at] !== '|' && pattern[at] !== ')') {
			const item = atom();
			const optional = quantifier();
			if (nullable) item.first.forEach((digit) => first.add(digit));
			nullable &&= item.nullable || optional;
		}
		return { first, nullable };
	}

	function atom() {
		const char = pattern[at++];
		if (/\d/.test(char)) return { first: new Set(char), nullable: false };
		if (char === '\\' && pattern[at++] === 'd') return { first: all(), nullable: false };
		if (char === '[') {
			const first = new Set();
			while (pattern[at] !== ']') {
				const from = pattern[at++];
				const to = pattern[at] === '-' ? pattern[(at += 2) - 1] : from;
				for (let digit = Number(from); digit <= Number(to); digit++) first.add(String(digit));
			}
			at++;
			return { first, nullable: false };
		}
		if (char === '(') {
			if (pattern.startsWith('?:', at)) at += 2;
			const group = alternation();
			if (pattern[at++] !== ')') throw new Error(`Unbalanced group in ${pattern}`);
			return group;
		}
		throw new Error(`Unexpected "${char}" at ${at - 1} in ${pattern}`);
	}

	function quantifier() {
		if (pattern[at] === '?') {
			at++;
			return true;
		}
		const counted = /^\{(\d+)(?:,\d*)?\}/.exec(pattern.slice(at));
		if (!counted) return false;
		at += counted[0].length;
		return counted[1] === '0';
	}

	const { first } = alternation();
	if (at !== pattern.length) throw new Error(`Could not read ${pattern}`);
	return first;
}

function mobileOf(country) {
	const types = country[TYPES] || [];
	const mobile = types[MOBILE];
	if (!mobile) return undefined;
	// An empty mobile pattern means "the same as fixed line" (libphonenumber-js drops the duplicate).
	const pattern = mobile[0] === '' ? types[FIXED_LINE][0] : mobile[0];
	return { lengths: mobile[1] || country[POSSIBLE_LENGTHS], firstDigits: firstDigits(pattern) };
}

function sorted(numbers) {
	return [...new Set(numbers)].sort((a, b) => a - b);
}

export function buildTable() {
	const table = [];
	const codes = [
		...Object.entries(metadata.country_calling_codes).map(([code, regions]) => ({
			code,
			plans: regions.map((region) => metadata.countries[region]),
			name: SHARED_NAMES[code] ?? either(regions.map(regionName)),
		})),
		// Codes of no country (international freephone, satellite networks…) are kept apart.
		...Object.entries(metadata.nonGeographic).map(([code, plan]) => ({
			code,
			plans: [plan],
			name: NON_GEOGRAPHIC[code],
		})),
	];
	for (const { code, plans, name } of codes) {
		if (!name || plans.includes(undefined)) throw new Error(`+${code}: no name or no numbering plan`);

		const trunks = new Set(plans.map((plan) => plan[NATIONAL_PREFIX] || ''));
		if (trunks.size !== 1) throw new Error(`+${code}: its regions disagree on the trunk prefix`);

		const extra = EXTRA_LENGTHS[code] ?? { lengths: [], mobileLengths: [], mobileFirstDigits: '' };
		const mobiles = plans.map(mobileOf).filter(Boolean);
		const fits = (length) => code.length + length <= MAX_DIGITS;
		table.push({
			code,
			name,
			lengths: sorted([...plans.flatMap((plan) => plan[POSSIBLE_LENGTHS]), ...extra.lengths]).filter(fits),
			mobileLengths: sorted([...mobiles.flatMap((mobile) => mobile.lengths), ...extra.mobileLengths]).filter(fits),
			mobileFirstDigits: [
				...new Set([...mobiles.flatMap((mobile) => [...mobile.firstDigits]), ...extra.mobileFirstDigits]),
			]
				.sort()
				.join(''),
			trunk: [...trunks][0],
		});
		if (String(plans[0][CODE]) !== code) throw new Error(`+${code}: metadata says ${plans[0][CODE]}`);
	}
	return table.sort((a, b) => Number(a.code) - Number(b.code));
}

function quote(text) {
	return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function list(numbers) {
	return `[${numbers.join(', ')}]`;
}

export function render(table) {
	const rows = table.map(
		(entry) =>
			`\t'${entry.code}': [${quote(entry.name)}, ${list(entry.lengths)}, ${list(entry.mobileLengths)}, ` +
			`'${entry.mobileFirstDigits}', '${entry.trunk}'],`,
	);
	return [
		'// Generated by scripts/generate-calling-codes.mjs (npm run generate:calling-codes); do not edit.',
		`// Codes and lengths: libphonenumber's metadata as shipped in libphonenumber-js ${version}`,
		"// (metadata.max.json), which covers the codes of the ITU-T E.164 list of assigned country codes",
		'// that have a numbering plan. Names: Intl.DisplayNames, English, CLDR ' + process.versions.cldr + '.',
		'// lengths: the lengths of national numbers (after the code) over all number types and all regions',
		'// that share the code; "local only" lengths are not in it, and none makes the whole number longer',
		"// than E.164's 15 digits. mobileLengths and mobileFirstDigits describe mobile numbers alone. trunk:",
		'// the national (trunk) prefix dialled before a national number, or \'\'. Mexico also has 11 digits',
		'// starting with 1 after 52, because WhatsApp ids of Mexican mobiles keep the 1 Mexico dropped in 2019.',
		'',
		'type CallingCode = readonly [',
		'\tname: string,',
		'\tlengths: readonly number[],',
		'\tmobileLengths: readonly number[],',
		'\tmobileFirstDigits: string,',
		'\ttrunk: string,',
		'];',
		'',
		'export const CALLING_CODES: Readonly<Record<string, CallingCode>> = {',
		...rows,
		'};',
		'',
	].join('\n');
}

const text = render(buildTable());
if (process.argv.includes('--stdout')) {
	process.stdout.write(text);
} else {
	const before = existsSync(target) ? readFileSync(target, 'utf8') : '';
	writeFileSync(target, text);
	console.log(`${before === text ? 'unchanged' : 'wrote'} ${path.relative(root, target)} (${text.length} bytes)`);
}
