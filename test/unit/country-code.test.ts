import {
	applyCountryCode,
	parseDefaultCountryCode,
	readInternational,
} from '../../nodes/Rampwin/helpers/phone/countryCode';
import { refusal } from '../harness/refusal';


const international = (digits: string) => ({ digits, international: true });
const national = (digits: string) => ({ digits, international: false });

describe('applyCountryCode: a valid mobile of each large WhatsApp market', () => {
	// [country, code, national number, trunk prefix or '']
	const markets: Array<[string, string, string, string]> = [
		['India', '91', '9876543210', '0'],
		['Brazil', '55', '11961234567', '0'],
		['Indonesia', '62', '81234567890', '0'],
		['Mexico', '52', '2221234567', ''],
		['the US', '1', '2015550123', '1'],
		['Nigeria', '234', '8021234567', '0'],
		['Pakistan', '92', '3012345678', '0'],
		['Germany', '49', '1701234567', '0'],
		['the UK', '44', '7400123456', '0'],
		['Egypt', '20', '1001234567', '0'],
		['Turkey', '90', '5012345678', '0'],
		['Spain', '34', '612345678', ''],
	];

	test.each(markets)('%s: +%s %s stays as written', (_country, code, number) => {
		expect(applyCountryCode(international(code + number), undefined)).toBe(code + number);
		expect(applyCountryCode(international(code + number), '91')).toBe(code + number);
	});

	test.each(markets)('%s (+%s): national %s gets the default code', (_country, code, number) => {
		expect(applyCountryCode(national(number), code)).toBe(code + number);
	});

	test.each(markets.filter(([, , , trunk]) => trunk !== ''))(
		'%s: the trunk prefix is dropped from a national number',
		(_country, code, number, trunk) => {
			expect(applyCountryCode(national(trunk + number), code)).toBe(code + number);
		},
	);

	test.each(markets)('%s: +%s %s written without + and no default is read as international', (_c, code, number) => {
		expect(applyCountryCode(national(code + number), undefined)).toBe(code + number);
	});
});

describe('applyCountryCode: readings', () => {
	test.each([
		// shared codes
		['Canada under +1', international('16045551234'), undefined, '16045551234'],
		['Jamaica under +1', international('18762101234'), undefined, '18762101234'],
		['Kazakhstan under +7', international('77011234567'), undefined, '77011234567'],
		['Jersey under +44', international('447797712345'), undefined, '447797712345'],
		// trunk prefixes other than 0, and a 0 that is part of the number
		['Russian 8 trunk', national('89161234567'), '7', '79161234567'],
		['Hungarian 06 trunk', national('06301234567'), '36', '36301234567'],
		['Italian landline keeps its 0', national('0612345678'), '39', '390612345678'],
		['a US number already with its 1', national('12015550123'), '1', '12015550123'],
		['a Russian number already with its 7', national('79161234567'), '7', '79161234567'],
		// both lengths exist, only one reading is a mobile
		['+49 mobile under Indian default', national('4915123456789'), '91', '4915123456789'],
		['Indian national under Russian default', national('9161234567'), '7', '79161234567'],
		['São Paulo mobile (NANP numbers never start with 1)', national('11961234567'), '55', '5511961234567'],
		['Indian mobile is not +81 (Japan)', national('8123456789'), '91', '918123456789'],
		// a default given as typed
		['default with +', national('9876543210'), '+91', '919876543210'],
		['blank default means none', national('919876543210'), '  ', '919876543210'],
		// WhatsApp ids of Mexican and Argentinian mobiles
		// one form per person: Mexico without the 1 it dropped in 2019, Argentina with the 9
		['Mexican mobile with the old 1 is sent without it', international('5215512345678'), undefined, '525512345678'],
		['Argentinian mobile with its 9', international('5491123456789'), undefined, '5491123456789'],
	])('%s', (_what, input, defaultCode, expected) => {
		expect(applyCountryCode(input, defaultCode)).toBe(expected);
	});
});

