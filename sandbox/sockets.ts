import type { Server } from 'node:http';

/**
 * The TCP connections clients open to a server: how many were opened since the last reset,
 * and how many are open now. A client that opens one per request shows as many as requests;
 * one that keeps them open, as many as it had requests in flight.
 */
export class SocketCount {
	opened = 0;

	open = 0;

	watch(server: Server): void {
		server.on('connection', (socket) => {
			this.opened++;
			this.open++;
			socket.once('close', () => this.open--);
		});
	}

	/** Counts anew from now; connections still open stay counted as open. */
	reset(): void {
		this.opened = 0;
	}
}
