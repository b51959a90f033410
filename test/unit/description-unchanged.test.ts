import { readFileSync } from 'node:fs';
import path from 'node:path';

import { Rampwin } from '../../nodes/Rampwin/Rampwin.node';

// Saved workflows store the node's parameter names and option values, and the editor draws
// the panel from the rest: a change to the description must be deliberate. When it is,
// regenerate the fixture and review its diff.
describe('node description', () => {
	test('is the one in test/fixtures/node-description.json, key by key', () => {
		const fixture = JSON.parse(
			readFileSync(path.join(__dirname, '..', 'fixtures', 'node-description.json'), 'utf8'),
		) as unknown;
		expect(JSON.parse(JSON.stringify(new Rampwin().description))).toEqual(fixture);
	});
});
