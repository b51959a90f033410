import type { IDataObject } from 'n8n-workflow';

import { runRampwin } from '../harness/rampwin-workflow';
import type { RampwinServer } from '../../sandbox/rampwin-server';
import { useRampwinServer } from '../harness/server';

let server: RampwinServer;
useRampwinServer((started) => (server = started));

const sent = () => server.requests.map((request) => (request.body as IDataObject).phone_number);

describe('Default Country Code, through n8n-core', () => {
	test('an Indian sheet: national numbers get +91, international ones keep their code, bad rows say why', async () => {
		const { output } = await runRampwin({
			server,
			continueOnFail: true,
			items: [
				{ phone: '98765 43210', name: 'National' },
				{ phone: '098765 43211', name: 'Trunk zero' },
				{ phone: '+44 7700 900123', name: 'UK with +' },
				{ phone: '919812345678', name: 'Already international' },
				{ phone: '98765', name: 'Too short' },
				{ phone: '919876543212@c.us', name: 'WhatsApp ID' },
			],
			parameters: { options: { defaultCountryCode: '+91' } },
		});
		expect(sent()).toStrictEqual([919876543210, 919876543211, 447700900123, 919812345678, 919876543212]);
		expect(output.map((item) => item.json.error ?? item.json.phone_number)).toEqual([
			919876543210,
			919876543211,
			447700900123,
			919812345678,
			'Item 4: Phone number "98765" is neither +98 (Iran) 765 nor +91 (India) 98765: numbers in Iran have 4 to 7 or 10 digits after 98, not 3, and numbers in India have 8 to 13 digits after 91, not 5',
			919876543212,
		]);
		expect(output[4].json.errorDescription).toBe(
			'Field "Phone Number": Look for a missing or extra digit, or a wrong Default Country Code in Options',
		);
	});

	test('without the option, a national number is refused instead of reaching a stranger in Iran', async () => {
		const { error } = await runRampwin({ server, items: [{ phone: '9876543210', name: 'Asha' }] });
		expect(error?.message).toBe(
			'Item 0: Phone number "9876543210" read as +98 (Iran) 76543210: numbers in Iran have 4 to 7 or 10 digits after 98, not 8',
		);
		expect(error?.description).toMatch(/set Default Country Code in Options/);
		expect(server.requests).toHaveLength(0);
	});

	test('a German sheet through Create or Update: an ambiguous number is refused with both readings', async () => {
		const { output } = await runRampwin({
			server,
			continueOnFail: true,
			items: [
				{ phone: '01512 3456789', name: 'Trunk zero' },
				{ phone: '15123456781', name: 'Ambiguous' },
				{ phone: '0049 1512 3456780', name: '00 prefix' },
			],
			parameters: { operation: 'upsert', options: { defaultCountryCode: '49' } },
		});
		expect(sent()).toStrictEqual(['+4915123456789', '+4915123456780']);
		expect(output[1].json).toMatchObject({
			error:
				'Item 1: Phone number "15123456781" could be +1 (the US, Canada and other NANP countries) 5123456781 or +49 (Germany) 15123456781',
			errorDescription:
				'Field "Phone Number": Write it with a + in front: +15123456781 if it is international, +4915123456781 if it is national',
		});
	});

	test('a Default Country Code that is not a calling code fails every item before any request', async () => {
		const { error } = await runRampwin({
			server,
			items: [{ phone: '98765 43210', name: 'Asha' }],
			parameters: { options: { defaultCountryCode: 'India' } },
		});
		expect(error?.message).toBe('Item 0: Default Country Code "India" is not a calling code of 1 to 3 digits');
		expect(error?.description).toMatch(/^Field "Default Country Code": Enter the digits of the calling code/);
		expect(server.requests).toHaveLength(0);
	});
});
