import { backoffDelay, parseRetryAfter } from '../../nodes/Rampwin/transport/retry';

describe('parseRetryAfter', () => {
	const now = Date.parse('2026-11-25T10:00:00Z');
	test.each([
		['2', 2000],
		['0', 0],
		[' 1.5 ', 1500],
		[['3'], 3000],
		['Wed, 25 Nov 2026 10:00:05 GMT', 5000],
		['Wed, 25 Nov 2026 09:59:00 GMT', 0],
	])('%p is %p ms', (value, expected) => {
		expect(parseRetryAfter(value, now)).toBe(expected);
	});
	test.each([undefined, '', 'soon', '-1', {}])('%p is unreadable', (value) => {
		expect(parseRetryAfter(value, now)).toBeUndefined();
	});
});

describe('backoffDelay', () => {
	test('doubles per attempt, half of it random, capped at 30 s', () => {
		expect([0, 1, 2, 3].map((attempt) => backoffDelay(attempt, () => 0))).toEqual([250, 500, 1000, 2000]);
		expect([0, 1, 2, 3].map((attempt) => backoffDelay(attempt, () => 1))).toEqual([500, 1000, 2000, 4000]);
		expect(backoffDelay(20, () => 1)).toBe(30_000);
		expect(backoffDelay(20, () => 0)).toBe(15_000);
	});
});
