/** How one attempt ended, as far as Rampwin's health goes. */
export type Health = 'ok' | 'outage' | 'other';

export interface OutageSettings {
	/** Outage-like failures in a row, across items with no success between, that open an outage. */
	openAfter: number;
	/** Recent first attempts of items looked at to tell whether Rampwin is struggling. */
	window: number;
	/** Share of outage-like failures among them from which it counts as struggling. */
	troubleRatio: number;
}

export const OUTAGE_SETTINGS: OutageSettings = { openAfter: 6, window: 50, troubleRatio: 0.1 };

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

	constructor(private readonly settings: OutageSettings = OUTAGE_SETTINGS) {}

	/**
	 * Records an attempt; returns true when this failure opened an outage. Only items' first
	 * attempts tell whether Rampwin struggles: retries of the few items that fail on their
	 * own would otherwise make a healthy Rampwin look troubled.
	 */
	record(health: Health, now: number, firstAttempt = true): boolean {
		if (health === 'other') return false;
		const failed = health === 'outage';
		if (firstAttempt) {
			this.recent.push(failed);
			if (this.recent.length > this.settings.window) this.recent.shift();
		}
		if (!failed) {
			this.inARow = 0;
			return false;
		}
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
 * half keeps probes few while noticing a return soon: a 20 s outage is over for the node
 * within about a second of its end, where doubling would notice it some 10 s late.
 */
export function probeDelay(probe: number): number {
	return Math.round(Math.min(30_000, 1000 * 1.5 ** probe));
}
