import type { IDataObject } from 'n8n-workflow';

import { runRampwin } from '../harness/rampwin-workflow';
import type { RampwinServer } from '../../sandbox/rampwin-server';
import { useRampwinServer } from '../harness/server';

let server: RampwinServer;
useRampwinServer((started) => (server = started));

// Items with the shapes that matter: nested keys, keys with spaces, null, numbers,
// lists, and a missing field (which must fall back to n8n's engine).
const items: IDataObject[] = [
	{ contact: { mobile: 919812345678, 'first name': 'Priya' }, city: 'Pune', n: 5, tags: ['a', ' b'], ok: true },
	{ contact: { mobile: '+1 415 555 2671', 'first name': 'Sam' }, city: null, n: '7.5', tags: 'x, y', ok: 'false' },
	{ contact: { mobile: '447700900123', 'first name': 'Ann' }, n: 0, tags: [], ok: false },
];

/** The same mapping, written as plain paths (read directly) or wrapped so n8n's engine evaluates it. */
function parameters(wrap: (path: string) => string) {
	return {
		phoneNumber: wrap('$json.contact.mobile'),
		fullName: wrap('$json.contact["first name"]'),
		additionalFields: { city: wrap('$json.city'), tags: wrap('$json.tags') },
		customAttributes: {
			attribute: [
				{ name: 'n', type: 'number', value: wrap('$json.n') },
				{ name: 'ok', type: 'boolean', value: wrap('$json.ok') },
				{ name: 'fixed', type: 'string', value: 'same for all' },
			],
		},
	};
}

test('plain $json paths give exactly what n8n’s expression engine gives', async () => {
	const direct = await runRampwin({ server, items, continueOnFail: true, parameters: parameters((p) => `={{ ${p} }}`) });
	const directBodies = server.requests.map((request) => request.body);
	server.reset();
	const engine = await runRampwin({ server, items, continueOnFail: true, parameters: parameters((p) => `={{ (${p}) }}`) });
	const engineBodies = server.requests.map((request) => request.body);

	expect(directBodies).toHaveLength(3);
	expect(directBodies).toEqual(engineBodies);
	const withoutId = (json: IDataObject) => {
		const { _id, ...rest } = json;
		return rest;
	};
	expect(direct.output.map((item) => withoutId(item.json))).toEqual(engine.output.map((item) => withoutId(item.json)));
	expect(directBodies[0]).toEqual({
		phone_number: 919812345678,
		full_name: 'Priya',
		integration_id: 'chan-1',
		city: 'Pune',
		tags: ['a', 'b'],
		n: 5,
		ok: true,
		fixed: 'same for all',
	});
});
