// npm run check:editor: opens the n8n editor that `npm run dev` serves in Debian's headless
// Chromium (apt-get install chromium) and checks what the editor shows, for every
// operation and the trigger:
// - n8n serves every operation's output schema, and the trigger's (no 404 under
//   /schemas/n8n-nodes-rampwin…, in the route or in the editor's own requests);
// - the node after each Rampwin node lists that operation's output fields in its input panel
//   before any run; the node after the trigger lists none (no payload is invented);
// - canvas subtitles are in words, and every issue badge names its field;
// - a template body pasted with Ctrl+V ("Hi {{1}}, …", which n8n turns into an expression)
//   reaches Validate Only's request with {{1}} and {{2}} as written.
// Not part of CI (.ci/run): CI has no Chromium.
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { chromium, type Page } from 'playwright-core';

import { DEV_OWNER, startDev } from './dev';
import { ROOT } from './lib/n8n';

const PACKAGE_NODE = 'n8n-nodes-rampwin.rampwin';
const TRIGGER_NODE = 'n8n-nodes-rampwin.rampwinTrigger';
/** Each operation with a node name, the parameters that make it complete, and its canvas subtitle. */
const OPERATIONS: ReadonlyArray<[resource: string, operation: string, name: string, parameters: Record<string, unknown>, subtitle: string]> = [
	['contact', 'create', 'Create Contact', { fullName: 'Asha' }, 'Create: Contact'],
	['contact', 'upsert', 'Upsert Contact', { fullName: 'Asha' }, 'Create or Update: Contact'],
	['contact', 'assign', 'Assign Contact', { teamMemberEmail: 'agent@example.com' }, 'Assign to Team Member: Contact'],
	['message', 'sendText', 'Send Text', { text: 'Hi' }, 'Send Text: Message'],
	['message', 'sendMedia', 'Send Media', { source: 'url', fileUrl: 'https://example.com/menu.pdf' }, 'Send Media: Message'],
	['message', 'sendButtons', 'Send Buttons', { bodyText: 'Friday?', buttons: { button: [{ title: 'Yes', id: 'yes' }] } }, 'Send Buttons: Message'],
	['message', 'sendList', 'Send List', { bodyText: 'Which?', buttonText: 'Open', sections: { section: [{ title: 'A', rows: { row: [{ title: 'One', id: 'one', description: '' }] } }] } }, 'Send List: Message'],
	['message', 'sendAndWait', 'Send and Wait', { message: 'Refund order 1042?' }, 'Send and Wait for Response: Message'],
	['template', 'getMany', 'Get Templates', {}, 'Get Many: Template'],
	['template', 'create', 'Create Template', { name: 'table_ready', bodyText: 'Hi {{1}}', bodyExamples: 'Asha' }, 'Create: Template'],
];
const WORKFLOW_ID = 'rampwinEditorChk1';
/** The trigger's row on the canvas, below every operation's. */
const TRIGGER_ROW = OPERATIONS.length * 160;
const PASTED_BODY = 'Hi {{1}}, your table for {{2}} is ready.';
// n8n 2.x marks a node whose parameters have issues with one of these on the canvas.
const ISSUES = '[data-test-id="node-issues"], [data-test-id="node-setup-required"]';
const credentials = { rampwinApi: { id: 'rampwinDemo00001', name: 'Rampwin account' } };
const nodeId = (name: string) => name.toLowerCase().replace(/\W+/g, '-');
const rampwin = (name: string, position: [number, number], parameters: Record<string, unknown>) => ({
	id: nodeId(name),
	name,
	type: PACKAGE_NODE,
	typeVersion: 1,
	position,
	credentials,
	parameters: { integrationId: 'demo-channel', phoneNumber: '+91 98765 43210', ...parameters },
});
const noOp = (name: string, position: [number, number]) => ({
	id: nodeId(name),
	name,
	type: 'n8n-nodes-base.noOp',
	typeVersion: 1,
	position,
	parameters: {},
});
const link = (node: string) => ({ main: [[{ node, type: 'main', index: 0 }]] });
const after = (name: string) => `After ${name}`;

