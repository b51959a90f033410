import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

// The README is the front door and docs/ holds one page a subject. These tests hold the
// promises that split makes: every link into this repository reaches a file (and a heading)
// that exists, also on npm's page, every example is described, and the README stays short.

const root = path.resolve(__dirname, '../..');
const REPO = 'https://github.com/rampwin/n8n-nodes-rampwin';
const RAW = 'https://raw.githubusercontent.com/rampwin/n8n-nodes-rampwin/main/';

const README_SECTIONS = [
	'Install in n8n',
	'Credentials',
	'First workflow',
	'Operations',
	'Quick start for contributors',
	'As an AI tool',
	'Compatibility',
	'Documentation',
	'Licence',
];

const read = (file: string): string => readFileSync(path.join(root, file), 'utf8');

function pages(): string[] {
	const docs = readdirSync(path.join(root, 'docs'))
		.filter((name) => name.endsWith('.md'))
		.map((name) => `docs/${name}`);
	return ['README.md', ...docs.sort(), 'examples/README.md'];
}

/** The text outside fenced code blocks, where a `#` line or a `[x](y)` is not Markdown. */
function prose(markdown: string): string {
	return markdown.replace(/^```[^\n]*\n[\s\S]*?^```[ \t]*$/gm, '');
}

/** GitHub's heading anchor: the heading's text, lower-cased, punctuation dropped, spaces as hyphens. */
function slug(heading: string): string {
	const text = heading
		.replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
		.replace(/[`*]/g, '')
		.trim()
		.toLowerCase();
	return text.replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '').replace(/ /g, '-');
}

function anchors(markdown: string): Set<string> {
	const found = new Set<string>();
	const seen = new Map<string, number>();
	for (const [, heading] of prose(markdown).matchAll(/^#{1,6}[ \t]+(.+?)[ \t#]*$/gm)) {
		const base = slug(heading);
		const count = seen.get(base) ?? 0;
		seen.set(base, count + 1);
		found.add(count === 0 ? base : `${base}-${count}`);
	}
	for (const [, id] of markdown.matchAll(/<a\s+(?:id|name)="([^"]+)"/g)) found.add(id);
	return found;
}

function links(markdown: string): string[] {
	const text = prose(markdown).replace(/`[^`\n]*`/g, (code) => (code.includes('](') ? '' : code));
	const found: string[] = [];
	for (const [, target] of text.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) found.push(target);
	for (const [, target] of text.matchAll(/<(https?:\/\/[^>\s]+)>/g)) found.push(target);
	return found;
}

interface RepoTarget {
	/** The file or folder in the repository, relative to its root; '' for a link to the page itself. */
	file: string;
	anchor?: string;
	folder: boolean;
}

/** Where a link lands in this repository, or undefined for a link elsewhere. */
function repoTarget(from: string, target: string): RepoTarget | { wrongBranch: string } | undefined {
	const [address, anchor] = target.split('#', 2) as [string, string | undefined];
	const blob = new RegExp(`^${REPO}/(blob|tree)/([^/]+)/(.+)$`).exec(address);
	if (blob) {
		if (blob[2] !== 'main') return { wrongBranch: blob[2] };
		return { file: decodeURIComponent(blob[3]), anchor, folder: blob[1] === 'tree' };
	}
	if (address.startsWith(RAW)) return { file: decodeURIComponent(address.slice(RAW.length)), anchor, folder: false };
	if (address === REPO || address === `${REPO}/`) return { file: 'README.md', anchor, folder: false };
	if (/^[a-z][a-z0-9+.-]*:/i.test(address)) return undefined;
	if (address === '') return { file: from, anchor, folder: false };
	const file = path.posix.normalize(path.posix.join(path.posix.dirname(from), decodeURIComponent(address)));
	return { file, anchor, folder: false };
}

/** Problems with one page's links into the repository; `files` reads the pages linked to. */
function linkProblems(from: string, markdown: string, files: (file: string) => string | undefined): string[] {
	const problems: string[] = [];
	for (const target of links(markdown)) {
		const landing = repoTarget(from, target);
		if (landing === undefined) continue;
		if ('wrongBranch' in landing) {
			problems.push(`${from}: ${target} points at branch "${landing.wrongBranch}", not main`);
			continue;
		}
		const content = landing.file === from ? markdown : files(landing.file);
		if (landing.file.startsWith('..') || content === undefined) {
			problems.push(`${from}: ${target} points at ${landing.file}, which does not exist`);
			continue;
		}
		if (landing.anchor !== undefined && landing.file.endsWith('.md') && !anchors(content).has(landing.anchor)) {
			problems.push(`${from}: ${target} points at #${landing.anchor}, which ${landing.file} has no heading for`);
		}
	}
	return problems;
}

function repoFile(file: string): string | undefined {
	const full = path.join(root, file);
	if (!existsSync(full)) return undefined;
	return statSync(full).isFile() ? readFileSync(full, 'utf8') : '';
}

describe('the docs', () => {
	test('every link into the repository reaches a file, and a heading, that exist', () => {
		const problems = pages().flatMap((page) => linkProblems(page, read(page), repoFile));
		expect(problems).toEqual([]);
	});

	test('the check sees the links it is meant to check', () => {
		const repoLinks = pages().flatMap((page) =>
			links(read(page)).filter((target) => target.startsWith(REPO) || target.startsWith(RAW)),
		);
		// Each page links back to the README, and the README to every page.
		expect(repoLinks.length).toBeGreaterThan(40);
		const readmeTargets = links(read('README.md')).map((target) => repoTarget('README.md', target));
		for (const page of pages().filter((file) => file !== 'README.md')) {
			expect(readmeTargets).toContainEqual(expect.objectContaining({ file: page }));
		}
	});

	test('the link check flags a missing file, a missing heading and another branch', () => {
		const page = [
			'# Page',
			'## Retries per operation',
			`[ok](${REPO}/blob/main/docs/page.md#retries-per-operation)`,
			`[gone](${REPO}/blob/main/docs/missing.md)`,
			`[no heading](${REPO}/blob/main/docs/page.md#retries)`,
			`[old](${REPO}/blob/v0.1.0/README.md)`,
			'```',
			`[in a code block](${REPO}/blob/main/nowhere.md)`,
			'```',
		].join('\n');
		const files = (file: string) => (file === 'docs/page.md' ? page : undefined);
		expect(linkProblems('docs/page.md', page, files)).toEqual([
			`docs/page.md: ${REPO}/blob/main/docs/missing.md points at docs/missing.md, which does not exist`,
			`docs/page.md: ${REPO}/blob/main/docs/page.md#retries points at #retries, which docs/page.md has no heading for`,
			`docs/page.md: ${REPO}/blob/v0.1.0/README.md points at branch "v0.1.0", not main`,
		]);
	});

	test('anchors are GitHub’s: punctuation dropped, spaces as hyphens, repeats numbered', () => {
		expect([...anchors('## Contact › Create or Update\n## Why `ignore-scripts=true`\n## Output\n## Output')]).toEqual([
			'contact--create-or-update',
			'why-ignore-scriptstrue',
			'output',
			'output-1',
		]);
	});

	test('links between pages are absolute, so they also work on npm’s page', () => {
		const relative = pages().flatMap((page) =>
			links(read(page))
				.filter((target) => !target.startsWith('#') && !/^[a-z][a-z0-9+.-]*:/i.test(target))
				.map((target) => `${page}: ${target}`),
		);
		expect(relative).toEqual([]);
	});

	test('every example workflow is described in examples/README.md', () => {
		const examples = readdirSync(path.join(root, 'examples')).filter((name) => name.endsWith('.workflow.json'));
		expect(examples.length).toBeGreaterThan(0);
		const described = links(read('examples/README.md'));
		const missing = examples.filter(
			(name) => !described.includes(`${REPO}/blob/main/examples/${name}`),
		);
		expect(missing).toEqual([]);
	});

	test('the README is short, with its sections in order', () => {
		const readme = read('README.md');
		expect(readme.split('\n').length).toBeLessThanOrEqual(320);
		const sections = [...prose(readme).matchAll(/^## (.+)$/gm)].map(([, title]) => title.trim());
		expect(sections).toEqual(README_SECTIONS);
		// What it is comes first: the title and its introduction, before any section.
		const intro = readme.slice(0, readme.indexOf('\n## '));
		expect(intro).toMatch(/^# n8n-nodes-rampwin\n/);
		expect(intro).toContain('WhatsApp');
	});

	test('the README keeps the commands CI runs, in its quick start for contributors', () => {
		const readme = read('README.md');
		const start = readme.indexOf('## Quick start for contributors');
		const section = readme.slice(start, readme.indexOf('\n## ', start + 1));
		const commands = [...section.matchAll(/^(npm [^#\n]*?)\s*(?:#.*)?$/gm)].map(([, command]) => command);
		expect(commands).toEqual(expect.arrayContaining(['npm ci', 'npm test', 'npm run test:e2e']));
	});
});
