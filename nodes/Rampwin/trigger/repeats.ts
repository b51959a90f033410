import { createHash } from 'node:crypto';

/** Deliveries remembered per trigger at the most; the oldest go first. */
const MAX_PER_SCOPE = 10_000;

/**
 * Remembers recent deliveries by the SHA-256 of their raw body, per trigger (a scope), so that
 * the same body delivered again within the window starts no second run. Distinct events
 * always differ somewhere in their body, so none is held back; a byte-identical repeat of a
 * real event (the same payload twice within the window) would be, which is the rule's price.
 * Memory is bounded: entries older than the window are dropped as new ones come, and a
 * scope keeps at most 10,000.
 */
export class RepeatFilter {
	private readonly scopes = new Map<string, Map<string, number>>();

	/** True when this body was seen in the scope within `windowMs`; records it either way. */
	seen(scope: string, rawBody: Buffer | string, now: number, windowMs: number): boolean {
		let recent = this.scopes.get(scope);
		if (recent === undefined) {
			recent = new Map();
			this.scopes.set(scope, recent);
		}
		for (const [digest, at] of recent) {
			if (now - at < windowMs && recent.size < MAX_PER_SCOPE) break;
			recent.delete(digest);
		}
		const digest = createHash('sha256').update(rawBody).digest('base64');
		const before = recent.get(digest);
		const repeat = before !== undefined && now - before < windowMs;
		if (!repeat) {
			// Re-inserting moves it to the end: the map stays in order of arrival.
			recent.delete(digest);
			recent.set(digest, now);
		}
		return repeat;
	}

	/** Forgets a trigger's deliveries, when its webhook is deleted. */
	forget(scope: string): void {
		this.scopes.delete(scope);
	}
}
