/**
 * How many times an answer waits for a busy event loop between the node taking its place
 * and the node seeing the answer: the request's start, its connection, its answer.
 */
const LOOP_WAITS = 3;

/**
 * In flight at the start of a run, a quarter of the contacts' default cap. From 4, slow start
 * took five round trips to reach 128, and over HTTPS on new connections each of those is three
 * network round trips (TCP, TLS, the request): far from Rampwin a 2,000-contact import spent
 * about a fifth of its time ramping up (docs/performance.md, "Across an ocean").
 */
const START = 32;

/** In flight when Rampwin answers again after an outage: it may come back fragile. */
const RESTART = 4;

/**
 * How many requests may be in flight. It starts at 32 (4 after an outage), doubles per round trip while answers
 * come back as fast as the fastest seen so far, then grows by about one per round trip.
 * It shrinks a little when round trips stay stretched beyond what this n8n process's own
 * delay explains (Rampwin is saturated), and halves, and stops growing for a while, when
 * the API says it is overloaded (429, 502, 503, 504). It never exceeds `max`, the user's cap.
 */
export class AdaptiveLimit {
	private value: number;

	private minRtt = Number.POSITIVE_INFINITY;

	/** Smoothed round trip, so a single slow answer does not count as congestion. */
	private smoothedRtt: number | undefined;

	private slowStart = true;

	private holdUntil = 0;

	private lastDecrease = 0;

	private lastOverloadCut = Number.NEGATIVE_INFINITY;

	constructor(
		readonly max: number,
		initial = Math.min(START, max),
	) {
		this.value = Math.max(1, Math.min(initial, max));
	}

	/** Starts over low, e.g. after an outage: the API may come back fragile. */
	restart(): void {
		this.value = Math.max(1, Math.min(RESTART, this.max));
		this.slowStart = true;
		this.smoothedRtt = undefined;
		this.holdUntil = 0;
	}

	get current(): number {
		return Math.max(1, Math.floor(this.value));
	}

	/**
	 * An answer came back after `rttMs`, while this process's callbacks ran `loopLagMs` late
	 * (LoopLag): that much of the round trip, a few times over, was n8n's own wait, not Rampwin's.
	 */
	onSuccess(rttMs: number, now: number, loopLagMs = 0): void {
		this.minRtt = Math.min(this.minRtt, rttMs);
		const rampwins = Math.max(this.minRtt, rttMs - LOOP_WAITS * loopLagMs);
		this.smoothedRtt = this.smoothedRtt === undefined ? rampwins : this.smoothedRtt * 0.9 + rampwins * 0.1;
		if (now < this.holdUntil) return;
		// Three times the fastest, because n8n opens a new connection per request and that
		// alone stretches round trips under load, beyond the loop's delay; a few ms of slack
		// absorbs loopback jitter.
		if (this.smoothedRtt > this.minRtt * 3 + 5) {
			this.slowStart = false;
			if (now - this.lastDecrease >= this.minRtt) {
				this.value = Math.max(1, this.value * 0.9);
				this.lastDecrease = now;
			}
			return;
		}
		this.value = Math.min(this.max, this.value + (this.slowStart ? 1 : 1 / this.value));
	}

	/**
	 * Rampwin said it is overloaded. `pacedSentAt`: for a 429 (Rampwin pacing us), when that
	 * request was sent.
	 */
	onOverload(now: number, holdMs: number, pacedSentAt?: number): void {
		this.slowStart = false;
		// Overload answers arrive in bursts from one window of requests: halve at most once a
		// second, or at once for a 429 to a request sent after the last cut, which the lower
		// limit did not make room for (a start above what Rampwin takes comes down in a few
		// round trips). A 5xx keeps the second: failures that come and go would cut it to 1.
		if (now - this.lastOverloadCut >= 1000 || (pacedSentAt !== undefined && pacedSentAt > this.lastOverloadCut)) {
			this.value = Math.max(1, this.value / 2);
			this.lastOverloadCut = now;
		}
		this.holdUntil = Math.max(this.holdUntil, now + Math.max(holdMs, 1000));
	}
}

/**
 * Counts requests in flight against a capacity that may change. Items acquire a place
 * for each attempt and give it back while they sleep before a retry.
 */
export class Gate {
	private active = 0;

	private readonly queue: Array<() => void> = [];

	private readonly roomWaiters: Array<() => void> = [];

	constructor(private readonly capacity: () => number) {}

	get inFlight(): number {
		return this.active;
	}

	/** Takes a place; synchronous when one is free, so callers cannot overshoot. */
	async acquire(): Promise<void> {
		if (this.queue.length === 0 && this.active < this.capacity()) {
			this.active++;
			return;
		}
		await new Promise<void>((resolve) => this.queue.push(resolve));
	}

	release(): void {
		this.active--;
		this.drain();
	}

	/** Resolves once a new item could start without queueing behind others. */
	async room(): Promise<void> {
		while (this.active + this.queue.length >= this.capacity()) {
			await new Promise<void>((resolve) => this.roomWaiters.push(resolve));
		}
	}

	private drain(): void {
		while (this.queue.length > 0 && this.active < this.capacity()) {
			this.active++;
			this.queue.shift()?.();
		}
		if (this.active + this.queue.length < this.capacity()) {
			for (const wake of this.roomWaiters.splice(0)) wake();
		}
	}
}

interface PoolOptions {
	total: number;
	gate: Gate;
	/** Milliseconds to wait before the next start (a Retry-After pause), or 0. */
	pause: () => number;
	shouldStop: () => boolean;
	wait: (ms: number) => Promise<void>;
	/** Must not throw. */
	run: (index: number) => Promise<void>;
}

/**
 * Starts run(0), run(1), … in index order, each once the gate has room, so items are read
 * and checked just before they are sent rather than all up front. Settles when every
 * started run has settled.
 */
export async function runPool(options: PoolOptions): Promise<void> {
	const { total, gate, pause, shouldStop, wait, run } = options;
	const running = new Set<Promise<void>>();
	for (let index = 0; index < total; index++) {
		await gate.room();
		for (let delay = pause(); delay > 0 && !shouldStop(); delay = pause()) await wait(delay);
		if (shouldStop()) break;
		const started: Promise<void> = run(index).finally(() => running.delete(started));
		running.add(started);
	}
	await Promise.all(running);
}
