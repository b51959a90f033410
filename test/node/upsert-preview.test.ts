import type { RampwinServer } from '../../sandbox/rampwin-server';
import { readSchema } from '../harness/output-schema';
import { runRampwin } from '../harness/rampwin-workflow';
import { useRampwinServer } from '../harness/server';

jest.setTimeout(30_000);

let server: RampwinServer;
useRampwinServer((started) => (server = started));

// The editor previews an operation's output from its schema's properties before any run.
describe('Contact › Create or Update: the preview is what a run returns', () => {
	test('the fields of a real run are exactly the ones the schema lists (Rampwin returns _id and phone_number)', async () => {
		const { output, error } = await runRampwin({
			server,
			items: [{ phone: '+91 98765 43210', name: 'Asha', email: 'asha@example.com' }],
			parameters: { operation: 'upsert', additionalFields: { email: '={{ $json.email }}' } },
		});
		expect(error).toBeUndefined();
		const previewed = Object.keys(readSchema('contact', 'upsert').properties as object).sort();
		expect(Object.keys(output[0].json).sort()).toEqual(previewed);
		expect(previewed).toEqual(['_id', 'phone_number']);
	});
});
