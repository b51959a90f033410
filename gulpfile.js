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

exports['build:icons'] = parallel(buildIcons, copyCodex, copySchemas);
