import { duration } from './errors';
import type { Health } from './types';

interface OutageSettings {
	/** Outage-like failures in a row, across items with no success between, that open an outage. */
	openAfter: number;
	/** Recent first attempts of items looked at to tell whether Rampwin is struggling. */
	window: number;
	/** Share of outage-like failures among them from which it counts as struggling. */
	troubleRatio: number;
}

const OUTAGE_SETTINGS: OutageSettings = { openAfter: 6, window: 50, troubleRatio: 0.1 };

/**
 * Watches how attempts end across all items of a run. Failures that look like an outage
 * (502, 503, 504, dropped or refused connections, timeouts) are Rampwin's trouble, not
 * the item's: when enough come in a row an outage may have begun (the transport confirms
 * it with a probe), and while they are frequent among items' first attempts Rampwin is
 * struggling.
 */
export class OutageMonitor {
	private inARow = 0;

	private readonly recent: boolean[] = [];

	private outageSince: number | undefined;

	/** When the latest-sent request that failed as in an outage was sent. */
	private lastFailureSentAt: number | undefined;

	constructor(private readonly settings: OutageSettings = OUTAGE_SETTINGS) {}

	/**
	 * Records an attempt; returns true when this failure opened an outage. Only items' first
	 * attempts tell whether Rampwin struggles: retries of the few items that fail on their
	 * own would otherwise make a healthy Rampwin look troubled.
	 */
	record(health: Health, now: number, firstAttempt = true, sentAt?: number): boolean {
		if (health === 'other') return false;
		const failed = health === 'outage';
		if (firstAttempt) {
			this.recent.push(failed);
			if (this.recent.length > this.settings.window) this.recent.shift();
		}
		if (!failed) {
			// An answer to a request sent before the latest failure's says nothing about Rampwin
			// now: at the start of an outage, the window sent before it is still being answered.
			if (sentAt === undefined || this.lastFailureSentAt === undefined || sentAt >= this.lastFailureSentAt) this.inARow = 0;
			return false;
		}
		if (sentAt !== undefined) this.lastFailureSentAt = Math.max(this.lastFailureSentAt ?? sentAt, sentAt);
		this.inARow++;
		if (this.outageSince === undefined && this.inARow >= this.settings.openAfter) {
			this.outageSince = now;
			return true;
		}
		return false;
	}

	get open(): boolean {
		return this.outageSince !== undefined;
	}

	/** When the open outage began. */
	get since(): number | undefined {
		return this.outageSince;
	}

	/** Whether many recent first attempts failed as in an outage: Rampwin's trouble, not the items'. */
	get struggling(): boolean {
		if (this.recent.length < Math.min(10, this.settings.window)) return false;
		const failures = this.recent.filter(Boolean).length;
		return failures / this.recent.length >= this.settings.troubleRatio;
	}

	/**
	 * Rampwin answered (again); returns how long the outage lasted. How recent first attempts
	 * went is kept: a probe that gets an answer says nothing about how often requests fail.
	 */
	close(now: number): number {
		const lasted = this.outageSince === undefined ? 0 : now - this.outageSince;
		this.outageSince = undefined;
		this.inARow = 0;
		return lasted;
	}
}

/**
 * Waits between probes while Rampwin is down: 1 s, 1.5 s, 2.3 s … up to 30 s. Growing by
 * half keeps probes few while noticing a return soon (the README's Performance section
 * compares it with doubling).
 */
export function probeDelay(probe: number): number {
	return Math.round(Math.min(30_000, 1000 * 1.5 ** probe));
}

interface OutageHooks {
	/** One probe: whether Rampwin answered as itself (anything but a gateway error or no answer). */
	answers: () => Promise<boolean>;
	wait: (ms: number) => Promise<void>;
	cancelled: () => boolean;
	/** Rampwin answers again after a confirmed outage. */
	resumed: () => void;
	log: (level: 'info' | 'warn', message: string) => void;
}

/**
 * Rampwin's health during one run: the monitor above, and once failures pile up, probes.
 * The first probe is sent at once, then with backoff up to 30 s. If the first gets an
 * answer, there was no outage: the failures were the items' own, and they keep their usual
 * retries. Otherwise the outage is confirmed, and items wait until a probe gets an answer or
 * Max Wait runs out.
 */
export class OutageWatch {
	private readonly monitor = new OutageMonitor();

	private isConfirmed = false;

	private gaveUp: number | undefined;

	private isClosed = false;

	/** Resolves when the run is over, so that no probe outlives it. */
	private readonly closed: Promise<void>;

	private markClosed: () => void = () => undefined;

	constructor(
		private readonly maxWait: number,
		private readonly baseUrl: string,
		private readonly hooks: OutageHooks,
	) {
		this.closed = new Promise<void>((resolve) => (this.markClosed = resolve));
	}

	/** Whether a probe confirmed an outage that Max Wait has not yet ended: items wait. */
	get waiting(): boolean {
		return this.isConfirmed && this.gaveUp === undefined;
	}

	get confirmed(): boolean {
		return this.isConfirmed;
	}

	/**
	 * Whether failures in a row opened a possible outage and the first probe is still out:
	 * new requests hold back until it says, or a whole window of them would meet the outage.
	 */
	get suspected(): boolean {
		return this.monitor.open && !this.isConfirmed && this.gaveUp === undefined && !this.stopped;
	}

	/** How long Rampwin was down when Max Wait ran out; from then on every item not done fails. */
	get gaveUpAfter(): number | undefined {
		return this.gaveUp;
	}

	/** What the next retry of a failure that is Rampwin's trouble costs the item. */
	retryCost(): number {
		if (this.isConfirmed) return 0;
		return this.monitor.struggling ? 1 / 3 : 1;
	}

	record(health: Health, firstAttempt: boolean, what: string | undefined, sentAt?: number): void {
		if (this.monitor.record(health, Date.now(), firstAttempt, sentAt)) void this.probeUntilBack(what);
	}

	/** The run is over: stops probing. */
	close(): void {
		this.isClosed = true;
		this.markClosed();
	}

	private get stopped(): boolean {
		return this.hooks.cancelled() || this.isClosed;
	}

	private async probeUntilBack(what: string | undefined): Promise<void> {
		const since = this.monitor.since ?? Date.now();
		for (let probe = 0; this.monitor.open && !this.stopped; probe++) {
			const left = this.maxWait - (Date.now() - since);
			if (left <= 0) break;
			if (probe > 0) await Promise.race([this.hooks.wait(Math.min(probeDelay(probe - 1), left)), this.closed]);
			if (this.stopped || Date.now() - since >= this.maxWait) break;
			if (await this.hooks.answers()) {
				const lasted = this.monitor.close(Date.now());
				if (!this.isConfirmed) return;
				this.isConfirmed = false;
				this.hooks.resumed();
				this.hooks.log('info', `Rampwin at ${this.baseUrl} answers again after ${duration(lasted)}; the node resumes sending, slowly at first.`);
				return;
			}
			if (!this.isConfirmed) {
				this.isConfirmed = true;
				this.hooks.log(
					'warn',
					`Rampwin at ${this.baseUrl} looks unavailable: requests keep failing (the last with ${what ?? 'an error'}). ` +
						`The node stops sending and checks every few seconds whether Rampwin is back, for up to ${duration(this.maxWait)}.`,
				);
			}
		}
		if (this.isConfirmed && !this.stopped) {
			this.gaveUp = Date.now() - since;
			this.hooks.log(
				'warn',
				`Rampwin at ${this.baseUrl} was still unavailable after ${duration(this.gaveUp)} (Max Wait for Rampwin); the items not yet sent fail.`,
			);
		}
	}
}
