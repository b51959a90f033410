import { InputError } from '../../errors';
import { isRecord } from '../../values';

const UNIT_MS: Record<string, number> = { minutes: 60_000, hours: 3_600_000, days: 86_400_000 };

/**
 * When a Send and Wait stops waiting, from Options › Limit Wait Time (the same fields and
 * rules as n8n's own send-and-wait nodes, configureWaitTillDate in n8n-nodes-base): after an
 * amount of minutes, hours or days, or at a date. Undefined: no limit.
 */
export function waitLimit(values: unknown, now: Date): Date | undefined {
	if (!isRecord(values) || Object.keys(values).length === 0) return undefined;
	let until: Date;
	if (values.limitType === 'atSpecifiedTime') {
		until = new Date(String(values.maxDateAndTime ?? ''));
	} else {
		const amount = Number(values.resumeAmount ?? 1);
		const unit = UNIT_MS[String(values.resumeUnit ?? 'hours')];
		if (!Number.isFinite(amount) || amount < 0 || unit === undefined) {
			throw new InputError('Limit Wait Time', 'Limit Wait Time has no valid amount and unit', 'Set Amount to 0 or more and pick Minutes, Hours or Days');
		}
		until = new Date(now.getTime() + amount * unit);
	}
	if (Number.isNaN(until.getTime())) {
		throw new InputError('Limit Wait Time', 'Limit Wait Time has no valid date', 'Pick a date and time in Max Date and Time, e.g. 2026-12-31T18:00');
	}
	return until;
}