/** Never run, except Validate Only on the pasted template: every other check is about what the editor knows before a run. */
const WORKFLOW = {
	id: WORKFLOW_ID,
	name: 'Rampwin: editor check (not run)',
	active: false,
	settings: { executionOrder: 'v1' },
	pinData: {},
	nodes: [
		{ id: 'start', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
		...OPERATIONS.flatMap(([resource, operation, name, parameters], row) => [
			rampwin(name, [240, row * 160], { resource, operation, ...parameters }),
			noOp(after(name), [480, row * 160]),
		]),
		{
			id: 'trigger',
			name: 'Rampwin Trigger',
			type: TRIGGER_NODE,
			typeVersion: 1.1,
			position: [0, TRIGGER_ROW],
			credentials,
			parameters: { integrationId: 'demo-channel', events: ['message_incoming', 'message_status'] },
		},
		noOp(after('Rampwin Trigger'), [240, TRIGGER_ROW]),
		// A new Send Buttons node as the editor adds it: its one button has no title yet.
		rampwin('New Buttons', [720, 0], { resource: 'message', operation: 'sendButtons', bodyText: 'Friday?' }),
		// Body is empty: the check pastes it.
		rampwin('Paste Template', [720, 320], {
			resource: 'template',
			operation: 'create',
			name: 'table_ready',
			bodyExamples: 'Asha\nFriday',
			options: { validateOnly: true },
		}),
	],
	connections: {
		Start: {
			main: [
				[
					...OPERATIONS.map(([, , name]) => ({ node: name, type: 'main', index: 0 })),
					{ node: 'New Buttons', type: 'main', index: 0 },
					{ node: 'Paste Template', type: 'main', index: 0 },
				],
			],
		},
		...Object.fromEntries(OPERATIONS.map(([, , name]) => [name, link(after(name))])),
		'Rampwin Trigger': link(after('Rampwin Trigger')),
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
	const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
	await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: dev.editorUrl });
	const page = await context.newPage();
	const schemaAnswers: Array<{ url: string; status: number }> = [];
	page.on('response', (response) => {
		if (response.url().includes('/schemas/n8n-nodes-rampwin.')) {
			schemaAnswers.push({ url: new URL(response.url()).pathname, status: response.status() });
		}
	});
	try {
		console.log('==> The schema route, without a browser');
		const routes: Array<[string, string]> = [
			...OPERATIONS.map(([resource, operation]): [string, string] => [
				`/schemas/${PACKAGE_NODE}/1.0.0/${resource}/${operation}.json`,
				path.join('Rampwin', '__schema__', 'v1.0.0', resource, `${operation}.json`),
			]),
			// A new trigger is typeVersion 1.1; saved workflows keep 1.
			[`/schemas/${TRIGGER_NODE}/1.0.0.json`, path.join('Rampwin', '__schema__', 'v1.0.0.json')],
			[`/schemas/${TRIGGER_NODE}/1.1.0.json`, path.join('Rampwin', '__schema__', 'v1.1.0.json')],
		];
		for (const [route, file] of routes) {
			const answer = await fetch(`${dev.editorUrl}${route}`);
			const shipped = readFileSync(path.join(ROOT, 'dist', 'nodes', file), 'utf8');
			const body = answer.ok ? await answer.text() : '';
			check(answer.status === 200 && JSON.stringify(JSON.parse(body)) === JSON.stringify(JSON.parse(shipped)), `GET ${route} → ${answer.status}, the packaged file`);
		}

		console.log('==> The editor, in Chromium');
		await signIn(page, dev.editorUrl);
		await page.goto(`${dev.editorUrl}/workflow/${WORKFLOW_ID}`);
		await canvasNode(page, 'Paste Template').waitFor({ timeout: 60_000 });
		await page.waitForTimeout(2000);
		await page.screenshot({ path: path.join(ROOT, '.cache', 'editor-check-canvas.png') });

		for (const [, , name, , subtitle] of OPERATIONS) {
			const text = await canvasNode(page, name).innerText();
			check(text.includes(subtitle), `${name}: the canvas subtitle reads "${subtitle}" (${JSON.stringify(text)})`);
			check((await canvasNode(page, name).locator(ISSUES).count()) === 0, `${name} (filled in) has no issue badge`);
		}
		const triggerText = await canvasNode(page, 'Rampwin Trigger').innerText();
		check(triggerText.includes('Incoming Message, Message Status'), `Rampwin Trigger: the canvas subtitle names the events in words (${JSON.stringify(triggerText)})`);

		const badge = canvasNode(page, 'New Buttons').locator(ISSUES);
		check((await badge.count()) > 0, 'New Buttons (its one button has no title) shows an issue badge on the canvas');
		if ((await badge.count()) > 0) {
			await badge.first().hover();
			await page.waitForTimeout(800);
			const tooltip = page.getByText('Parameter "Button Title" is required').first();
			check(await tooltip.isVisible(), 'its tooltip names the field: Parameter "Button Title" is required.');
			check(!(await page.getByText('At least 1 field is required').first().isVisible()), 'and not n8n\'s nameless "At least 1 field is required."');
			await page.mouse.move(0, 0);
		}

		for (const [resource, operation, name] of OPERATIONS) {
			await expectInputFields(page, after(name), schemaFields(resource, operation));
		}
		await expectNoPreview(page, after('Rampwin Trigger'));

		await pasteTemplateBody(page);

		const triggerSchema = schemaAnswers.filter((answer) => answer.url.includes(TRIGGER_NODE));
		const missing = schemaAnswers.filter((answer) => answer.status === 404);
		check(schemaAnswers.length > 0, `the editor asked for the package's schemas: ${JSON.stringify(schemaAnswers.map((a) => `${a.status} ${a.url}`))}`);
		check(triggerSchema.length > 0 && triggerSchema.every((answer) => answer.status === 200), "the editor asked for the trigger's schema and got it (200)");
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

/** The fields an operation's output schema lists, as the editor previews them. */
function schemaFields(resource: string, operation: string): string[] {
	const file = path.join(ROOT, 'dist', 'nodes', 'Rampwin', '__schema__', 'v1.0.0', resource, `${operation}.json`);
	return Object.keys((JSON.parse(readFileSync(file, 'utf8')) as { properties: object }).properties);
}

/**
 * Pastes the body as a person would (clipboard, Ctrl+V), which n8n stores as an expression,
 * runs Validate Only, and reads the request in the output panel.
 */
async function pasteTemplateBody(page: Page): Promise<void> {
	console.log('==> Paste a template body, then Validate Only');
	await canvasNode(page, 'Paste Template').dblclick();
	const body = page.locator('[data-test-id="parameter-input-bodyText"] textarea, [data-test-id="parameter-input-bodyText"] [contenteditable="true"]').first();
	await body.waitFor({ timeout: 30_000 });
	await page.evaluate(`navigator.clipboard.writeText(${JSON.stringify(PASTED_BODY)})`);
	await body.click();
	await page.keyboard.press('Control+V');
	await page.waitForTimeout(1500);
	await page.keyboard.press('Control+s');
	await page.waitForTimeout(1500);
	// As the editor itself asks (n8n wants its browser-id header with the session cookie).
	const stored = await page.evaluate(`
		fetch('/rest/workflows/${WORKFLOW_ID}', { headers: { 'browser-id': localStorage.getItem('n8n-browserId') ?? '' } })
			.then((answer) => answer.json())
			.then((answer) => answer.data.nodes.find((node) => node.name === 'Paste Template').parameters.bodyText)
	`);
	check(stored === `=${PASTED_BODY}`, `the pasted Body is stored as n8n stores a paste: an expression (${JSON.stringify(stored)})`);
	await page.screenshot({ path: path.join(ROOT, '.cache', 'editor-check-paste.png') });

	await page.locator('[data-test-id="node-execute-button"]').first().click();
	const output = page.locator('[data-test-id="output-panel"]').first();
	// The display modes appear once the run's output is there.
	const modes = output.locator('[data-test-id="ndv-run-data-display-mode"]').first();
	await modes.waitFor({ state: 'visible', timeout: 60_000 });
	await modes.locator('text=JSON').first().click();
	await page.waitForTimeout(1500);
	const text = await output.innerText();
	await page.screenshot({ path: path.join(ROOT, '.cache', 'editor-check-validate-only.png') });
	check(text.includes(PASTED_BODY), `Validate Only's request carries the body as pasted, with {{1}} and {{2}}: ${JSON.stringify(PASTED_BODY)}`);
	check(!text.includes('Hi 1, your table for 2'), 'and not the expression\'s "Hi 1, your table for 2 …"');
	await page.keyboard.press('Escape');
	await page.waitForTimeout(500);
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
	const text = await inputPanel(page, nodeName);
	// The editor marks fields it took from a schema, not from a run, as a preview.
	check(text.includes('Preview'), `${nodeName}: the input panel shows a schema preview`);
	const shown = fields.filter((field) => text.includes(field));
	check(shown.length === fields.length, `${nodeName}: the input panel lists ${fields.join(', ')} before any run (found ${shown.join(', ') || 'none'})`);
}

/** The node after the trigger: Rampwin shows no payload, so no preview and no invented field. */
async function expectNoPreview(page: Page, nodeName: string): Promise<void> {
	const text = await inputPanel(page, nodeName);
	check(!text.includes('Preview'), `${nodeName}: the input panel shows no schema preview (the payload is not invented)`);
}

async function inputPanel(page: Page, nodeName: string): Promise<string> {
	await canvasNode(page, nodeName).dblclick();
	const input = page.locator('[data-test-id="ndv-input-panel"]').first();
	await input.waitFor({ timeout: 30_000 });
	await page.waitForTimeout(1000);
	const schemaToggle = input.locator('[data-test-id="ndv-run-data-display-mode"] >> text=Schema').first();
	// Without data or a preview (after the trigger) the panel shows no display modes.
	if (await schemaToggle.isVisible()) await schemaToggle.click();
	await page.waitForTimeout(2500);
	const text = await input.innerText();
	await page.screenshot({ path: path.join(ROOT, '.cache', `editor-check-${nodeId(nodeName)}.png`) });
	await page.keyboard.press('Escape');
	await page.waitForTimeout(500);
	return text;
}

main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
