import { RerunMemo } from '../../nodes/Rampwin/actions/rerun';

describe('RerunMemo', () => {
	test('a re-run of the same run gets the same state back for the same request', () => {
		const run = {};
		const first = RerunMemo.for<{ sent: number }>(run).state(3, 'request A', () => ({ sent: 0 }));
		first.sent++;
		const again = RerunMemo.for<{ sent: number }>(run).state(3, 'request A', () => ({ sent: 0 }));
		expect(again).toBe(first);
		expect(again.sent).toBe(1);
	});

	test('another run, another item or another request starts afresh', () => {
		const run = {};
		const memo = RerunMemo.for<{ sent: number }>(run);
		const kept = memo.state(0, 'request A', () => ({ sent: 1 }));
		expect(RerunMemo.for<{ sent: number }>({}).state(0, 'request A', () => ({ sent: 0 }))).not.toBe(kept);
		expect(memo.state(1, 'request A', () => ({ sent: 0 }))).not.toBe(kept);
		expect(memo.state(0, 'request B', () => ({ sent: 0 })).sent).toBe(0);
	});
});
