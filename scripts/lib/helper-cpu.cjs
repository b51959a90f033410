// Client CPU per request on n8n's request helper path over HTTPS (scripts/lib/far.ts, item 3 of
// issue 27). Runs under n8n's own Node with n8n's own modules, as n8n would run them:
//   node helper-cpu.cjs <n8n dir> <variant> <base URL> <api key> <requests> <in flight> <first phone> <contact JSON>
// with NODE_EXTRA_CA_CERTS trusting the far API. Prints one line of JSON: { cpuMs, ms, failed }.
// Variants: the helper with this node's options ("helper"), with agentOptions.keepAlive
// ("helper-keepalive"), with agentOptions.session, a TLS session taken from a first connection
// ("helper-session"), with agentOptions.ecdhCurve 'X25519', one key share instead of Node 24's
// two (post-quantum X25519MLKEM768 and X25519) ("helper-x25519"); and Node's https without n8n: a new agent each ("https-new") and one
// kept-open agent ("https-kept"). n8n 1.x drops agentOptions on this path, so its "helper-*"
// variants show what 1.x does with them.
'use strict';
const https = require('node:https');
const path = require('node:path');

const [dir, variant, baseUrl, apiKey, requestsText, inFlightText, firstText, templateText] = process.argv.slice(2);
const template = JSON.parse(templateText);
const requests = Number(requestsText);
const inFlight = Number(inFlightText);
const first = Number(firstText);
const url = `${baseUrl}/api/contacts`;

/** The bench's contact (bench-kit.ts's contactBody), with a phone number of its own per request. */
const body = (index) => ({ ...template, phone_number: first + index });

/** n8n's `httpRequest` (IHttpRequestOptions in, the answer out) for this n8n line. */
function n8nHttpRequest() {
	const paths = [path.join(dir, 'node_modules', 'n8n')];
	try {
		// 2.x: @n8n/backend-network's, which the helper calls after the credential's authenticate().
		const network = path.dirname(require.resolve('@n8n/backend-network', { paths }));
		return require(path.join(network, 'http', 'axios', 'request.js')).httpRequest;
	} catch {
		// 1.x: n8n-core's own.
		const core = path.dirname(require.resolve('n8n-core', { paths }));
		return require(path.join(core, 'execution-engine', 'node-execution-context', 'utils', 'request-helper-functions.js')).httpRequest;
	}
}

/** A TLS session of the far API, from one request on an agent of our own. */
function takeSession() {
	return new Promise((resolve, reject) => {
		const agent = new https.Agent({ keepAlive: false });
		let session;
		const req = https.request(url, { method: 'POST', agent, headers: { 'x-api-key': apiKey, 'content-type': 'application/json' } }, (res) => {
			res.resume();
			res.on('end', () => setTimeout(() => (session ? resolve(session) : reject(new Error('no TLS session'))), 50));
		});
		req.on('socket', (socket) => socket.on('session', (value) => (session = value)));
		req.on('error', reject);
		req.end(JSON.stringify(body(-1)));
	});
}

function httpsPost(index, agent) {
	return new Promise((resolve, reject) => {
		const req = https.request(
			`${url}?integration_id=${template.integration_id}`,
			{ method: 'POST', agent, headers: { 'x-api-key': apiKey, 'content-type': 'application/json;charset=UTF-8', accept: 'application/json' } },
			(res) => {
				const chunks = [];
				res.on('data', (chunk) => chunks.push(chunk));
				res.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString())));
			},
		);
		req.on('error', reject);
		req.end(JSON.stringify(body(index)));
	});
}

async function main() {
	const session = variant === 'helper-session' ? await takeSession() : undefined;
	const httpRequest = variant.startsWith('helper') ? n8nHttpRequest() : undefined;
	const agentOptions = {
		'helper-keepalive': { keepAlive: true },
		'helper-session': { session },
		'helper-x25519': { ecdhCurve: 'X25519' },
	}[variant];
	const kept = new https.Agent({ keepAlive: true, maxSockets: Infinity });
	const send = (index) =>
		httpRequest
			? httpRequest({
					method: 'POST',
					url,
					qs: { integration_id: template.integration_id },
					body: body(index),
					json: true,
					headers: { accept: 'application/json, text/plain, */*', 'content-type': 'application/json;charset=UTF-8', 'x-api-key': apiKey },
					timeout: 30_000,
					ignoreHttpStatusErrors: true,
					returnFullResponse: true,
					disableFollowRedirect: true,
					...(agentOptions ? { agentOptions } : {}),
				})
			: httpsPost(index, variant === 'https-kept' ? kept : new https.Agent());
	let next = 0;
	let failed = 0;
	const startCpu = process.cpuUsage();
	const started = Date.now();
	const worker = async () => {
		while (next < requests) {
			const answer = await send(next++).catch(() => undefined);
			const status = answer && (answer.statusCode ?? (answer.success ? 200 : 0));
			if (status !== 200) failed++;
		}
	};
	await Promise.all(Array.from({ length: inFlight }, worker));
	const cpu = process.cpuUsage(startCpu);
	kept.destroy();
	console.log(JSON.stringify({ cpuMs: (cpu.user + cpu.system) / 1000, ms: Date.now() - started, failed }));
	process.exit(0);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
