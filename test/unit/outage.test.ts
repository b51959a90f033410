import { AdaptiveLimit } from '../../nodes/Rampwin/transport/concurrency';
import { OutageMonitor, probeDelay } from '../../nodes/Rampwin/transport/outage';

const settings = { openAfter: 3, window: 10, troubleRatio: 0.3 };

describe('OutageMonitor', () => {
	test('opens after enough outage-like failures in a row, and only once', () => {
		const monitor = new OutageMonitor(settings);
		expect([monitor.record('outage', 1), monitor.record('outage', 2)]).toEqual([false, false]);
		expect(monitor.open).toBe(false);
		expect(monitor.record('outage', 3)).toBe(true);
		expect(monitor.open).toBe(true);
		expect(monitor.since).toBe(3);
		expect(monitor.record('outage', 4)).toBe(false);
		expect(monitor.close(10)).toBe(7);
		expect(monitor.open).toBe(false);
	});

	test('a success between failures means no outage; other answers neither count nor break the run', () => {
		const monitor = new OutageMonitor(settings);
		for (const health of ['outage', 'outage', 'ok', 'outage', 'other', 'outage'] as const) monitor.record(health, 0);
		expect(monitor.open).toBe(false);
		expect(monitor.record('outage', 0)).toBe(true);
	});

	test("a success sent before the latest failure does not break the run: it is the window sent before the outage", () => {
		const monitor = new OutageMonitor(settings);
		// Requests sent at 10 and 11 fail; answers to ones sent at 5 and 8 still arrive.
		monitor.record('outage', 20, true, 10);
		monitor.record('ok', 21, true, 5);
		monitor.record('outage', 22, true, 11);
		monitor.record('ok', 23, true, 8);
		expect(monitor.record('outage', 24, true, 12)).toBe(true);
	});

	test('a success sent after the latest failure does break the run', () => {
		const monitor = new OutageMonitor(settings);
		monitor.record('outage', 20, true, 10);
		monitor.record('outage', 21, true, 11);
		monitor.record('ok', 22, true, 12);
		expect(monitor.record('outage', 23, true, 13)).toBe(false);
		expect(monitor.open).toBe(false);
	});

	test('struggling: many outage-like failures among recent first attempts, once there are enough to judge', () => {
		const monitor = new OutageMonitor(settings);
		for (let i = 0; i < 6; i++) monitor.record(i % 3 === 0 ? 'outage' : 'ok', 0);
		expect(monitor.struggling).toBe(false); // 6 samples: too few to judge
		for (let i = 0; i < 4; i++) monitor.record(i % 3 === 0 ? 'outage' : 'ok', 0);
		expect(monitor.struggling).toBe(true); // 4 of the last 10
		for (let i = 0; i < 10; i++) monitor.record(i === 0 ? 'outage' : 'ok', 0);
		expect(monitor.struggling).toBe(false); // 1 of the last 10
	});

	test('retries do not count towards struggling: a few items failing on their own are not Rampwin in trouble', () => {
		const monitor = new OutageMonitor(settings);
		for (let i = 0; i < 10; i++) monitor.record(i === 0 ? 'outage' : 'ok', 0);
		for (let i = 0; i < 10; i++) monitor.record('outage', 0, false);
		expect(monitor.struggling).toBe(false);
	});

	test('probes back off by half from 1 s to 30 s', () => {
		expect([0, 1, 2, 3, 4, 8, 9, 20].map(probeDelay)).toEqual([1000, 1500, 2250, 3375, 5063, 25629, 30000, 30000]);
	});
});

describe('AdaptiveLimit.restart', () => {
	test('starts over low after having grown', () => {
		const limit = new AdaptiveLimit(128);
		for (let i = 0; i < 50; i++) limit.onSuccess(10, i);
		expect(limit.current).toBeGreaterThan(20);
		limit.restart();
		expect(limit.current).toBe(4);
		limit.onSuccess(10, 100);
		expect(limit.current).toBe(5);
	});
});
