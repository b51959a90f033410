import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');

// Country names come from the ICU data of the Node that ran the generator; another Node's CLDR
// may word a few differently, so then only the names are left out of the comparison.
function withoutNames(table: string): string {
	return table.replace(/CLDR [\d.]+/, 'CLDR').replace(/^(\t'\d+': \[)'(?:[^'\\]|\\.)*'/gm, "$1''");
}

test('the committed calling-code table is what the generator writes', () => {
	const generated = execFileSync(process.execPath, [path.join(root, 'scripts', 'generate-calling-codes.mjs'), '--stdout'], {
		encoding: 'utf8',
	});
	const committed = readFileSync(path.join(root, 'nodes', 'Rampwin', 'helpers', 'phone', 'callingCodes.ts'), 'utf8');
	const cldr = /CLDR ([\d.]+)/.exec(committed)?.[1];
	if (cldr === process.versions.cldr) {
		expect(generated).toBe(committed);
	} else {
		expect(withoutNames(generated)).toBe(withoutNames(committed));
	}
	expect(withoutNames(committed)).not.toBe(committed);
});
