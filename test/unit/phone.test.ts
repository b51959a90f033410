import { InputError } from '../../nodes/Rampwin/helpers/errors';
import { parsePhone, parsePhoneNumber, readPhone } from '../../nodes/Rampwin/helpers/phone/phone';

describe('parsePhoneNumber', () => {
	test.each([
		[919876543210, 919876543210],
		['919876543210', 919876543210],
		['+91 98765-43210', 919876543210],
		['  +44 20 7946 0958 ', 442079460958],
		['1.415.555.2671', 14155552671],
		['+1 415 555 2671', 14155552671],
		['+86 139 1234 5678', 8613912345678],
		['+49 1512 3456789', 4915123456789],
		['0091 98765 43210', 919876543210],
		['00 44 20 7946 0958', 442079460958],
		['919876543210@c.us', 919876543210],
		['919876543210@s.whatsapp.net', 919876543210],
		['919876543210:12@s.whatsapp.net', 919876543210],
		// (0) after the country code is the trunk prefix, not dialled from abroad
		['+971 (0) 50 123 4567', 971501234567],
		['+44 (0)20 7946 0958', 442079460958],
		['00971 (0) 50 123 4567', 971501234567],
		// a lone digit in brackets is a country code, not an area code
		['(1) 415 555 2671', 14155552671],
		['919876543210@C.US', 919876543210],
	])('%p becomes %p', (input, expected) => {
		expect(parsePhoneNumber(input)).toBe(expected);
	});

	test.each([
		['', /empty/],
		['   ', /empty/],
		[undefined, /empty/],
		[null, /empty/],
		['+91 98765 4321O', /contains letters/],
		['call 919876543210', /contains letters/],
		['09876543210', /starts with 0/],
		// an area code in brackets is national writing: (91) could as well be Brazil's area code 91
		['(91) 98765 43210', /written as a national number \(an area code in brackets\)/],
		['000091 98765 43210', /does not start with a country calling code: no country has 0, 00 or 009/],
		['+0 98765 43210', /does not start with a country calling code/],
		['120363025246125486@g.us', /WhatsApp group ID, not a phone number/],
		['123456789012345@lid', /WhatsApp lid ID, not a phone number/],
		['91987654321@c.us.evil', /contains letters/],
		['abc@c.us', /contains letters/],
		['9876543210', /read as \+98 \(Iran\) 76543210: numbers in Iran have 4 to 7 or 10 digits after 98, not 8/],
		['1234567890123456', /read as \+1 \(the US, Canada and other NANP countries\) 234567890123456/],
		[9198765432.5, /not a whole positive number/],
		[-919876543210, /not a whole positive number/],
		[Number.NaN, /not a whole positive number/],
		['919876543210.0', /not a whole number/],
		['91#98765', /characters other than digits/],
		['9+1 98765 43210', /characters other than digits/],
		[[919876543210], /text or a number, not a list/],
		[{ phone: 1 }, /text or a number, not an object/],
	])('%p is refused (%p)', (input, message) => {
		expect(() => parsePhoneNumber(input)).toThrow(message);
	});

	test('a refusal names the field and says how to fix it', () => {
		let thrown: unknown;
		try {
			parsePhoneNumber('09876543210');
		} catch (error) {
			thrown = error;
		}
		expect(thrown).toBeInstanceOf(InputError);
		expect((thrown as InputError).field).toBe('Phone Number');
		expect((thrown as InputError).hint).toMatch(/Drop the trunk 0 and put the country code first/);
	});

	test('parsePhone keeps the digits as text, for the endpoints that take a string', () => {
		expect(parsePhone('+1 (415) 555-2671')).toBe('14155552671');
		expect(parsePhone('0091 98765 43210')).toBe('919876543210');
	});

	test('Default Country Code completes national numbers, and never overrides + or 00', () => {
		expect(parsePhone('98765 43210', '91')).toBe('919876543210');
		expect(parsePhone('098765 43210', '+91')).toBe('919876543210');
		expect(parsePhone('+44 7700 900123', '91')).toBe('447700900123');
		expect(parsePhone('0044 7700 900123', '91')).toBe('447700900123');
		expect(parsePhoneNumber('07700 900123', '44')).toBe(447700900123);
		expect(() => parsePhone('98765 43210', 'India')).toThrow(/Default Country Code "India" is not a calling code/);
	});
});

describe('readPhone', () => {
	test.each([
		['+91 98765 43210', { digits: '919876543210', international: true }],
		['0091 98765 43210', { digits: '919876543210', international: true }],
		['919876543210@c.us', { digits: '919876543210', international: true }],
		['98765 43210', { digits: '9876543210', international: false }],
		['(51) 96730-4485', { digits: '51967304485', international: false, bracketed: true, text: '(51) 96730-4485' }],
		['+971 (0) 50 123 4567', { digits: '971501234567', international: true }],
		['098765 43210', { digits: '09876543210', international: false }],
		[919876543210, { digits: '919876543210', international: false }],
	])('%p reads as %p', (input, expected) => {
		expect(readPhone(input)).toEqual(expected);
	});
});
