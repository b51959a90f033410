import type { IExecuteFunctions, INodeParameters, NodeParameterValueType } from 'n8n-workflow';

/**
 * Reads node parameters for many items. A parameter with no expression anywhere in it
 * has the same value for every item, so it is read once for the whole run; only
 * parameters that hold expressions are evaluated per item.
 */
export class ParameterReader {
	private readonly fixed = new Map<string, unknown>();

	constructor(private readonly ctx: IExecuteFunctions) {}

	get(name: string, itemIndex: number, fallback?: NodeParameterValueType): unknown {
		if (this.fixed.has(name)) return this.fixed.get(name);
		const value: unknown = this.ctx.getNodeParameter(name, itemIndex, fallback);
		if (!hasExpression(rawValue(this.ctx.getNode().parameters, name))) this.fixed.set(name, value);
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
