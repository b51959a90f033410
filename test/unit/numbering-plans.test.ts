import { readFileSync } from 'node:fs';
import path from 'node:path';

// The build bundles libphonenumber-js and its metadata into one dist/ file (npm test builds
// first); it must be the pinned version's, and need nothing at run time but Node itself.
const root = path.resolve(__dirname, '../..');
const bundle = path.join(root, 'dist', 'nodes', 'Rampwin', 'helpers', 'phone', 'numberingPlans.js');

function json(file: string): unknown {
	return JSON.parse(readFileSync(file, 'utf8'));
}

test('the pinned libphonenumber-js is the one installed', () => {
	const manifest = json(path.join(root, 'package.json')) as { devDependencies: Record<string, string> };
	const installed = json(path.join(root, 'node_modules', 'libphonenumber-js', 'package.json')) as { version: string };
	expect(manifest.devDependencies['libphonenumber-js']).toBe('1.13.16');
	expect(installed.version).toBe('1.13.16');
});

test('the bundled metadata is the pinned version’s metadata.max.json, and the bundle names that version', () => {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const bundled = require(bundle) as { PLANS_METADATA: unknown };
	expect(bundled.PLANS_METADATA).toEqual(json(path.join(root, 'node_modules', 'libphonenumber-js', 'metadata.max.json')));
	expect(readFileSync(bundle, 'utf8')).toMatch(/^\/\*! Bundles libphonenumber-js 1\.13\.16 \(MIT licence/);
});

test('the bundle requires nothing', () => {
	expect(readFileSync(bundle, 'utf8')).not.toMatch(/\brequire\(/);
});
