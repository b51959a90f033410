import { sleep } from 'n8n-workflow';

/** How often the loop is looked at while a run sends. */
const TICK_MS = 20;

/** Weight of the newest reading in the average. */
const WEIGHT = 0.25;

/**
 * How late this n8n process runs its callbacks: a short sleep, over and over, and how much
 * later than asked it wakes. When n8n is busy (its own work per request, other executions)
 * every answer waits that long, several times over, before the node sees it; the adaptive
 * limit uses this to tell the node's own delay from Rampwin slowing down.
 */
export class LoopLag {
	private average = 0;

	private running = false;

	/** Counts starts, so that a watch left over from before a stop ends at its next reading. */
	private generation = 0;

	/** Milliseconds, averaged over the last few readings; 0 until the first. */
	get ms(): number {
		return this.average;
	}

	start(): void {
		if (this.running) return;
		this.running = true;
		void this.watch(++this.generation);
	}

	stop(): void {
		this.running = false;
	}

	/** One reading, in milliseconds: how much later than asked a sleep woke. */
	record(lateMs: number): void {
		this.average = this.average * (1 - WEIGHT) + Math.max(0, lateMs) * WEIGHT;
	}

	private async watch(generation: number): Promise<void> {
		const current = () => this.running && this.generation === generation;
		while (current()) {
			const asked = Date.now();
			await sleep(TICK_MS);
			if (current()) this.record(Date.now() - asked - TICK_MS);
		}
	}
}
