// Gets everything the end-to-end tests need: both n8n versions (installed once into the
// cache) and the package packed as it is published. Prints the tarball path last.
import { ensureN8n, N8N_VERSIONS, packPackage } from './lib/n8n';

async function main(): Promise<void> {
	for (const version of N8N_VERSIONS) {
		const started = Date.now();
		await ensureN8n(version);
		console.log(`[n8n] n8n ${version} ready (${Math.round((Date.now() - started) / 1000)}s)`);
	}
	const tarball = await packPackage();
	console.log(`[n8n] packed ${tarball}`);
}

main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
