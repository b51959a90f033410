import { isRecord, kindOf } from '../values';

/**
 * The templates in one page of Rampwin's list answer. The reference shows only that the
 * answer starts `{ "success": …` and, like every answer, may carry `data`; it does not show
 * where the list sits. Assumed: `data` is the list, or `data` is an object with exactly one
 * list among its own fields (whatever its name). Anything else is reported, not read as empty.
 */
export function templatesInPage(answer: unknown): { templates: Array<Record<string, unknown>> } | { problem: string } {
	if (!isRecord(answer)) return { problem: `the answer is ${kindOf(answer)}, not an object` };
	if (answer.success === false) return { problem: 'the answer says success: false' };
	const data = answer.data;
	let list: unknown;
	if (Array.isArray(data)) {
		list = data;
	} else if (isRecord(data)) {
		const lists = Object.entries(data).filter(([, value]) => Array.isArray(value));
		if (lists.length !== 1) {
			return {
				problem:
					lists.length === 0
						? `"data" holds no list (its fields: ${Object.keys(data).join(', ') || 'none'})`
						: `"data" holds more than one list (${lists.map(([key]) => key).join(', ')})`,
			};
		}
		list = lists[0][1];
	} else {
		return { problem: data === undefined ? 'the answer has no "data"' : `"data" is ${kindOf(data)}` };
	}
	const entries = list as unknown[];
	const templates = entries.filter(isRecord);
	if (templates.length !== entries.length) return { problem: 'the list holds entries that are not objects' };
	return { templates };
}

/**
 * The templates of a list read page by page. A page identical to the one before it adds
 * nothing: a server that ignored `page` would answer the same page for ever.
 */
export class TemplatePages {
	readonly templates: Array<Record<string, unknown>> = [];

	private previous = '';

	/** Reads the next page: how many templates it added (none when empty or repeated), or why it is unreadable. */
	add(answer: unknown): { added: number } | { problem: string } {
		const found = templatesInPage(answer);
		if ('problem' in found) return found;
		const seen = JSON.stringify(found.templates);
		const repeated = seen === this.previous;
		this.previous = seen;
		if (repeated) return { added: 0 };
		this.templates.push(...found.templates);
		return { added: found.templates.length };
	}
}
