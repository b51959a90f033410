/**
 * What one run of the node settled per item, so that n8n's Retry On Fail does not do an
 * item's work twice. With that setting, n8n runs the whole node again on the same input
 * when it throws, or when its first output item carries `json.error` (`checkFailure` in
 * n8n-core's WorkflowExecute); without this, every contact created and every message sent
 * by the first run would be sent again.
 *
 * A memo is keyed on an object that the engine passes unchanged to every re-run of one
 * run and to no other run (the node's execute data), so it lives exactly as long as that
 * run's input and needs no clean-up.
 */
export class RerunMemo<T> {
	private static readonly memos = new WeakMap<object, RerunMemo<unknown>>();

	private readonly entries = new Map<number, { request: string; state: T }>();

	static for<T>(run: object): RerunMemo<T> {
		let memo = RerunMemo.memos.get(run);
		if (memo === undefined) {
			memo = new RerunMemo<unknown>();
			RerunMemo.memos.set(run, memo);
		}
		return memo as RerunMemo<T>;
	}

	/**
	 * The state kept for an item, or a fresh one. It is kept only while the item's request
	 * stays the same: an item that now resolves to another request starts afresh.
	 */
	state(itemIndex: number, request: string, create: () => T): T {
		const entry = this.entries.get(itemIndex);
		if (entry !== undefined && entry.request === request) return entry.state;
		const state = create();
		this.entries.set(itemIndex, { request, state });
		return state;
	}
}
