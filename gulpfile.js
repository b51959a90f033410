const { src, dest, parallel } = require('gulp');

// n8n resolves `file:` icons relative to the compiled node and credential files, and reads
// the codex (<Node>.node.json) from beside the compiled node, so both go into dist/.
function buildIcons() {
	return src('icons/*.svg', { encoding: false }).pipe(dest('dist/icons'));
}

function copyCodex() {
	return src('nodes/**/*.node.json').pipe(dest('dist/nodes'));
}

// n8n 2.x serves each operation's output schema from __schema__ beside the compiled node
// (/schemas/<package>.<node>/<version>/<resource>/<operation>.json); n8n 1.x ignores them.
function copySchemas() {
	return src('nodes/**/__schema__/**/*.json').pipe(dest('dist/nodes'));
}

// The trigger's output is the same in every typeVersion, and n8n asks for it by exact version
// (/schemas/<package>.rampwinTrigger/1.1.0.json → __schema__/v1.1.0.json): one source,
// written for each version the compiled trigger declares (tsc runs before this).
function copyTriggerSchemas() {
	const { mkdirSync, readFileSync, writeFileSync } = require('node:fs');
	const { RampwinTrigger } = require('./dist/nodes/Rampwin/RampwinTrigger.node.js');
	const schema = readFileSync('nodes/Rampwin/__schema__/v1.0.0.json');
	mkdirSync('dist/nodes/Rampwin/__schema__', { recursive: true });
	for (const version of [new RampwinTrigger().description.version].flat()) {
		const padded = String(version).split('.').concat(['0', '0']).slice(0, 3).join('.');
		if (padded !== '1.0.0') writeFileSync(`dist/nodes/Rampwin/__schema__/v${padded}.json`, schema);
	}
	return Promise.resolve();
}

// A community node may have no runtime dependencies, so the numbering plans (libphonenumber-js,
// a pinned dev dependency, and its metadata) are bundled into the one file that imports them,
// replacing what tsc wrote there. Minified: most of it is the metadata.
async function bundleNumberingPlans() {
	const { version } = require('libphonenumber-js/package.json');
	await require('esbuild').build({
		banner: {
			js: `/*! Bundles libphonenumber-js ${version} (MIT licence, Copyright (c) 2016 @catamphetamine), whose metadata comes from Google's libphonenumber (Apache License 2.0). */`,
		},
		entryPoints: ['nodes/Rampwin/helpers/phone/numberingPlans.ts'],
		outfile: 'dist/nodes/Rampwin/helpers/phone/numberingPlans.js',
		bundle: true,
		minify: true,
		platform: 'node',
		format: 'cjs',
		target: 'es2022',
		legalComments: 'inline',
		logLevel: 'warning',
	});
}

exports['build:icons'] = parallel(buildIcons, copyCodex, copySchemas, copyTriggerSchemas, bundleNumberingPlans);
exports.bundle = bundleNumberingPlans;
