import { RampwinServer } from '../../sandbox/rampwin-server';

/**
 * Starts the loopback Rampwin server for a test file, resets it before each test and closes
 * it at the end; `use` receives it once it is started.
 */
export function useRampwinServer(use: (server: RampwinServer) => void): void {
	let server: RampwinServer | undefined;
	beforeAll(async () => {
		server = await RampwinServer.start();
		use(server);
	});
	afterAll(async () => await server?.close());
	beforeEach(() => server?.reset());
}
