// Takes docs/rampwin-node.png: the Rampwin node's parameter panel in the n8n editor that
// `npm run dev` serves, through Debian's headless Chromium (apt-get install chromium).
import path from 'node:path';

import { chromium } from 'playwright-core';

import { DEV_OWNER, startDev } from './dev';
import { ROOT } from './lib/n8n';

const OUTPUT = path.join(ROOT, 'docs', 'rampwin-node.png');

async function main(): Promise<void> {
	const dev = await startDev(Number(process.env.N8N_PORT ?? 5678));
	const browser = await chromium.launch({
		executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
		],
	});
	const page = await browser.newPage({ viewport: { width: 1440, height: 1350 } });
	try {
		await page.goto(`${dev.editorUrl}/signin`);
		await page.locator('input[type="email"], input[name="emailOrLdapLoginId"], input[name="email"]').first().fill(DEV_OWNER.email);
		await page.locator('input[type="password"]').first().fill(DEV_OWNER.password);
		await page.keyboard.press('Enter');
		await page.waitForURL((url) => !url.pathname.startsWith('/signin'), { timeout: 30_000 });
		await page.goto(dev.workflowUrl);
		const node = page.locator('[data-test-id="canvas-node"][data-node-name="Rampwin"], [data-name="Rampwin"]').first();
		await node.waitFor({ timeout: 30_000 });
		// Run the workflow first so the panel shows real input and output items.
		await page.locator('[data-test-id="execute-workflow-button"]').first().click();
		await page.waitForTimeout(4000);
		await node.dblclick();
		await page.locator('[data-test-id="ndv"], .ndv-wrapper').first().waitFor({ timeout: 30_000 });
		await page.waitForTimeout(1500);
		await page.screenshot({ path: OUTPUT });
		console.log(`==> Saved ${path.relative(ROOT, OUTPUT)}`);
	} catch (error) {
		await page.screenshot({ path: path.join(ROOT, '.cache', 'screenshot-failure.png') });
		throw error;
	} finally {
		await browser.close();
		await dev.stop();
	}
}

main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
