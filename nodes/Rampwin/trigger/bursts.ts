import type { IDataObject } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { isRecord } from '../helpers/values';

/** The one item a burst becomes: its messages in the order they arrived. */
export interface BurstItem extends IDataObject {
	sender: IDataObject[string];
	count: number;
	messages: IDataObject[];
	firstAt: string;
	lastAt: string;
}

export interface BurstTiming {
	/** The burst ends when its sender has sent nothing for this long. */
	quietMs: number;
	/** The burst ends this long after its first message at the latest. */
	longestMs: number;
}

export interface BurstLimits {
	/** Open bursts in this process, all triggers together; at the cap the oldest starts early. */
	maxOpen: number;
	/** Messages in one burst; the one that reaches it starts the run early. */
	maxMessages: number;
}

export interface Clock {
	now(): number;
	sleep(ms: number): Promise<void>;
}

export const BURST_LIMITS: BurstLimits = { maxOpen: 100, maxMessages: 50 };

const NAP_MS = 1_000;

const realClock: Clock = { now: () => Date.now(), sleep: async (ms) => await sleep(ms) };

interface OpenBurst {
	key: string;
	scope: string;
	sender: IDataObject[string];
	messages: IDataObject[];
	firstAt: number;
	lastAt: number;
	timing: BurstTiming;
	closed: boolean;
	/** Cuts the current wait short when the burst is closed from outside. */
	wake: () => void;
	woken: Promise<void>;
	finish: (item: BurstItem) => void;
}

/**
 * Gathers a sender's messages until they pause: the first message of a burst gets a promise
 * of the burst's item, later ones join it. A burst ends after its quiet period, at its
 * longest wait, at the message cap, when the open-burst cap needs its place (the oldest
 * goes first), or when its scope is flushed. No message is ever dropped: every path ends in
 * the item. Memory stays bounded by the two caps.
 */
export class Bursts {
	private readonly open = new Map<string, OpenBurst>();

	constructor(
		private readonly limits: BurstLimits = BURST_LIMITS,
		private readonly clock: Clock = realClock,
	) {}

	/** The promise of the burst's item if this message opened it, or undefined if it joined one. */
	add(scope: string, sender: IDataObject[string], message: IDataObject, timing: BurstTiming): Promise<BurstItem> | undefined {
		const key = `${scope}\u0000${senderKey(sender)}`;
		const now = this.clock.now();
		const joined = this.open.get(key);
		if (joined !== undefined) {
			joined.messages.push(message);
			joined.lastAt = now;
			if (joined.messages.length >= this.limits.maxMessages) this.close(joined);
			return undefined;
		}
		while (this.open.size >= this.limits.maxOpen) {
			const oldest = this.open.values().next().value as OpenBurst;
			this.close(oldest);
		}
		let wake = () => {};
		const woken = new Promise<void>((resolve) => (wake = resolve));
		let finish: (item: BurstItem) => void = () => {};
		const done = new Promise<BurstItem>((resolve) => (finish = resolve));
		const burst: OpenBurst = { key, scope, sender, messages: [message], firstAt: now, lastAt: now, timing, closed: false, wake, woken, finish };
		this.open.set(key, burst);
		if (this.limits.maxMessages <= 1) this.close(burst);
		else void this.watch(burst);
		return done;
	}

	/** Ends every open burst of a scope now: its trigger was deactivated or its test ended. */
	flush(scope: string): void {
		for (const burst of [...this.open.values()]) if (burst.scope === scope) this.close(burst);
	}

	/** How many bursts are open, in all scopes. */
	get size(): number {
		return this.open.size;
	}

	private async watch(burst: OpenBurst): Promise<void> {
		while (!burst.closed) {
			const due = Math.min(burst.lastAt + burst.timing.quietMs, burst.firstAt + burst.timing.longestMs);
			const wait = due - this.clock.now();
			if (wait <= 0) {
				this.close(burst);
				return;
			}
			// A later message moves `due`; waking at the old one just measures again. Naps of at
			// most a second leave no long timer behind a burst that a flush or a cap ended.
			await Promise.race([this.clock.sleep(Math.min(wait, NAP_MS)), burst.woken]);
		}
	}

	private close(burst: OpenBurst): void {
		if (burst.closed) return;
		burst.closed = true;
		this.open.delete(burst.key);
		burst.wake();
		burst.finish({
			sender: burst.sender,
			count: burst.messages.length,
			messages: burst.messages,
			firstAt: new Date(burst.firstAt).toISOString(),
			lastAt: new Date(burst.lastAt).toISOString(),
		});
	}
}

/** One sender however its value is typed: 919876543210 and "919876543210" are the same person. */
function senderKey(sender: IDataObject[string]): string {
	return typeof sender === 'object' ? JSON.stringify(sender) : String(sender);
}

/**
 * The value at a path such as `from` or `contact.phone` (a list's element by its index,
 * `messages.0.from`); a key that itself has a dot is found whole first. Undefined when the
 * path leads nowhere or to an empty value, so that delivery runs alone.
 */
export function senderAt(fields: IDataObject, path: string): IDataObject[string] | undefined {
	const trimmed = path.trim();
	if (trimmed === '') return undefined;
	let value: unknown = fields;
	for (const part of Object.hasOwn(fields, trimmed) ? [trimmed] : trimmed.split('.')) {
		if (isRecord(value) && Object.hasOwn(value, part)) value = value[part];
		else if (Array.isArray(value) && /^\d+$/.test(part)) value = value[Number(part)];
		else return undefined;
	}
	if (value === undefined || value === null || value === '') return undefined;
	return value as IDataObject[string];
}
