import path from 'node:path';

// n8n-core 1.x starts an SSH-client cleanup interval, never unref'd, the first time a node
// runs; n8n clears it at shutdown. Clearing it here lets jest exit after the 1.x project.
afterAll(() => {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { SSHClientsManager } = require('n8n-core/dist/execution-engine/ssh-clients-manager') as {
		SSHClientsManager: new (...args: unknown[]) => { onShutdown(): void };
	};
	const di = require.resolve('@n8n/di', { paths: [path.dirname(require.resolve('n8n-core'))] });
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { Container } = require(di) as { Container: { has(type: unknown): boolean; get<T>(type: new (...args: unknown[]) => T): T } };
	if (Container.has(SSHClientsManager)) Container.get(SSHClientsManager).onShutdown();
});
