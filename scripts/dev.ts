// npm run dev: the n8n editor on http://localhost:5678 with this package installed, a
// Rampwin sandbox credential already set up and the example workflow imported.
import path from 'node:path';

import { RampwinServer } from '../sandbox/rampwin-server';
import { importExample } from './lib/example';
import { DEMO_N8N_VERSION, N8nInstance, packPackage, ROOT } from './lib/n8n';

export const DEV_OWNER = {
	email: 'dev@rampwin.local',
	firstName: 'Rampwin',
	lastName: 'Developer',
	password: 'Rampwin-dev-2026',
};
const PORT = Number(process.env.N8N_PORT ?? 5678);
const USER_FOLDER = path.join(ROOT, '.cache', 'dev', 'n8n-user');

export interface DevEnvironment {
	editorUrl: string;
	workflowUrl: string;
	stop(): Promise<void>;
	exited: Promise<number>;
}

/**
 * Builds, installs and starts n8n with the sandbox; resolves once the editor page itself is
 * served (/healthz answers earlier, while the UI routes are still being mounted).
 */
export async function startDev(port = PORT, extraWorkflows: unknown[] = []): Promise<DevEnvironment> {
	console.log('==> Building and packing the package');
	const tarball = await packPackage();
	const sandbox = await RampwinServer.start();
	console.log(`==> Rampwin sandbox at ${sandbox.baseUrl} (API key ${sandbox.apiKey})`);

	console.log(`==> Preparing n8n ${DEMO_N8N_VERSION} in ${path.relative(ROOT, USER_FOLDER)}`);
	const n8n = await N8nInstance.create(DEMO_N8N_VERSION, USER_FOLDER);
	await n8n.installPackage(tarball);
	const { workflowId } = await importExample(n8n, {
		apiKey: sandbox.apiKey,
		baseUrl: sandbox.baseUrl,
		channelId: 'demo-channel',
	});
	if (extraWorkflows.length > 0) await n8n.importWorkflows(extraWorkflows);

	const editorUrl = `http://localhost:${port}`;
	console.log(`==> Starting n8n on ${editorUrl}`);
	const child = n8n.spawnCli(['start'], {
		N8N_PORT: String(port),
		N8N_LOG_LEVEL: process.env.N8N_LOG_LEVEL ?? 'warn',
		N8N_SECURE_COOKIE: 'false',
	});
	const exited = new Promise<number>((resolve) => child.on('exit', (code) => resolve(code ?? 0)));
	const stop = async () => {
		child.kill('SIGTERM');
		await exited;
		await sandbox.close();
	};
	try {
		await waitForHealth(`${editorUrl}/signin`, exited);
	} catch (error) {
		await stop();
		throw error;
	}
	// A fresh user folder has no owner yet; later starts answer 400 here, which is fine.
	const setup = await fetch(`${editorUrl}/rest/owner/setup`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(DEV_OWNER),
	});
	if (setup.ok) console.log(`==> Created the owner account ${DEV_OWNER.email}`);
	return { editorUrl, workflowUrl: `${editorUrl}/workflow/${workflowId}`, stop, exited };
}

async function main(): Promise<void> {
	const dev = await startDev();
	console.log(`
n8n is ready: ${dev.workflowUrl}
  log in as ${DEV_OWNER.email} / ${DEV_OWNER.password}
  the "Rampwin account" credential points at the sandbox; open the Rampwin node to try it
Press Ctrl+C to stop.`);
	const shutdown = () => void dev.stop().then(() => process.exit(0));
	process.on('SIGINT', shutdown);
	process.on('SIGTERM', shutdown);
	process.exit(await dev.exited);
}

async function waitForHealth(url: string, exited: Promise<number>): Promise<void> {
	let gone = false;
	void exited.then(() => (gone = true));
	const deadline = Date.now() + 120_000;
	while (Date.now() < deadline && !gone) {
		try {
			if ((await fetch(url)).ok) return;
		} catch {
			// not listening yet
		}
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
	throw new Error(gone ? 'n8n exited before it was ready' : `n8n did not answer ${url} within 2 minutes`);
}

if (require.main === module) {
	main().catch((error: unknown) => {
		console.error(error);
		process.exit(1);
	});
}
