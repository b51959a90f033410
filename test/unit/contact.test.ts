import { buildContactBody, parseEmail, parseTags, parseTimezone } from '../../nodes/Rampwin/helpers/contact/contact';

const minimal = {
	channelId: 'chan-1',
	phoneNumber: '+91 98765 43210',
	fullName: 'John Doe',
	additionalFields: {},
	customAttributes: [],
};

describe('parseTags', () => {
	test.each([
		['premium, whatsapp_user', ['premium', 'whatsapp_user']],
		[' a ,, b, a ', ['a', 'b']],
		[[' x ', 'y', '', 3], ['x', 'y', '3']],
		[', ,', undefined],
		[[], undefined],
	])('%p becomes %p', (input, expected) => {
		expect(parseTags(input)).toEqual(expected);
	});

	test.each([
		[[{ a: 1 }], /Tag #1 is a object, not text/],
		[['a', null], /Tag #2 is null/],
		[5, /Tags must be text or a list/],
	])('%p is refused', (input, message) => {
		expect(() => parseTags(input)).toThrow(message);
	});
});

describe('parseEmail', () => {
	test('trims a plausible address', () => {
		expect(parseEmail(' john@example.com ')).toBe('john@example.com');
	});
	test.each(['john', 'john@', 'john@example', 'jo hn@example.com', '@example.com'])('%p is refused', (email) => {
		expect(() => parseEmail(email)).toThrow(/is not a valid address/);
	});
});

describe('parseTimezone', () => {
	test.each([
		['Asia/Kolkata', 'Asia/Kolkata'],
		['europe/london', 'Europe/London'],
		['utc', 'UTC'],
		['America/Argentina/Buenos_Aires', 'America/Argentina/Buenos_Aires'],
	])('%p becomes %p', (input, expected) => {
		expect(parseTimezone(input)).toBe(expected);
	});
	test.each(['Mars/Olympus', '+05:30', 'IST', 'Asia/', 'Asia Kolkata'])('%p is refused', (zone) => {
		expect(() => parseTimezone(zone)).toThrow(/is not a known IANA time zone/);
	});
});

describe('buildContactBody', () => {
	test('a minimal contact has only the required fields', () => {
		expect(buildContactBody(minimal)).toEqual({
			phone_number: 919876543210,
			full_name: 'John Doe',
			integration_id: 'chan-1',
		});
	});

	test('maps every additional field to its API key and leaves empty ones out', () => {
		const body = buildContactBody({
			...minimal,
			additionalFields: {
				firstName: 'John',
				lastName: ' Doe ',
				email: 'john@example.com',
				company: 'Acme',
				city: 'Mumbai',
				state: 'Maharashtra',
				zipcode: '004000',
				address: '12 Marine Drive',
				remarks: 'VIP',
				tags: 'premium, whatsapp_user',
				timezone: 'Asia/Kolkata',
			},
			customAttributes: [{ name: 'recharge_amount', type: 'number', value: '500' }],
		});
		expect(body).toEqual({
			phone_number: 919876543210,
			full_name: 'John Doe',
			integration_id: 'chan-1',
			first_name: 'John',
			last_name: 'Doe',
			email: 'john@example.com',
			company: 'Acme',
			city: 'Mumbai',
			state: 'Maharashtra',
			zipcode: '004000',
			address: '12 Marine Drive',
			remarks: 'VIP',
			tags: ['premium', 'whatsapp_user'],
			timezone: 'Asia/Kolkata',
			recharge_amount: 500,
		});
	});

	test('a zip code from a number expression is sent as text', () => {
		expect(buildContactBody({ ...minimal, additionalFields: { zipcode: 400001 } }).zipcode).toBe('400001');
	});

	test('empty optional fields are not sent', () => {
		const body = buildContactBody({ ...minimal, additionalFields: { city: '  ', email: '', tags: ' , ' } });
		expect(Object.keys(body).sort()).toEqual(['full_name', 'integration_id', 'phone_number']);
	});

	test.each([
		[{ fullName: '  ' }, 'Full Name', /Full Name is empty/],
		[{ channelId: '' }, 'Channel ID', /Channel ID is empty/],
		[{ fullName: ['a'] }, 'Full Name', /must be text, not a list/],
		[{ additionalFields: { city: { a: 1 } } }, 'City', /City must be text, not an object/],
	])('%j is refused', (change, field, message) => {
		expect(() => buildContactBody({ ...minimal, ...change })).toThrow(message);
		expect(() => buildContactBody({ ...minimal, ...change })).toThrow(expect.objectContaining({ field }) as Error);
	});
});