describe('applyCountryCode: refusals', () => {
	test.each([
		[
			'the issue: a national Indian number without a default',
			national('9876543210'),
			undefined,
			'Phone number "9876543210" read as +98 (Iran) 76543210: numbers in Iran have 4 to 7 or 10 digits after 98, not 8',
			/set Default Country Code in Options/,
		],
		[
			'too short for +1',
			international('1415555267'),
			undefined,
			'Phone number "+1415555267" read as +1 (the US, Canada and other NANP countries) 415555267: ' +
				'numbers in the US, Canada and other NANP countries have 7 or 10 digits after 1, not 9',
			/missing or extra digit/,
		],
		[
			'too long for +7',
			international('791612345678'),
			undefined,
			'Phone number "+791612345678" read as +7 (Russia or Kazakhstan) 91612345678: ' +
				'numbers in Russia or Kazakhstan have 10 or 14 digits after 7, not 11',
			/missing or extra digit/,
		],
		[
			'too short for +44',
			international('4474001234'),
			undefined,
			'Phone number "+4474001234" read as +44 (the UK, Guernsey, the Isle of Man or Jersey) 74001234: ' +
				'numbers in the UK, Guernsey, the Isle of Man or Jersey have 7, 9 or 10 digits after 44, not 8',
			/missing or extra digit/,
		],
		[
			'too long for Spain',
			international('346123456789'),
			undefined,
			'Phone number "+346123456789" read as +34 (Spain) 6123456789: numbers in Spain have 9 digits after 34, not 10',
			/missing or extra digit/,
		],
		[
			'too long for Brazil',
			international('55119612345678'),
			undefined,
			'Phone number "+55119612345678" read as +55 (Brazil) 119612345678: numbers in Brazil have 8 to 11 digits after 55, not 12',
			/missing or extra digit/,
		],
		[
			'too short for India',
			international('919876543'),
			undefined,
			'Phone number "+919876543" read as +91 (India) 9876543: numbers in India have 8 to 13 digits after 91, not 7',
			/missing or extra digit/,
		],
		[
			'too short for Nigeria',
			international('234802123456'),
			undefined,
			'Phone number "+234802123456" read as +234 (Nigeria) 802123456: numbers in Nigeria have 10 to 12 digits after 234, not 9',
			/missing or extra digit/,
		],
		[
			'a trunk 0 kept after the country code',
			international('4407400123456'),
			undefined,
			'Phone number "+4407400123456" read as +44 (the UK, Guernsey, the Isle of Man or Jersey) 07400123456: ' +
				'it keeps the trunk prefix 0 after the country code',
			/^Drop the trunk prefix 0 after the country code: \+44 7400123456$/,
		],
		[
			'unknown code 999',
			international('9991234567'),
			undefined,
			'Phone number "+9991234567" does not start with a country calling code: no country has 9, 99 or 999 as its code',
			/Check the country code after the \+/,
		],
		[
			'unknown code 969',
			international('9691234567'),
			'91',
			'Phone number "+9691234567" does not start with a country calling code: no country has 9, 96 or 969 as its code',
			/Check the country code after the \+/,
		],
		[
			'unknown code 280, without +',
			national('2801234567'),
			undefined,
			'Phone number "2801234567" does not start with a country calling code: no country has 2, 28 or 280 as its code',
			/^Add \+ and the country code.*set Default Country Code/,
		],
		[
			'unknown code 422',
			international('4221234567'),
			undefined,
			'Phone number "+4221234567" does not start with a country calling code: no country has 4, 42 or 422 as its code',
			/Check the country code/,
		],
		[
			'ambiguous: German mobile without its 0, or a US number',
			national('15123456789'),
			'49',
			'Phone number "15123456789" could be +1 (the US, Canada and other NANP countries) 5123456789 or +49 (Germany) 15123456789',
			/^Write it with a \+ in front: \+15123456789 if it is international, \+4915123456789 if it is national$/,
		],
		[
			'ambiguous: Indian mobile starting 960, or a Maldives mobile',
			national('9607123456'),
			'91',
			'Phone number "9607123456" could be +960 (the Maldives) 7123456 or +91 (India) 9607123456',
			/\+9607123456 if it is international, \+919607123456 if it is national/,
		],
		[
			'neither reading fits',
			national('5123456'),
			'91',
			'Phone number "5123456" is neither +51 (Peru) 23456 nor +91 (India) 5123456: ' +
				'numbers in Peru have 8 or 9 digits after 51, not 5, and numbers in India have 8 to 13 digits after 91, not 7',
			/missing or extra digit, or a wrong Default Country Code/,
		],
		[
			'a national number too short after its trunk 0',
			national('098765432'),
			'44',
			'Phone number "098765432" read as +44 (the UK, Guernsey, the Isle of Man or Jersey) 98765432: ' +
				'numbers in the UK, Guernsey, the Isle of Man or Jersey have 7, 9 or 10 digits after 44, not 8',
			/missing or extra digit/,
		],
		[
			'a 0 Spain does not use',
			national('0612345678'),
			'34',
			'Phone number "0612345678" read as +34 (Spain) 0612345678: numbers in Spain have 9 digits after 34, not 10',
			/missing or extra digit/,
		],
		[
			'a trunk 0 without a default (today\'s message)',
			national('09876543210'),
			undefined,
			'Phone number "09876543210" starts with 0, so it has no country code',
			/^Drop the trunk 0 and put the country code first.*set Default Country Code in Options$/,
		],
		[
			'00 without a default (today\'s message)',
			national('00919876543210'),
			undefined,
			'Phone number "00919876543210" starts with 0, so it has no country code',
			/^Replace the leading 00 with \+/,
		],
	])('%s', (_what, input, defaultCode, message, hint) => {
		const error = refusal(() => applyCountryCode(input, defaultCode));
		expect(error.field).toBe('Phone Number');
		expect(error.message).toBe(message);
		expect(error.hint).toMatch(hint);
	});

	test('a default code that does not exist is refused as the Default Country Code', () => {
		const error = refusal(() => applyCountryCode(national('9876543210'), '999'));
		expect(error.field).toBe('Default Country Code');
		expect(error.message).toBe('Default Country Code 999 is not the calling code of any country');
	});

	test('with the + the UK 11 digits are refused even under a UK default', () => {
		expect(() => applyCountryCode(international('4407400123456'), '44')).toThrow(/keeps the trunk prefix 0/);
	});
});

