import { AdaptiveLimit, Gate, runPool } from '../../nodes/Rampwin/transport/concurrency';
import { LoopLag } from '../../nodes/Rampwin/transport/loopLag';

describe('AdaptiveLimit', () => {
	test('starts at 32 and doubles per round trip while answers stay fast, up to the cap', () => {
		const limit = new AdaptiveLimit(256);
		expect(limit.current).toBe(32);
		let now = 0;
		for (let round = 0; round < 3; round++) {
			const inRound = limit.current;
			for (let i = 0; i < inRound; i++) limit.onSuccess(20, (now += 1));
		}
		expect(limit.current).toBe(256);
		for (let i = 0; i < 100; i++) limit.onSuccess(20, (now += 1));
		expect(limit.current).toBe(256);
	});

	test('after an outage starts over at 4, and doubles per round trip again', () => {
		const limit = new AdaptiveLimit(128);
		let now = 0;
		limit.onOverload((now += 1), 0);
		limit.restart();
		expect(limit.current).toBe(4);
		for (let round = 0; round < 2; round++) {
			const inRound = limit.current;
			for (let i = 0; i < inRound; i++) limit.onSuccess(20, (now += 1));
		}
		expect(limit.current).toBe(16);
	});

	test('a 429 to a request sent after the last cut halves again at once; one sent before it does not', () => {
		const limit = new AdaptiveLimit(128);
		limit.onOverload(1000, 0, 980);
		expect(limit.current).toBe(16);
		// The same window's refusals: sent before the cut.
		limit.onOverload(1001, 0, 990);
		limit.onOverload(1002, 0, 999);
		expect(limit.current).toBe(16);
		// Sent under the lower limit, and still refused.
		limit.onOverload(1030, 0, 1010);
		expect(limit.current).toBe(8);
		limit.onOverload(1060, 0, 1040);
		expect(limit.current).toBe(4);
		// A 5xx keeps the once-a-second rule.
		limit.onOverload(1090, 0);
		expect(limit.current).toBe(4);
	});

	test('never starts above a small cap', () => {
		expect(new AdaptiveLimit(1).current).toBe(1);
		expect(new AdaptiveLimit(2).current).toBe(2);
	});

	test('halves on overload at most once a second, and does not grow while held', () => {
		const limit = new AdaptiveLimit(64, 40);
		limit.onOverload(1000, 0);
		expect(limit.current).toBe(20);
		limit.onOverload(1500, 0);
		expect(limit.current).toBe(20);
		limit.onSuccess(20, 1600);
		expect(limit.current).toBe(20);
		limit.onOverload(2100, 0);
		expect(limit.current).toBe(10);
		limit.onOverload(9000, 5000);
		limit.onSuccess(20, 13_000);
		expect(limit.current).toBe(5);
	});

	test('after slow start, grows by about one per round trip', () => {
		const limit = new AdaptiveLimit(64, 10);
		limit.onOverload(0, 0);
		expect(limit.current).toBe(5);
		let now = 2000;
		for (let i = 0; i < 5; i++) limit.onSuccess(20, (now += 1));
		expect(limit.current).toBe(5);
		for (let i = 0; i < 3; i++) limit.onSuccess(20, (now += 1));
		expect(limit.current).toBe(6);
	});

	test('ignores one slow answer but shrinks while round trips stay stretched', () => {
		const limit = new AdaptiveLimit(64, 20);
		limit.onSuccess(20, 0);
		expect(limit.current).toBe(21);
		limit.onSuccess(200, 10);
		expect(limit.current).toBe(22);
		let now = 10;
		for (let i = 0; i < 20; i++) limit.onSuccess(200, (now += 10));
		expect(limit.current).toBeLessThan(21);
		const afterFirstCuts = limit.current;
		// At most one cut per fastest round trip (20 ms): 10 ms later nothing changes.
		limit.onSuccess(200, now + 5);
		expect(limit.current).toBe(afterFirstCuts);
	});

	test("does not shrink while the process's own delay explains the stretched round trips", () => {
		const limit = new AdaptiveLimit(128, 20);
		limit.onSuccess(20, 0);
		let now = 0;
		// 200 ms round trips while n8n's callbacks run 60 ms late: 180 ms of them is n8n's own wait.
		for (let i = 0; i < 40; i++) limit.onSuccess(200, (now += 10), 60);
		expect(limit.current).toBe(61);
	});

	test('still shrinks when round trips stretch beyond what the loop delay explains (Rampwin slows)', () => {
		const limit = new AdaptiveLimit(128, 20);
		limit.onSuccess(20, 0);
		let now = 0;
		// 400 ms with the callbacks 10 ms late: at most 30 ms of it is n8n's own.
		for (let i = 0; i < 40; i++) limit.onSuccess(400, (now += 10), 10);
		expect(limit.current).toBeLessThan(21);
	});

	test('halves on overload whatever the loop delay', () => {
		const limit = new AdaptiveLimit(128, 64);
		limit.onSuccess(20, 0, 500);
		limit.onOverload(1000, 0);
		expect(limit.current).toBe(32);
	});
});

