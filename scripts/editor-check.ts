// npm run check:editor: opens the n8n editor that `npm run dev` serves in Debian's headless
// Chromium (apt-get install chromium) and checks, before any run, what the editor shows:
// - n8n serves every operation's output schema (no 404 under /schemas/n8n-nodes-rampwin…);
// - the node after a Rampwin node lists Rampwin's output fields in its input panel;
// - a Send Buttons node without buttons carries an issue badge on the canvas.
// Not part of CI (.ci/run): CI has no Chromium.
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { chromium, type Page } from 'playwright-core';

import { DEV_OWNER, startDev } from './dev';
import { ROOT } from './lib/n8n';

const PACKAGE_NODE = 'n8n-nodes-rampwin.rampwin';
const OPERATIONS = [
	['contact', 'create'],
	['contact', 'upsert'],
	['contact', 'assign'],
	['message', 'sendText'],
	['message', 'sendMedia'],
	['message', 'sendButtons'],
	['message', 'sendList'],
] as const;
const WORKFLOW_ID = 'rampwinEditorChk1';
// n8n 2.x marks a node whose parameters have issues with one of these on the canvas.
const ISSUES = '[data-test-id="node-issues"], [data-test-id="node-setup-required"]';
const credentials = { rampwinApi: { id: 'rampwinDemo00001', name: 'Rampwin account' } };
const rampwin = (name: string, position: [number, number], parameters: Record<string, unknown>) => ({
	id: name.toLowerCase().replace(/\W+/g, '-'),
	name,
	type: PACKAGE_NODE,
	typeVersion: 1,
	position,
	credentials,
	parameters: { integrationId: 'demo-channel', phoneNumber: '+91 98765 43210', ...parameters },
});
const noOp = (name: string, position: [number, number]) => ({
	id: name.toLowerCase().replace(/\W+/g, '-'),
	name,
	type: 'n8n-nodes-base.noOp',
	typeVersion: 1,
	position,
	parameters: {},
});
const link = (node: string) => ({ main: [[{ node, type: 'main', index: 0 }]] });