describe('applyCountryCode: numbering plans, not lengths (issue 17)', () => {
	const written = (digits: string, bracketed = false) => ({ digits, international: false, bracketed });

	test.each([
		// a number is sent only where it is a valid number of the country it is read as
		['without a default, bare digits that are a valid number', written('919876543210'), undefined, '919876543210'],
		['Brazilian national with its own default', written('51967304485', true), '55', '5551967304485'],
		['US national with its own default', written('2015550123', true), '1', '12015550123'],
		['Italian mobile with its own default', written('3123456789'), '39', '393123456789'],
		// exactly one valid reading wins
		['Indonesian mobile: +81 Japan is a fixed line, the national reading a mobile', written('81234567890'), '62', '6281234567890'],
		['a US number: +20 Egypt is a fixed line, the national reading can be a mobile', written('2015550123'), '1', '12015550123'],
		// trunk prefixes beyond a single 0
		['Belarus: trunk 8 and the old 0 of the operator code', written('80291234567'), '375', '375291234567'],
		['Russia: trunk 8', written('89161234567'), '7', '79161234567'],
		['Argentina: trunk 0 and mobile 15 become the 9 WhatsApp uses', written('01115 23456789'.replace(' ', '')), '54', '5491123456789'],
		['Argentina: area code and 15 without the trunk 0', written('111523456789'), '54', '5491123456789'],
		['Argentina: a national number gets the 9', written('01123456789'), '54', '5491123456789'],
		['Mexico: the 1 of the old mobile form is dropped', written('12221234567'), '52', '522221234567'],
		['Mexico: 10 digits with the default', written('5512345678'), '52', '525512345678'],
	])('%s', (_what, input, defaultCode, expected) => {
		expect(applyCountryCode(input, defaultCode)).toBe(expected);
	});

	test.each([
		['+54 11 … is sent with the 9 of a mobile', international('541123456789'), '5491123456789'],
		['+54 9 11 … as written', international('5491123456789'), '5491123456789'],
		['+52 1 55 … without the 1', international('5215512345678'), '525512345678'],
	])('%s', (_what, input, expected) => {
		expect(applyCountryCode(input, undefined)).toBe(expected);
	});

	test.each([
		['Italy 312 345 6789 is no Dutch number', written('3123456789'), undefined, /read as \+31 \(the Netherlands\) 23456789: no number in the Netherlands has these digits/],
		['Brazil (51) 96730-4485 is national writing', { ...written('51967304485', true), text: '(51) 96730-4485' }, undefined, /"\(51\) 96730-4485" is written as a national number/],
		['US (201) 555-0123 is national writing', { ...written('2015550123', true), text: '(201) 555-0123' }, undefined, /written as a national number/],
		['an Indian fixed line is not sent to Denmark', written('4577267430'), '91', /could be \+45 \(Denmark\) 77267430 or \+91 \(India\) 4577267430/],
		['a Maldives mobile or an Indian one', written('9607123456'), '91', /could be \+960/],
		['a German mobile without its 0, or a US number', written('15123456789'), '49', /could be \+1 .* or \+49/],
		['11 digits after 52 that are no Mexican number', international('5229912345678'), undefined, /Mexico/],
		['Mexico 1 55 …: also a US number (+1 551 …)', written('15512345678'), '52', /could be \+1 .* or \+52/],
		['a Mexican number one digit short', international('52551234567'), undefined, /Mexico/],
		['a Vietnamese VoIP number or a Norfolk Island fixed line', written('672106609'), '84', /could be \+672 \(.*\) 106609 or \+84 \(Vietnam\) 672106609/],
	])('%s is refused', (_what, input, defaultCode, message) => {
		expect(() => applyCountryCode(input, defaultCode)).toThrow(message);
	});

	test('without a default the fix is to set one or to write a +', () => {
		const error = refusal(() => applyCountryCode(written('3123456789'), undefined));
		expect(error.hint).toMatch(/^Write it with \+ and its country code\. If the sheet holds national numbers, set Default Country Code in Options/);
	});

	test('a Belgian number written without + under a Mexican default is Mexican: the digits are a Mexican mobile too', () => {
		// One of the README's reasons to prefer +: 3212345678 is, digit for digit, a valid Mexican number.
		expect(applyCountryCode(written('3212345678'), '52')).toBe('523212345678');
		expect(applyCountryCode(international('3212345678'), '52')).toBe('3212345678');
	});
});

