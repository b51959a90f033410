// Runs the Rampwin-compatible server on its own, for the benchmark (a separate process, so
// it does not share a core with what is measured). Prints "listening <baseUrl> <apiKey>".
import { RampwinServer } from './rampwin-server';

async function main(): Promise<void> {
	const server = await RampwinServer.start(process.env.RAMPWIN_SANDBOX_KEY);
	server.enableAdmin();
	console.log(`listening ${server.baseUrl} ${server.apiKey}`);
	const stop = () => void server.close().then(() => process.exit(0));
	process.on('SIGTERM', stop);
	process.on('SIGINT', stop);
}

void main();