describe('LoopLag', () => {
	test('averages how late the loop runs, and never goes below zero', () => {
		const lag = new LoopLag();
		expect(lag.ms).toBe(0);
		lag.record(40);
		expect(lag.ms).toBe(10);
		lag.record(-5);
		expect(lag.ms).toBe(7.5);
		for (let i = 0; i < 50; i++) lag.record(8);
		expect(lag.ms).toBeCloseTo(8, 3);
	});

	test('reads the loop while started, and leaves no timer behind once stopped', async () => {
		jest.useFakeTimers();
		try {
			const lag = new LoopLag();
			lag.start();
			// The loop is held up for 100 ms: the sleep that was due wakes that much late.
			jest.setSystemTime(Date.now() + 100);
			await jest.advanceTimersByTimeAsync(20);
			expect(lag.ms).toBeGreaterThan(20);
			const afterOne = lag.ms;
			await jest.advanceTimersByTimeAsync(200);
			expect(lag.ms).toBeLessThan(afterOne);
			lag.stop();
			const stopped = lag.ms;
			await jest.advanceTimersByTimeAsync(100);
			expect(lag.ms).toBe(stopped);
			expect(jest.getTimerCount()).toBe(0);
		} finally {
			jest.useRealTimers();
		}
	});
});

describe('Gate and runPool', () => {
	test('never has more than the capacity in flight, and runs every item once in order', async () => {
		let capacity = 3;
		const gate = new Gate(() => capacity);
		const started: number[] = [];
		let peak = 0;
		await runPool({
			total: 40,
			gate,
			pause: () => 0,
			shouldStop: () => false,
			wait: async () => {},
			run: async (index) => {
				started.push(index);
				await gate.acquire();
				peak = Math.max(peak, gate.inFlight);
				await new Promise((resolve) => setImmediate(resolve));
				if (index === 20) capacity = 6;
				gate.release();
			},
		});
		expect(started).toEqual(Array.from({ length: 40 }, (_, index) => index));
		expect(peak).toBeLessThanOrEqual(6);
		expect(peak).toBeGreaterThan(3);
		expect(gate.inFlight).toBe(0);
	});

	test('stops starting items once told to, and waits for the started ones', async () => {
		const gate = new Gate(() => 2);
		const finished: number[] = [];
		let stop = false;
		await runPool({
			total: 100,
			gate,
			pause: () => 0,
			shouldStop: () => stop,
			wait: async () => {},
			run: async (index) => {
				await gate.acquire();
				await new Promise((resolve) => setImmediate(resolve));
				if (index === 5) stop = true;
				finished.push(index);
				gate.release();
			},
		});
		expect(finished.length).toBeLessThanOrEqual(8);
		expect(finished).toContain(5);
	});

	test('waits out a pause before starting the next item', async () => {
		const gate = new Gate(() => 1);
		const waits: number[] = [];
		let paused = 2;
		await runPool({
			total: 2,
			gate,
			pause: () => (paused > 0 ? paused-- * 100 : 0),
			shouldStop: () => false,
			wait: async (ms) => {
				waits.push(ms);
			},
			run: async () => {},
		});
		expect(waits).toEqual([200, 100]);
	});
});
