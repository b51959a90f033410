import type { IDataObject } from 'n8n-workflow';

import { runRampwin } from '../harness/rampwin-workflow';
import type { RampwinServer } from '../../sandbox/rampwin-server';
import { useRampwinServer } from '../harness/server';

let server: RampwinServer;
useRampwinServer((started) => (server = started));

const rows: IDataObject[] = [
	{ phone: '+91 98765 43210', name: 'Asha', row: 1 },
	{ phone: '12345', name: 'Too short', row: 2 },
	{ phone: '+44 20 7946 0958', name: 'Already there', row: 3 },
	{ phone: '+1 415 555 2671', name: 'Ben', row: 4 },
	{ phone: '+91 98765 43211', name: '', row: 5 },
];

describe("On Error › Continue (using error output), through n8n-core", () => {
	test('successes go to the success output and failures to the error output, each paired', async () => {
		await runRampwin({ server, items: [{ phone: '+44 20 7946 0958', name: 'Already there' }] });
		server.requests.length = 0;

		const { output, errorOutput, error } = await runRampwin({
			server,
			items: rows,
			settings: { onError: 'continueErrorOutput' },
		});
		expect(error).toBeUndefined();
		expect(output.map((item) => [item.pairedItem, item.json.full_name])).toEqual([
			[{ item: 0 }, 'Asha'],
			[{ item: 3 }, 'Ben'],
		]);
		expect(output.every((item) => typeof item.json._id === 'string' && item.json.error === undefined)).toBe(true);

		expect(errorOutput.map((item) => item.pairedItem)).toEqual([{ item: 1 }, { item: 2 }, { item: 4 }]);
		// n8n merges the input item under the node's own fields, so the row can be found again.
		// (The node's fields are only `error` and `message`: n8n 1.x routes nothing else.)
		expect(errorOutput.map((item) => item.json)).toStrictEqual([
			{
				...rows[1],
				error: 'Item 1: Phone number "12345" read as +1 (the US, Canada and other NANP countries) 2345: numbers in the US, Canada and other NANP countries have 7 or 10 digits after 1, not 4',
				message:
					'Field "Phone Number": Write it with + and its country code. If the sheet holds national numbers, set Default Country Code in Options; otherwise look for a missing or extra digit',
			},
			{
				...rows[2],
				error: 'Rampwin refused the contact: Contact already exists on this channel',
				message: expect.stringMatching(/^Rampwin answers 400 both for invalid fields/),
			},
			{
				...rows[4],
				error: 'Item 4: Full Name is empty',
				message: expect.stringMatching(/^Field "Full Name":/),
			},
		]);
		// Two bad rows never reached Rampwin.
		expect(server.requests).toHaveLength(3);
	});

	test('Continue (regular output) keeps the failed item in the one output, in its old shape', async () => {
		const { output, errorOutput } = await runRampwin({ server, items: rows.slice(0, 2), continueOnFail: true });
		expect(errorOutput).toEqual([]);
		expect(output[1]).toStrictEqual({
			json: {
				error: 'Item 1: Phone number "12345" read as +1 (the US, Canada and other NANP countries) 2345: numbers in the US, Canada and other NANP countries have 7 or 10 digits after 1, not 4',
				errorDescription: expect.stringMatching(/^Field "Phone Number":/),
				phone_number: '12345',
				full_name: 'Too short',
				integration_id: 'chan-1',
			},
			pairedItem: { item: 1 },
		});
	});
});
