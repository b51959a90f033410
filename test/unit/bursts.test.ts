import type { IDataObject } from 'n8n-workflow';

import { Bursts, senderAt, type BurstItem, type Clock } from '../../nodes/Rampwin/trigger/bursts';
import { combineSettings } from '../../nodes/Rampwin/trigger/combine';

/** A clock that moves only when told to; sleepers wake in order of their time. */
class FakeClock implements Clock {
	private time = Date.UTC(2025, 0, 1, 9, 0, 0);

	private sleepers: Array<{ at: number; wake: () => void }> = [];

	now(): number {
		return this.time;
	}

	async sleep(ms: number): Promise<void> {
		await new Promise<void>((wake) => this.sleepers.push({ at: this.time + ms, wake }));
	}

	/** Moves time on by `ms`, waking each sleeper whose time came and letting it act. */
	async advance(ms: number): Promise<void> {
		const end = this.time + ms;
		for (;;) {
			await settle();
			const due = this.sleepers.filter((sleeper) => sleeper.at <= end).sort((a, b) => a.at - b.at)[0];
			if (due === undefined) break;
			this.sleepers = this.sleepers.filter((sleeper) => sleeper !== due);
			this.time = Math.max(this.time, due.at);
			due.wake();
		}
		this.time = end;
		await settle();
	}
}

async function settle(): Promise<void> {
	for (let i = 0; i < 10; i++) await Promise.resolve();
}

const TIMING = { quietMs: 5_000, longestMs: 30_000 };
const message = (sender: string, text: string): IDataObject => ({ from: sender, text });

/** Records when each burst's promise settled. */
function track(promise: Promise<BurstItem> | undefined): { item?: BurstItem } {
	const seen: { item?: BurstItem } = {};
	if (promise === undefined) throw new Error('expected this message to open a burst');
	void promise.then((item) => (seen.item = item));
	return seen;
}

describe('Bursts', () => {
	let clock: FakeClock;
	let bursts: Bursts;
	beforeEach(() => {
		clock = new FakeClock();
		bursts = new Bursts({ maxOpen: 3, maxMessages: 4 }, clock);
	});

	test('a burst ends after its quiet period, with every message in order, and later messages join the first', async () => {
		const first = track(bursts.add('wf', 'A', message('A', 'hi'), TIMING));
		await clock.advance(2_000);
		expect(bursts.add('wf', 'A', message('A', 'order 1042'), TIMING)).toBeUndefined();
		await clock.advance(4_000);
		expect(first.item).toBeUndefined();
		expect(bursts.add('wf', 'A', message('A', 'where is it?'), TIMING)).toBeUndefined();
		await clock.advance(4_999);
		expect(first.item).toBeUndefined();
		await clock.advance(1);
		expect(first.item).toEqual({
			sender: 'A',
			count: 3,
			messages: [message('A', 'hi'), message('A', 'order 1042'), message('A', 'where is it?')],
			firstAt: '2025-01-01T09:00:00.000Z',
			lastAt: '2025-01-01T09:00:06.000Z',
		});
		expect(bursts.size).toBe(0);
	});

	test('Longest Wait ends a burst that never pauses', async () => {
		const big = new Bursts({ maxOpen: 3, maxMessages: 100 }, clock);
		const second = track(big.add('wf', 'A', message('A', '0'), { quietMs: 5_000, longestMs: 10_000 }));
		for (let i = 1; i <= 12; i++) {
			await clock.advance(1_000);
			big.add('wf', 'A', message('A', String(i)), { quietMs: 5_000, longestMs: 10_000 });
		}
		expect(second.item?.count).toBe(10);
		expect(second.item?.lastAt).toBe('2025-01-01T09:00:09.000Z');
		expect(big.size).toBe(1);
	});

	test('senders never mix, in one trigger or across triggers', async () => {
		const a = track(bursts.add('wf', 'A', message('A', 'a1'), TIMING));
		const b = track(bursts.add('wf', 'B', message('B', 'b1'), TIMING));
		const other = track(bursts.add('other-wf', 'A', message('A', 'x1'), TIMING));
		bursts.add('wf', 'A', message('A', 'a2'), TIMING);
		bursts.add('wf', 'B', message('B', 'b2'), TIMING);
		await clock.advance(5_000);
		expect(a.item?.messages.map((m) => m.text)).toEqual(['a1', 'a2']);
		expect(b.item?.messages.map((m) => m.text)).toEqual(['b1', 'b2']);
		expect(other.item?.messages.map((m) => m.text)).toEqual(['x1']);
	});

	test('a sender written as a number or as text is one sender', () => {
		track(bursts.add('wf', 919876543210, message('919876543210', 'a'), TIMING));
		expect(bursts.add('wf', '919876543210', message('919876543210', 'b'), TIMING)).toBeUndefined();
	});

	test('the message cap starts the run early, and the next message opens a new burst', async () => {
		const first = track(bursts.add('wf', 'A', message('A', '1'), TIMING));
		for (const text of ['2', '3', '4']) bursts.add('wf', 'A', message('A', text), TIMING);
		await settle();
		expect(first.item?.messages.map((m) => m.text)).toEqual(['1', '2', '3', '4']);
		const next = track(bursts.add('wf', 'A', message('A', '5'), TIMING));
		await clock.advance(5_000);
		expect(next.item?.messages.map((m) => m.text)).toEqual(['5']);
	});

	test('the open-burst cap starts the oldest burst early, never dropping it', async () => {
		const opened = ['A', 'B', 'C'].map((sender) => track(bursts.add('wf', sender, message(sender, sender), TIMING)));
		await settle();
		expect(opened.map((seen) => seen.item)).toEqual([undefined, undefined, undefined]);
		const d = track(bursts.add('wf', 'D', message('D', 'D'), TIMING));
		await settle();
		expect(opened.map((seen) => seen.item?.sender)).toEqual(['A', undefined, undefined]);
		expect(bursts.size).toBe(3);
		await clock.advance(5_000);
		expect([...opened, d].map((seen) => seen.item?.count)).toEqual([1, 1, 1, 1]);
	});

	test('flush ends the open bursts of one scope at once, and only those', async () => {
		const test = track(bursts.add('wf:test', 'A', message('A', 't'), TIMING));
		const production = track(bursts.add('wf:production', 'A', message('A', 'p'), TIMING));
		bursts.flush('wf:test');
		await settle();
		expect(test.item?.messages).toEqual([message('A', 't')]);
		expect(production.item).toBeUndefined();
		await clock.advance(5_000);
		expect(production.item?.count).toBe(1);
	});
});