/** Never run: every check is about what the editor knows before a run. */
const WORKFLOW = {
	id: WORKFLOW_ID,
	name: 'Rampwin: editor check (not run)',
	active: false,
	settings: { executionOrder: 'v1' },
	pinData: {},
	nodes: [
		{ id: 'start', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
		rampwin('Create Contact', [240, -200], { resource: 'contact', operation: 'create', fullName: 'Asha' }),
		noOp('After Create', [480, -200]),
		rampwin('Send Text', [240, 0], { resource: 'message', operation: 'sendText', text: 'Hi' }),
		noOp('After Send Text', [480, 0]),
		rampwin('Empty Buttons', [240, 200], { resource: 'message', operation: 'sendButtons', bodyText: 'Friday?', buttons: {} }),
	],
	connections: {
		Start: {
			main: [
				[
					{ node: 'Create Contact', type: 'main', index: 0 },
					{ node: 'Send Text', type: 'main', index: 0 },
					{ node: 'Empty Buttons', type: 'main', index: 0 },
				],
			],
		},
		'Create Contact': link('After Create'),
		'Send Text': link('After Send Text'),
	},
};

const failures: string[] = [];
function check(ok: boolean, what: string): void {
	console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
	if (!ok) failures.push(what);
}

async function main(): Promise<void> {
	const dev = await startDev(Number(process.env.N8N_PORT ?? 5678), [WORKFLOW]);
	const browser = await chromium.launch({
		executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
		args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-sync'],
	});
	const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
	const schemaAnswers: Array<{ url: string; status: number }> = [];
	page.on('response', (response) => {
		if (response.url().includes(`/schemas/${PACKAGE_NODE}`)) {
			schemaAnswers.push({ url: new URL(response.url()).pathname, status: response.status() });
		}
	});
	try {
		console.log('==> The schema route, without a browser');
		for (const [resource, operation] of OPERATIONS) {
			const route = `/schemas/${PACKAGE_NODE}/1.0.0/${resource}/${operation}.json`;
			const answer = await fetch(`${dev.editorUrl}${route}`);
			const shipped = readFileSync(
				path.join(ROOT, 'dist', 'nodes', 'Rampwin', '__schema__', 'v1.0.0', resource, `${operation}.json`),
				'utf8',
			);
			const body = answer.ok ? await answer.text() : '';
			check(answer.status === 200 && JSON.stringify(JSON.parse(body)) === JSON.stringify(JSON.parse(shipped)), `GET ${route} → ${answer.status}, the packaged file`);
		}

		console.log('==> The editor, in Chromium');
		await signIn(page, dev.editorUrl);
		await page.goto(`${dev.editorUrl}/workflow/${WORKFLOW_ID}`);
		await canvasNode(page, 'Empty Buttons').waitFor({ timeout: 60_000 });
		await page.waitForTimeout(2000);

		const badge = canvasNode(page, 'Empty Buttons').locator(ISSUES);
		check((await badge.count()) > 0, 'Empty Buttons shows an issue badge on the canvas');
		if ((await badge.count()) > 0) {
			await badge.first().hover();
			await page.waitForTimeout(800);
			const tooltip = page.getByText('At least 1 field is required').first();
			check(await tooltip.isVisible(), 'its tooltip says: At least 1 field is required.');
		}
		for (const name of ['Create Contact', 'Send Text']) {
			check((await canvasNode(page, name).locator(ISSUES).count()) === 0, `${name} (filled in) has no issue badge`);
		}
		await page.screenshot({ path: path.join(ROOT, '.cache', 'editor-check-canvas.png') });

		await expectInputFields(page, 'After Create', ['_id', 'phone_number', 'full_name', 'integration_id', 'status']);
		await expectInputFields(page, 'After Send Text', ['sent', 'phone_number', 'message']);

		const missing = schemaAnswers.filter((answer) => answer.status === 404);
		check(schemaAnswers.length > 0, `the editor asked for the package's schemas: ${JSON.stringify(schemaAnswers.map((a) => `${a.status} ${a.url}`))}`);
		check(missing.length === 0, 'no 404 for them');
	} catch (error) {
		await page.screenshot({ path: path.join(ROOT, '.cache', 'editor-check-failure.png') });
		throw error;
	} finally {
		await browser.close();
		await dev.stop();
	}
	if (failures.length > 0) {
		console.error(`\n${failures.length} check(s) failed; screenshots in .cache/editor-check-*.png`);
		process.exit(1);
	}
	console.log('\nAll editor checks passed.');
}

function canvasNode(page: Page, name: string) {
	return page.locator(`[data-test-id="canvas-node"][data-node-name="${name}"]`).first();
}

async function signIn(page: Page, editorUrl: string): Promise<void> {
	await page.goto(`${editorUrl}/signin`);
	await page.locator('input[type="email"], input[name="emailOrLdapLoginId"], input[name="email"]').first().fill(DEV_OWNER.email);
	await page.locator('input[type="password"]').first().fill(DEV_OWNER.password);
	await page.keyboard.press('Enter');
	await page.waitForURL((url) => !url.pathname.startsWith('/signin'), { timeout: 30_000 });
}

/** Opens the node and reads its input panel (schema view) while the Rampwin node before it has never run. */
async function expectInputFields(page: Page, nodeName: string, fields: string[]): Promise<void> {
	await canvasNode(page, nodeName).dblclick();
	const input = page.locator('[data-test-id="ndv-input-panel"]').first();
	await input.waitFor({ timeout: 30_000 });
	const schemaToggle = input.locator('[data-test-id="ndv-run-data-display-mode"] >> text=Schema');
	if ((await schemaToggle.count()) > 0) await schemaToggle.first().click();
	await page.waitForTimeout(2500);
	const text = await input.innerText();
	await page.screenshot({ path: path.join(ROOT, '.cache', `editor-check-${nodeName.toLowerCase().replace(/\W+/g, '-')}.png`) });
	// The editor marks fields it took from a schema, not from a run, as a preview.
	check(text.includes('Preview'), `${nodeName}: the input panel shows a schema preview`);
	const shown = fields.filter((field) => text.includes(field));
	check(shown.length === fields.length, `${nodeName}: the input panel lists ${fields.join(', ')} before any run (found ${shown.join(', ') || 'none'})`);
	await page.keyboard.press('Escape');
	await page.waitForTimeout(500);
}

main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
