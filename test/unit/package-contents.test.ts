import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

// What `npm pack` puts in the published tarball (npm test builds dist/ first).
const root = path.resolve(__dirname, '../..');

interface Packed {
	size: number;
	unpackedSize: number;
	files: Array<{ path: string; size: number }>;
}

/**
 * At 0.1.0 the tarball was 22 files, about 26 kB packed and 87 kB unpacked, a third of it the
 * README. The trigger, the Template resource and the output schemas took it to 82 kB packed
 * and 307 kB unpacked; bundling libphonenumber-js with its full metadata
 * (dist/…/phone/numberingPlans.js, 196 kB minified, 51 kB packed) to 139 kB and 523 kB, 68 files.
 * About a tenth more leaves room for a longer README and small additions; more than that
 * means something got in that should not have, or a change that needs its own decision.
 */
const BUDGET = { packed: 155_000, unpacked: 575_000 };

// Every path the tarball may hold; a file of any other kind fails until it is added here.
// No .d.ts (nothing imports this package; n8n loads the compiled JS) and no .map files
// (they would point at sources that are not shipped).
const ALLOWED = [
	/^package\.json$/,
	/^README\.md$/,
	/^LICENSE\.md$/,
	/^dist\/credentials\/\w+\.credentials\.js$/,
	/^dist\/icons\/[\w.-]+\.svg$/,
	/^dist\/nodes\/Rampwin\/Rampwin(Trigger)?\.node\.js(on)?$/,
	/^dist\/nodes\/Rampwin\/__schema__\/v\d+\.\d+\.\d+\/\w+\/\w+\.json$/,
	/^dist\/nodes\/Rampwin\/__schema__\/v\d+\.\d+\.\d+\.json$/,
	/^dist\/nodes\/Rampwin\/(actions|helpers|methods|transport|trigger)\/([\w-]+\/)*[\w.-]+\.js$/,
];

// Checked as well as the allow-list, so that widening it cannot let these in.
const FORBIDDEN: Array<[RegExp, string]> = [
	[/\.ts$/, 'TypeScript source or declaration'],
	[/\.map$/, 'source map'],
	[/\.tsbuildinfo$/, 'TypeScript build info'],
	[/(^|\/)(test|tests|__tests__|fixtures)\/|\.(test|spec)\.js$/, 'test'],
	[/(^|\/)\.env|(^|\/)\.npmrc$|\.(pem|key|p12|pfx)$|id_(rsa|ecdsa|ed25519)|secret/i, 'secret'],
];

const SECRET_CONTENT = [
	/-----BEGIN [A-Z ]*PRIVATE KEY-----/,
	/\bnpm_[A-Za-z0-9]{36}\b/,
	/\bgh[opsu]_[A-Za-z0-9]{36}\b/,
	/\bAKIA[0-9A-Z]{16}\b/,
];

/** The output schemas under nodes/, where the build copies them from into dist/nodes/. */
function outputSchemas(): string[] {
	return readdirSync(path.join(root, 'nodes'), { recursive: true, encoding: 'utf8' })
		.map((file) => file.split(path.sep).join('/'))
		.filter((file) => file.includes('__schema__/') && file.endsWith('.json'))
		.map((file) => `dist/nodes/${file}`);
}

let packed: Packed;
let paths: string[];

beforeAll(() => {
	const output = execFileSync('npm', ['pack', '--dry-run', '--json'], { cwd: root, encoding: 'utf8' });
	[packed] = JSON.parse(output) as Packed[];
	paths = packed.files.map((file) => file.path).sort();
}, 60_000);

describe('the packed tarball', () => {
	test('holds the manifest, README, licence, and the node, credential, codex, output schemas and icons n8n loads', () => {
		const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
			n8n: { nodes: string[]; credentials: string[] };
		};
		const required = [
			'package.json',
			'README.md',
			'LICENSE.md',
			...manifest.n8n.nodes,
			...manifest.n8n.credentials,
			'dist/nodes/Rampwin/Rampwin.node.json',
			'dist/nodes/Rampwin/RampwinTrigger.node.json',
			...outputSchemas(),
		];
		expect(paths).toEqual(expect.arrayContaining(required));
	});

	test('holds every icon that the node and the credential name', () => {
		const icons = paths
			.filter((file) => file.endsWith('.js'))
			.flatMap((file) => {
				const code = readFileSync(path.join(root, file), 'utf8');
				return [...code.matchAll(/'file:([^']+)'/g)].map((match) =>
					path.posix.join(path.posix.dirname(file), match[1]),
				);
			});
		expect(icons).toEqual(
			expect.arrayContaining(['dist/icons/rampwin.svg', 'dist/icons/rampwin.dark.svg']),
		);
		expect(paths).toEqual(expect.arrayContaining(icons));
	});

	test('holds nothing outside the allow-list', () => {
		expect(paths.filter((file) => !ALLOWED.some((pattern) => pattern.test(file)))).toEqual([]);
	});

	test('holds no sources, declarations, source maps, tests or secrets', () => {
		const found = paths.flatMap((file) =>
			FORBIDDEN.filter(([pattern]) => pattern.test(file)).map(([, what]) => `${file}: ${what}`),
		);
		expect(found).toEqual([]);
		const withSecrets = paths.filter((file) => {
			const text = readFileSync(path.join(root, file), 'utf8');
			return SECRET_CONTENT.some((pattern) => pattern.test(text));
		});
		expect(withSecrets).toEqual([]);
	});

	test(`stays within ${BUDGET.packed} bytes packed and ${BUDGET.unpacked} unpacked`, () => {
		expect(packed.size).toBeLessThanOrEqual(BUDGET.packed);
		expect(packed.unpackedSize).toBeLessThanOrEqual(BUDGET.unpacked);
	});
});
