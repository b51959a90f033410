import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { TransportOptions } from '../transport';

export const DEFAULT_OPTIONS: TransportOptions = {
	maxConcurrency: 128,
	maxRetries: 3,
	timeout: 30_000,
};

/** The Options collection every operation shows: how requests are sent. Defaults as above. */
export const optionsDescription: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	description: 'How phone numbers are read and how requests to Rampwin are sent',
	options: [
		{
			displayName: 'Default Country Code',
			name: 'defaultCountryCode',
			type: 'string',
			default: '',
			placeholder: 'e.g. 91',
			description:
				'The calling code for numbers written without one, as national numbers often are in a spreadsheet, e.g. 91 for India. A number with + or 00 in front is always read as international; one that fits both ways is refused so that no one is messaged by mistake.',
		},
		{
			displayName: 'Max Concurrent Requests',
			name: 'maxConcurrency',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 200 },
			default: 128,
			description:
				'The most requests to Rampwin in flight at once. The node starts with a few and adds more while Rampwin answers quickly, and backs off when it is told to slow down. Set 1 to send one at a time.',
		},
		{
			displayName: 'Max Retries',
			name: 'maxRetries',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 10 },
			default: 3,
			description:
				'How many more times to try a request after a rate limit (429), a gateway or server error (502, 503, 504), a dropped connection or a timeout. Other errors are never retried.',
		},
		{
			displayName: 'Timeout',
			name: 'timeout',
			type: 'number',
			typeOptions: { minValue: 1000 },
			default: 30000,
			description: 'How long to wait for each answer, in milliseconds, before trying again',
		},
	],
};

export function readOptions(ctx: IExecuteFunctions): TransportOptions {
	const options = ctx.getNodeParameter('options', 0, {}) as IDataObject;
	const number = (value: unknown, fallback: number, min: number) =>
		typeof value === 'number' && Number.isFinite(value) ? Math.max(min, Math.floor(value)) : fallback;
	return {
		maxConcurrency: number(options.maxConcurrency, DEFAULT_OPTIONS.maxConcurrency, 1),
		maxRetries: number(options.maxRetries, DEFAULT_OPTIONS.maxRetries, 0),
		timeout: number(options.timeout, DEFAULT_OPTIONS.timeout, 1),
	};
}