describe('senderAt', () => {
	test.each<[IDataObject, string, unknown]>([
		[{ from: '9198' }, 'from', '9198'],
		[{ from: 9198 }, ' from ', 9198],
		[{ contact: { phone: '+44' } }, 'contact.phone', '+44'],
		[{ 'contact.phone': 'whole key' }, 'contact.phone', 'whole key'],
		[{ messages: [{ from: 'x' }] }, 'messages.0.from', 'x'],
		[{ from: '' }, 'from', undefined],
		[{ from: null }, 'from', undefined],
		[{ text: 'hi' }, 'from', undefined],
		[{ contact: 'flat' }, 'contact.phone', undefined],
		[{ from: 'x' }, '', undefined],
		[{}, 'constructor', undefined],
		[{}, '__proto__', undefined],
	])('%j at %p is %p', (fields, path, expected) => {
		expect(senderAt(fields, path)).toEqual(expected);
	});
});

describe('combineSettings', () => {
	test('off when Combine Messages was not added', () => {
		expect(combineSettings({})).toEqual({});
	});

	test('seconds become milliseconds, decimals allowed', () => {
		expect(combineSettings({ combineMessages: { settings: { senderField: 'from', quietPeriod: 0.5, longestWait: 30 } } })).toEqual({
			settings: { senderField: 'from', quietMs: 500, longestMs: 30_000 },
		});
	});

	test.each([
		[{ senderField: ' ', quietPeriod: 5, longestWait: 30 }, /no Sender Field/],
		[{ senderField: 'from', quietPeriod: 0, longestWait: 30 }, /above 0 seconds/],
		[{ senderField: 'from', quietPeriod: 5, longestWait: '=30' }, /above 0 seconds/],
	])('unusable settings name the problem: %j', (settings, message) => {
		const { settings: usable, problem } = combineSettings({ combineMessages: { settings } });
		expect(usable).toBeUndefined();
		expect(problem?.message).toMatch(message);
		expect(problem?.hint).toMatch(/e\.g\./);
	});
});