describe('parseDefaultCountryCode', () => {
	test.each([
		['91', '91'],
		['+91', '91'],
		[' 91 ', '91'],
		['+ 44', '44'],
		['0049', '49'],
		[1, '1'],
		[7, '7'],
		['880', '880'],
		['', undefined],
		['   ', undefined],
		[undefined, undefined],
		[null, undefined],
	])('%p becomes %p', (value, expected) => {
		expect(parseDefaultCountryCode(value)).toBe(expected);
	});

	test.each([
		['India', 'Default Country Code "India" is not a calling code of 1 to 3 digits'],
		['9199', 'Default Country Code "9199" is not a calling code of 1 to 3 digits'],
		['+91 98765', 'Default Country Code "+91 98765" is not a calling code of 1 to 3 digits'],
		[91.5, 'Default Country Code "91.5" is not a calling code of 1 to 3 digits'],
		['999', 'Default Country Code 999 is not the calling code of any country'],
		['0', 'Default Country Code 0 is not the calling code of any country'],
		[28, 'Default Country Code 28 is not the calling code of any country'],
		[true, 'Default Country Code must be text or a number, not a boolean'],
		[['91'], 'Default Country Code must be text or a number, not a list'],
	])('%p is refused', (value, message) => {
		const error = refusal(() => parseDefaultCountryCode(value));
		expect(error.field).toBe('Default Country Code');
		expect(error.message).toBe(message);
		expect(error.hint).toBe('Enter the digits of the calling code, e.g. 91 for India, 44 for the UK or 1 for the US');
	});
});

describe('readInternational', () => {
	// A reading carries the number to send only when it is valid by the country's numbering plan.
	test.each([
		['9876543210', { code: '98', national: '76543210', name: 'Iran' }],
		['919876543210', { code: '91', national: '9876543210', name: 'India', number: '919876543210', type: 'MOBILE' }],
		['12015550123', { code: '1', national: '2015550123', number: '12015550123', type: 'FIXED_LINE_OR_MOBILE' }],
		// NANP area codes never start with 1, so this is no number
		['11961234567', { code: '1', national: '1961234567' }],
		['88213001234', { code: '882', name: 'international networks', number: '88213001234' }],
		['390612345678', { code: '39', name: 'Italy or Vatican City', number: '390612345678', type: 'FIXED_LINE' }],
	])('%s', (digits, expected) => {
		const reading = readInternational(digits);
		expect(reading).toMatchObject(expected);
		expect(reading?.number).toBe((expected as { number?: string }).number);
	});

	test.each(['9991234567', '0919876543', ''])('%p has no calling code', (digits) => {
		expect(readInternational(digits)).toBeUndefined();
	});
});
