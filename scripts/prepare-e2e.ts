// Gets everything the end-to-end tests need: the package packed as it is published (first,
// so that `.ci/run` can start the other tests once "[n8n] packed" is printed; nothing after
// it reads dist/), then both n8n versions, installed once into the cache.
import { ensureN8n, N8N_VERSIONS, packPackage } from './lib/n8n';

async function main(): Promise<void> {
	const tarball = await packPackage();
	console.log(`[n8n] packed ${tarball}`);
	for (const version of N8N_VERSIONS) {
		const started = Date.now();
		await ensureN8n(version);
		console.log(`[n8n] n8n ${version} ready (${Math.round((Date.now() - started) / 1000)}s)`);
	}
}

main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
