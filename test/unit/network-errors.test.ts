import { failureCode, networkWords, UNKNOWN_FAILURE } from '../../nodes/Rampwin/transport/network';
import { classify, type Decision } from '../../nodes/Rampwin/transport/retry';
import type { RetrySafety } from '../../nodes/Rampwin/transport/types';
import { EXPECTED_CODES } from '../fixtures/network-errors/expected';
import { readFixtures, rebuild, SCENARIOS, type Scenario } from '../harness/network-errors';

// The errors n8n-core 1.x and 2.x really throw (captured by test/node/network-errors) must be
// read as the same failure and handled the same way on both lines.
const LINES = ['1', '2'] as const;

// [idempotent, naturalKey, once]
const DECISIONS: Record<Scenario, [Decision, Decision, Decision]> = {
	resetBeforeAnswer: ['retry', 'retry', 'mayHaveBeenSent'],
	closedAfterProcessed: ['retry', 'retry', 'mayHaveBeenSent'],
	refused: ['retry', 'retry', 'retry'],
	dnsFailure: ['giveUp', 'giveUp', 'giveUp'],
	timeout: ['retry', 'retry', 'mayHaveBeenSent'],
	cancelled: ['giveUp', 'giveUp', 'mayHaveBeenSent'],
	tlsUntrustedCertificate: ['giveUp', 'giveUp', 'giveUp'],
	tlsToPlainHttp: ['giveUp', 'giveUp', 'giveUp'],
};
const SAFETIES: RetrySafety[] = ['idempotent', 'naturalKey', 'once'];

describe.each(LINES)('the failures n8n-core %s.x throws', (line) => {
	const fixtures = readFixtures(line);

	test('every failure was captured', () => {
		expect(Object.keys(fixtures ?? {}).sort()).toEqual([...SCENARIOS].sort());
	});

	test.each(SCENARIOS.map((scenario) => [scenario]))('%s', (scenario) => {
		const error = rebuild(fixtures![scenario]);
		const code = failureCode(error);
		expect(code).toBe(EXPECTED_CODES[scenario]);
		const decisions = SAFETIES.map((safety) => classify({ kind: 'network', code }, safety, false).decision);
		expect(decisions).toEqual(DECISIONS[scenario]);
	});
});

describe('reading a failure', () => {
	test('n8n-core 1.x keeps the code only in httpCode; 2.x also down the cause', () => {
		expect(readFixtures('1')?.resetBeforeAnswer.cause).toBeUndefined();
		expect(readFixtures('2')?.resetBeforeAnswer.cause?.code).toBe('ECONNRESET');
	});

	test('an HTTP status in httpCode is no network code', () => {
		expect(failureCode({ httpCode: '502', message: 'Bad gateway' })).toBe(UNKNOWN_FAILURE);
	});

	test('an error with nothing to read is unknown', () => {
		expect(failureCode(new Error('something broke'))).toBe(UNKNOWN_FAILURE);
		expect(failureCode('a string')).toBe(UNKNOWN_FAILURE);
	});

	test.each([...Object.values(EXPECTED_CODES), 'EPIPE', 'EAI_AGAIN', UNKNOWN_FAILURE])('%s is said in words, never as "unknown"', (code) => {
		const { what, fix } = networkWords(code);
		expect(`${what} ${fix}`).not.toMatch(/unknown/i);
		expect(what).not.toContain(code);
		expect(what.length).toBeGreaterThan(20);
	});
});
