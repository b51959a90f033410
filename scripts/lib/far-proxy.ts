// The far API for the bench (scripts/lib/far.ts): HTTPS in front of the sandbox, across a
// simulated ocean. Runs in its own process, as the sandbox does, so that its work does not
// share an event loop with what is measured.
//   tsx scripts/lib/far-proxy.ts <cert.pem> <key.pem> <sandbox base URL>
// prints "listening <https URL> <admin URL>". Every chunk waits half the round trip in each
// direction, and a new connection's first bytes wait one more round trip first: the TCP
// handshake a real connection pays before the client can send its TLS hello. TLS is
// terminated here; each TLS connection gets its own plain connection to the sandbox, so the
// sandbox sees the client's connections one for one.
// Admin (plain HTTP): POST /reset {"rttMs": 150} zeroes the counts; GET /stats gives them.
import { readFileSync } from 'node:fs';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import tls from 'node:tls';

interface ProxyStats {
	/** Connections clients opened to the far API. */
	connections: number;
	/** TLS handshakes in full, and those that resumed an earlier session. */
	fullHandshakes: number;
	resumedHandshakes: number;
	open: number;
	peakOpen: number;
}

const [certFile, keyFile, target] = process.argv.slice(2);
const upstream = new URL(target);
let rttMs = 150;
let stats: ProxyStats = { connections: 0, fullHandshakes: 0, resumedHandshakes: 0, open: 0, peakOpen: 0 };

type Delivery = Buffer | 'end' | 'destroy';

/**
 * One direction of a connection: what `from` sends reaches `to` at `readyAt() + rtt / 2`,
 * in order. `readyAt` is when the connection could first carry data (after its handshake).
 */
function carry(from: net.Socket, to: net.Socket, readyAt: () => number): void {
	const queue: Array<{ due: number; what: Delivery }> = [];
	let timer: NodeJS.Timeout | undefined;
	const flush = () => {
		timer = undefined;
		const now = Date.now();
		while (queue.length > 0 && queue[0].due <= now) {
			const { what } = queue.shift()!;
			if (what === 'end') to.end();
			else if (what === 'destroy') to.destroy();
			else if (!to.destroyed) to.write(what);
		}
		if (queue.length > 0) timer = setTimeout(flush, queue[0].due - now);
	};
	const send = (what: Delivery) => {
		queue.push({ due: Math.max(Date.now(), readyAt()) + rttMs / 2, what });
		timer ??= setTimeout(flush, queue[0].due - Date.now());
	};
	let ended = false;
	from.on('data', (chunk: Buffer) => send(chunk));
	from.on('end', () => {
		ended = true;
		send('end');
	});
	// A connection that closes without its end (a reset, an error) is cut on the other side too.
	from.on('close', () => {
		if (!ended) send('destroy');
	});
	from.on('error', () => undefined);
}

async function main(): Promise<void> {
	const terminator = tls.createServer({ cert: readFileSync(certFile), key: readFileSync(keyFile) }, (secure) => {
		if (secure.isSessionReused()) stats.resumedHandshakes++;
		else stats.fullHandshakes++;
		const plain = net.connect(Number(upstream.port), upstream.hostname);
		secure.pipe(plain).pipe(secure);
		plain.on('error', () => secure.destroy());
		secure.on('error', () => plain.destroy());
		plain.on('close', () => secure.destroy());
		secure.on('close', () => plain.destroy());
	});
	terminator.on('tlsClientError', () => undefined);
	await new Promise<void>((resolve) => terminator.listen(0, '127.0.0.1', resolve));
	const terminatorPort = (terminator.address() as AddressInfo).port;

	const front = net.createServer((client) => {
		const acceptedAt = Date.now();
		stats.connections++;
		stats.open++;
		stats.peakOpen = Math.max(stats.peakOpen, stats.open);
		client.on('close', () => stats.open--);
		const inner = net.connect(terminatorPort, '127.0.0.1');
		client.setNoDelay(true);
		inner.setNoDelay(true);
		// The client's first bytes leave once the TCP handshake's round trip is over.
		carry(client, inner, () => acceptedAt + rttMs);
		carry(inner, client, () => 0);
	});
	await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve));

	const admin = http.createServer((req, res) => {
		let body = '';
		req.on('data', (chunk: Buffer) => (body += chunk.toString()));
		req.on('end', () => {
			if (req.url === '/reset') {
				const options = (body ? JSON.parse(body) : {}) as { rttMs?: number };
				rttMs = options.rttMs ?? rttMs;
				stats = { connections: 0, fullHandshakes: 0, resumedHandshakes: 0, open: stats.open, peakOpen: stats.open };
			}
			res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ...stats, rttMs }));
		});
	});
	await new Promise<void>((resolve) => admin.listen(0, '127.0.0.1', resolve));
	const port = (server: net.Server) => (server.address() as AddressInfo).port;
	console.log(`listening https://127.0.0.1:${port(front)} http://127.0.0.1:${port(admin)}`);
	const stop = () => process.exit(0);
	process.on('SIGTERM', stop);
	process.on('SIGINT', stop);
}

void main();
