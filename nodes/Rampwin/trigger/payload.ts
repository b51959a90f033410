import type { IDataObject } from 'n8n-workflow';

import { isRecord } from '../helpers/values';

/**
 * What one delivery becomes: a JSON object is one item with its fields unchanged; a JSON
 * array is one item per element (an element that is not an object as `{ body }`); any other
 * body, JSON that is not an object or not JSON at all, is one item `{ body: "<raw text>" }`.
 * Rampwin's reference shows no payload, so nothing here assumes one.
 */
export function itemsFromBody(raw: string): IDataObject[] {
	const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
	let parsed: unknown;
	try {
		parsed = text.trim() === '' ? undefined : (JSON.parse(text) as unknown);
	} catch {
		parsed = undefined;
	}
	if (isRecord(parsed)) return [parsed as IDataObject];
	if (Array.isArray(parsed)) return parsed.map((element) => (isRecord(element) ? (element as IDataObject) : { body: element as IDataObject[string] }));
	return [{ body: raw }];
}
