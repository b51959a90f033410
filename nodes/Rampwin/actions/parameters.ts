import type { IDataObject, IExecuteFunctions, INodeParameters, NodeParameterValueType } from 'n8n-workflow';

import { keepMetaVariablesIn } from '../helpers/template/variables';

/** Plain `{{ $json.a.b }}` / `{{ $json["a b"] }}`: the most common mapping by far. */
const JSON_PATH = /^=\{\{\s*\$json((?:\.[A-Za-z_$][\w$]*|\[\s*(?:"[^"\\]*"|'[^'\\]*')\s*\])+)\s*\}\}$/;
const SEGMENT = /\.([A-Za-z_$][\w$]*)|\[\s*(?:"([^"\\]*)"|'([^'\\]*)')\s*\]/g;
export const MISSING = Symbol('missing');

/** Reads a parameter's value from one item's JSON, or MISSING. */
type Resolver = (json: IDataObject) => unknown;

type Plan =
	| { kind: 'fixed'; value: unknown }
	/** Every expression in it is a plain $json path, read straight from the item. */
	| { kind: 'paths'; resolve: Resolver }
	| { kind: 'engine' };

/**
 * Reads node parameters for many items, doing per item only what differs per item:
 * - a parameter with no expression anywhere is read once for the whole run;
 * - one whose expressions are all plain `{{ $json.path }}` lookups is read from the input
 *   item directly, which is what n8n's engine would return, without a trip through the
 *   expression sandbox (its cost is in the README's Performance section); when a path is absent,
 *   n8n's engine answers instead, so edge cases behave exactly as n8n's;
 * - anything else goes through n8n's engine as usual.
 */
export class ParameterReader {
	private readonly plans = new Map<string, Plan>();

	/** Per parameter: its stored value with Meta's variables kept, or null when it has none in an expression. */
	private readonly kept = new Map<string, unknown>();

	private readonly items: ReadonlyArray<{ json: IDataObject }>;

	constructor(private readonly ctx: IExecuteFunctions) {
		this.items = ctx.getInputData();
	}

	get(name: string, itemIndex: number, fallback?: NodeParameterValueType): unknown {
		let plan = this.plans.get(name);
		if (plan === undefined) {
			const raw = rawValue(this.ctx.getNode().parameters, name);
			plan = !hasExpression(raw)
				? { kind: 'fixed', value: this.ctx.getNodeParameter(name, itemIndex, fallback) }
				: allPlainPaths(raw)
					? { kind: 'paths', resolve: compilePaths(raw) }
					: { kind: 'engine' };
			this.plans.set(name, plan);
		}
		if (plan.kind === 'fixed') return plan.value;
		if (plan.kind === 'paths') {
			const json = this.items[itemIndex]?.json;
			const value = json === undefined ? MISSING : plan.resolve(json);
			if (value !== MISSING) return value;
		}
		return this.ctx.getNodeParameter(name, itemIndex, fallback);
	}

	/**
	 * A field where Meta's `{{1}}` belongs (a template's texts): as get(), except that in an
	 * expression each Meta variable stays as written instead of being run as JavaScript.
	 */
	metaText(name: string, itemIndex: number, fallback?: NodeParameterValueType): unknown {
		let kept = this.kept.get(name);
		if (kept === undefined) {
			const raw = rawValue(this.ctx.getNode().parameters, name);
			const rewritten = keepMetaVariablesIn(raw);
			kept = JSON.stringify(rewritten) === JSON.stringify(raw) ? null : rewritten;
			this.kept.set(name, kept);
		}
		return kept === null ? this.get(name, itemIndex, fallback) : this.evaluate(kept, itemIndex);
	}

	private evaluate(value: unknown, itemIndex: number): unknown {
		if (typeof value === 'string') return value.startsWith('=') ? this.ctx.evaluateExpression(value.slice(1), itemIndex) : value;
		if (Array.isArray(value)) return value.map((entry) => this.evaluate(entry, itemIndex));
		if (typeof value === 'object' && value !== null) {
			return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, this.evaluate(entry, itemIndex)]));
		}
		return value;
	}
}

function rawValue(parameters: INodeParameters, path: string): unknown {
	let value: unknown = parameters;
	for (const key of path.split('.')) {
		if (typeof value !== 'object' || value === null) return undefined;
		value = (value as Record<string, unknown>)[key];
	}
	return value;
}

export function hasExpression(value: unknown): boolean {
	if (typeof value === 'string') return value.startsWith('=');
	if (Array.isArray(value)) return value.some(hasExpression);
	if (typeof value === 'object' && value !== null) return Object.values(value).some(hasExpression);
	return false;
}

function allPlainPaths(value: unknown): boolean {
	if (typeof value === 'string') return !value.startsWith('=') || parseJsonPath(value) !== undefined;
	if (Array.isArray(value)) return value.every(allPlainPaths);
	if (typeof value === 'object' && value !== null) return Object.values(value).every(allPlainPaths);
	return true;
}

/** The keys of a plain `={{ $json… }}` expression, or undefined for any other text. */
export function parseJsonPath(expression: string): string[] | undefined {
	const match = JSON_PATH.exec(expression);
	if (!match) return undefined;
	return [...match[1].matchAll(SEGMENT)].map((segment) => segment[1] ?? segment[2] ?? segment[3]);
}

/** Own properties only, so a path can never reach into a prototype. Absent or undefined: MISSING. */
export function lookup(json: unknown, keys: string[]): unknown {
	let value = json;
	for (const key of keys) {
		if (typeof value !== 'object' || value === null || !Object.prototype.hasOwnProperty.call(value, key)) {
			return MISSING;
		}
		value = (value as Record<string, unknown>)[key];
	}
	return value === undefined ? MISSING : value;
}

/**
 * Turns a parameter whose expressions are all plain paths into a function of the item's
 * JSON, once per run: the paths are parsed here, not again for every item.
 */
function compilePaths(raw: unknown): Resolver {
	if (typeof raw === 'string') {
		const keys = raw.startsWith('=') ? parseJsonPath(raw) : undefined;
		return keys ? (json) => lookup(json, keys) : () => raw;
	}
	if (Array.isArray(raw)) {
		const entries = raw.map(compilePaths);
		return (json) => {
			const result: unknown[] = [];
			for (const entry of entries) {
				const value = entry(json);
				if (value === MISSING) return MISSING;
				result.push(value);
			}
			return result;
		};
	}
	if (typeof raw === 'object' && raw !== null) {
		const entries = Object.entries(raw).map(([key, entry]) => [key, compilePaths(entry)] as const);
		return (json) => {
			const result: Record<string, unknown> = {};
			for (const [key, entry] of entries) {
				const value = entry(json);
				if (value === MISSING) return MISSING;
				result[key] = value;
			}
			return result;
		};
	}
	return () => raw;
}
