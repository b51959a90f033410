import { InputError } from '../../nodes/Rampwin/helpers/errors';
import { parsePhoneNumber } from '../../nodes/Rampwin/helpers/phone';

describe('parsePhoneNumber', () => {
	test.each([
		[919876543210, 919876543210],
		['919876543210', 919876543210],
		['+91 98765-43210', 919876543210],
		['(91) 98765 43210', 919876543210],
		['  +44 20 7946 0958 ', 442079460958],
		['1.415.555.2671', 14155552671],
		['12345678', 12345678],
		['123456789012345', 123456789012345],
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
		['0091 98765 43210', /starts with 0/],
		['1234567', /7 digits; it needs 8 to 15/],
		['1234567890123456', /16 digits; it needs 8 to 15/],
		[9198765432.5, /not a whole positive number/],
		[-919876543210, /not a whole positive number/],
		[Number.NaN, /not a whole positive number/],
		['919876543210.0', /not a whole number/],
		['91#98765', /characters other than digits/],
		['9+1 98765 43210', /characters other than digits/],
		[[919876543210], /text or a number, not a list/],
		[{ phone: 1 }, /text or a number, not object/],
	])('%p is refused (%p)', (input, message) => {
		expect(() => parsePhoneNumber(input)).toThrow(message);
	});

	test('a refusal names the field and says how to fix it', () => {
		let thrown: unknown;
		try {
			parsePhoneNumber('0091 98765 43210');
		} catch (error) {
			thrown = error;
		}
		expect(thrown).toBeInstanceOf(InputError);
		expect((thrown as InputError).field).toBe('Phone Number');
		expect((thrown as InputError).hint).toMatch(/Replace the leading 00 with \+/);
	});
});
