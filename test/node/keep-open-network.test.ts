import type { INodeExecutionData } from 'n8n-workflow';

import type { RampwinServer } from '../../sandbox/rampwin-server';
import { comparable, serialise } from '../harness/keep-open';
import { SCENARIOS, type Scenario } from '../harness/network-errors';
import { closeProvokers, provoke } from '../harness/provoke';
import { runRampwin } from '../harness/rampwin-workflow';
import { useRampwinServer } from '../harness/server';
import { EXPECTED_CODES } from '../fixtures/network-errors/expected';

// Requests that get no answer (refused, reset, DNS, timeout, TLS), provoked for real over
// loopback: with Keep Connections Open the node reads each as the same network code as
// through n8n's helper, and so retries and words it the same.
jest.setTimeout(60_000);

let server: RampwinServer;
useRampwinServer((started) => (server = started));
afterAll(closeProvokers);

const API_KEY = 'key-SECRET-keep-open-network';

async function outcome(baseUrl: string, timeout: number, keepConnectionsOpen: boolean, operation: 'create' | 'sendText'): Promise<INodeExecutionData[]> {
	const { output, error, run } = await runRampwin({
		server,
		items: [{ phone: 919000000001, name: 'A' }],
		continueOnFail: true,
		apiKey: API_KEY,
		baseUrl,
		parameters: {
			...(operation === 'sendText' ? { resource: 'message', operation, text: 'Hello' } : { operation }),
			options: { maxRetries: 1, timeout, maxWaitForRampwin: 0, keepConnectionsOpen },
		},
	});
	expect(error).toBeUndefined();
	expect(serialise(run)).not.toContain(API_KEY);
	return output;
}

// Cancelling is keep-open.test.ts's: a cancelled run has no output to compare.
const scenarios = SCENARIOS.filter((scenario) => scenario !== 'cancelled');

describe('Keep Connections Open: no answer, read as through the helper', () => {
	test.each(scenarios.map((scenario) => [scenario]))('%s', async (scenario: Scenario) => {
		const { baseUrl, timeout } = await provoke(scenario);
		for (const operation of ['create', 'sendText'] as const) {
			const helper = await outcome(baseUrl, timeout ?? 2000, false, operation);
			const keptOpen = await outcome(baseUrl, timeout ?? 2000, true, operation);
			expect(comparable(keptOpen)).toEqual(comparable(helper));
			// The words name the code each line's helper is read as.
			const description = String(keptOpen[0].json.errorDescription);
			const code = EXPECTED_CODES[scenario];
			expect(scenario === 'dnsFailure' ? description.replace('EAI_AGAIN', 'ENOTFOUND') : description).toContain(code);
		}
	});
});
