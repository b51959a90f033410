// The credential's Test button in real n8n on both lines: n8n's own credentials tester
// (POST /rest/credentials/test, as the editor asks it) runs the nodes' testedBy function
// against the sandbox.
import { N8N_VERSIONS, N8nInstance, N8nServer, packedTarball, type CredentialExport } from '../../scripts/lib/n8n';
import { RampwinServer } from '../../sandbox/rampwin-server';

describe.each(N8N_VERSIONS)('n8n %s testing the Rampwin API credential', (version) => {
	let sandbox: RampwinServer;
	let n8n: N8nInstance;
	let server: N8nServer;
	let good: CredentialExport;
	let wrongKey: CredentialExport;

	beforeAll(async () => {
		sandbox = await RampwinServer.start();
		n8n = await N8nInstance.create(version);
		await n8n.installPackage(packedTarball());
		good = { id: 'rampwinCredTest1', name: 'Rampwin', type: 'rampwinApi', data: { apiKey: sandbox.apiKey, baseUrl: sandbox.baseUrl } };
		wrongKey = { ...good, id: 'rampwinCredTest2', name: 'Rampwin wrong key', data: { ...good.data, apiKey: 'wrong-key-SECRET-e2e-91ab' } };
		await n8n.importCredentials([good, wrongKey]);
		server = await N8nServer.start(n8n);
	});

	afterAll(async () => {
		await server?.stop();
		n8n?.remove();
		await sandbox?.close();
	});

	beforeEach(() => sandbox.reset());

	test('a wrong key fails the test, saying the key was rejected', async () => {
		const result = await server.testCredential(wrongKey);
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/^Rampwin rejected the API key \(HTTP 401\)/);
		expect(result.message).not.toContain('SECRET');
		expect(sandbox.requests.map((request) => request.headers['x-api-key'])).toEqual([wrongKey.data.apiKey]);
	});

	test('the right key passes the test and creates nothing', async () => {
		expect(await server.testCredential(good)).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(sandbox.requests).toHaveLength(1);
		expect(sandbox.requests[0].rawBody).toBe('{}');
		expect(sandbox.contacts.size).toBe(0);
	});

	test('a Base URL with no Rampwin API behind it fails the test', async () => {
		const result = await server.testCredential({ ...good, data: { ...good.data, baseUrl: `${sandbox.baseUrl}/not-rampwin` } });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/^No Rampwin API at this Base URL \(HTTP 404\)/);
	});
});
