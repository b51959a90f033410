import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

import type { Scenario } from './network-errors';

/**
 * Servers that provoke each failure of test/harness/network-errors.ts for real over
 * loopback. Call closeProvokers() after the file's tests.
 */
const servers: Server[] = [];

async function listen(server: Server): Promise<number> {
	servers.push(server);
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return (server.address() as AddressInfo).port;
}

export function closeProvokers(): void {
	for (const server of servers.splice(0)) {
		server.closeAllConnections();
		server.close();
	}
}

/** A throw-away certificate that nobody trusts. */
function selfSigned(): { key: string; cert: string } {
	const dir = mkdtempSync(path.join(tmpdir(), 'rampwin-tls-'));
	const key = path.join(dir, 'key.pem');
	const cert = path.join(dir, 'cert.pem');
	execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=localhost'], { stdio: 'ignore' });
	return { key: readFileSync(key, 'utf8'), cert: readFileSync(cert, 'utf8') };
}

/** The Base URL, timeout and cancel time that provoke each failure. */
export async function provoke(scenario: Scenario): Promise<{ baseUrl: string; timeout?: number; cancelAfterMs?: number }> {
	switch (scenario) {
		case 'resetBeforeAnswer':
			return { baseUrl: `http://127.0.0.1:${await listen(createServer((req) => req.socket.destroy()))}` };
		case 'closedAfterProcessed': {
			// Reads the whole request, as Rampwin would to act on it, then drops the connection.
			const server = createServer((req) => {
				req.resume();
				req.on('end', () => setTimeout(() => req.socket.destroy(), 20));
			});
			return { baseUrl: `http://127.0.0.1:${await listen(server)}` };
		}
		case 'refused': {
			const server = createServer();
			const port = await listen(server);
			await new Promise((resolve) => server.close(resolve));
			return { baseUrl: `http://127.0.0.1:${port}` };
		}
		case 'dnsFailure':
			// .invalid is reserved (RFC 2606): no resolver answers it.
			return { baseUrl: 'http://rampwin.invalid' };
		case 'timeout':
			return { baseUrl: `http://127.0.0.1:${await listen(createServer(() => undefined))}`, timeout: 300 };
		case 'cancelled':
			return { baseUrl: `http://127.0.0.1:${await listen(createServer(() => undefined))}`, timeout: 10_000, cancelAfterMs: 300 };
		case 'tlsUntrustedCertificate':
			return { baseUrl: `https://127.0.0.1:${await listen(createTlsServer(selfSigned(), (_req, res) => res.end('{}')) as unknown as Server)}` };
		case 'tlsToPlainHttp':
			return { baseUrl: `https://127.0.0.1:${await listen(createServer((_req, res) => res.end('{}')))}` };
	}
}
