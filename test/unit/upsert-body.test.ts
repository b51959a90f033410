import { buildContactBody, buildUpsertBody } from '../../nodes/Rampwin/helpers/contact/contact';

const none = { additionalFields: {}, customAttributes: [] };

describe('buildUpsertBody', () => {
	test('sends the phone as the reference shows it for this endpoint: a string, + and the digits', () => {
		expect(buildUpsertBody({ ...none, phoneNumber: '0091 98765-43210', fullName: '' })).toStrictEqual({
			phone_number: '+919876543210',
		});
	});

	test('sends only the fields that are set, so nothing stored is wiped', () => {
		const body = buildUpsertBody({
			phoneNumber: '919876543210@c.us',
			fullName: '  ',
			additionalFields: { city: 'Pune', email: '', tags: ' , ', firstName: 'Asha', remarks: undefined },
			customAttributes: [
				{ name: 'plan_status', type: 'string', value: 'ACTIVE' },
				{ name: 'recharge_amount', type: 'number', value: '' },
			],
		});
		expect(body).toStrictEqual({
			phone_number: '+919876543210',
			city: 'Pune',
			first_name: 'Asha',
			plan_status: 'ACTIVE',
		});
	});

	test('a name that is set is sent, trimmed', () => {
		expect(buildUpsertBody({ ...none, phoneNumber: '+1 415 555 2671', fullName: ' Asha Rao ' })).toStrictEqual({
			phone_number: '+14155552671',
			full_name: 'Asha Rao',
		});
	});

	test('applies the same checks as Create', () => {
		const bad = { phoneNumber: '+91 98765 43210', fullName: '' };
		expect(() => buildUpsertBody({ ...bad, additionalFields: { email: 'nope' }, customAttributes: [] })).toThrow(
			/Email "nope" is not a valid address/,
		);
		expect(() =>
			buildUpsertBody({ ...bad, additionalFields: {}, customAttributes: [{ name: 'tags', type: 'string', value: 'x' }] }),
		).toThrow(/tags/);
		expect(() => buildUpsertBody({ ...none, phoneNumber: '98765', fullName: '' })).toThrow(/read as \+98 \(Iran\) 765/);
	});

	test('Create and Create or Update send the same optional fields for the same input', () => {
		const fields = {
			additionalFields: { zipcode: '004001', tags: 'a, b', timezone: 'Asia/Kolkata' },
			customAttributes: [{ name: 'recharge_amount', type: 'number', value: '500' }],
		};
		const { phone_number: _create, full_name: _name, integration_id: _channel, ...created } = buildContactBody({
			...fields,
			channelId: 'chan-1',
			phoneNumber: '+91 98765 43210',
			fullName: 'Asha',
		});
		const { phone_number: _upsert, full_name: _same, ...upserted } = buildUpsertBody({
			...fields,
			phoneNumber: '+91 98765 43210',
			fullName: 'Asha',
		});
		expect(upserted).toStrictEqual(created);
		expect(created).toStrictEqual({ zipcode: '004001', tags: ['a', 'b'], timezone: 'Asia/Kolkata', recharge_amount: 500 });
	});
});
