import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { TransportOptions } from '../transport';

const MINUTE = 60_000;

/** Contacts: a bulk import wants as many requests in flight as Rampwin takes. */
export const DEFAULT_OPTIONS: TransportOptions = {
	maxConcurrency: 128,
	maxRetries: 3,
	timeout: 30_000,
	maxWait: 5 * MINUTE,
	keepConnectionsOpen: false,
};

/**
 * Messages: WhatsApp lets a business number send about 80 messages a second by default
 * (Meta's Cloud API throughput), and a burst to many people at once risks blocks and
 * reports that lower the number's quality rating and with it its messaging limits.
 * 20 in flight keep 80 a second going at round trips up to 250 ms.
 */
export const MESSAGE_DEFAULTS: TransportOptions = {
	maxConcurrency: 20,
	maxRetries: 3,
	timeout: 30_000,
	maxWait: 5 * MINUTE,
	maxPerSecond: 80,
	keepConnectionsOpen: false,
};

const defaultCountryCode: INodeProperties = {
	displayName: 'Default Country Code',
	name: 'defaultCountryCode',
	type: 'string',
	default: '',
	placeholder: 'e.g. 91',
	description:
		'The calling code for numbers written without one, as national numbers often are in a spreadsheet, e.g. 91 for India. A number with + or 00 in front is always read as international. Any other is sent only as a valid number of the country it is read as; when it is valid both ways, it is read as national if that is the likelier WhatsApp number (a mobile rather than a fixed line), and otherwise refused so that no one is messaged by mistake.',
};

/** Checks a sheet before anything is sent: the same reading and checks, and no request at all. */
const validateOnly: INodeProperties = {
	displayName: 'Validate Only (Send Nothing)',
	name: 'validateOnly',
	type: 'boolean',
	default: false,
	description:
		'Whether to only read and check every item as a real run would, and output the request each would send (without the API key), sending nothing to Rampwin. Invalid items fail as they would in a real run.',
};

/**
 * Far from Rampwin, most of a request's time on a new connection goes to the TCP and TLS
 * handshakes, which n8n's helper pays on every request (docs/reliability.md).
 */
const keepConnectionsOpen: INodeProperties = {
	displayName: 'Keep Connections Open',
	name: 'keepConnectionsOpen',
	type: 'boolean',
	default: false,
	description:
		"Whether to send over connections kept open between requests (Node's fetch) instead of a new connection for each (n8n's request helper). Far from Rampwin this saves a new connection's handshakes on every request: more requests a second, less CPU. Fetch goes around n8n's proxy settings and SSRF protection, so the node refuses the option where either applies. Idle connections close a few seconds after the last answer.",
};

// n8n's lint wants each default written out; a unit test holds them to the constants above.
const maxConcurrency: INodeProperties = {
	displayName: 'Max Concurrent Requests',
	name: 'maxConcurrency',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: 200 },
	default: 128,
	description:
		'The most requests to Rampwin in flight at once. The node starts with a few and adds more while Rampwin answers quickly, and backs off when it is told to slow down. Set 1 to send one at a time.',
};

const maxRetries: INodeProperties = {
	displayName: 'Max Retries',
	name: 'maxRetries',
	type: 'number',
	typeOptions: { minValue: 0, maxValue: 10 },
	default: 3,
	description:
		'How many more times to try a request after a rate limit (429), a gateway or server error (502, 503, 504), a dropped connection or a timeout, where retrying is safe. Other errors are never retried.',
};

/**
 * Deploys, fail-overs and load-balancer trouble mostly pass within a minute or two; five
 * minutes rides them out, while a run against a Rampwin that is really down still ends
 * within a few minutes instead of holding an n8n worker for long.
 */
const maxWait: INodeProperties = {
	displayName: 'Max Wait for Rampwin',
	name: 'maxWaitForRampwin',
	type: 'number',
	typeOptions: { minValue: 0, numberPrecision: 2 },
	default: 5,
	description:
		'Minutes to wait for Rampwin to come back when it is unavailable (every request failing with 502, 503, 504, a refused or dropped connection or a timeout). Meanwhile the node sends nothing and checks every few seconds. 0: no waiting; requests get only their own retries.',
};

const timeout: INodeProperties = {
	displayName: 'Timeout',
	name: 'timeout',
	type: 'number',
	typeOptions: { minValue: 1000 },
	default: 30000,
	description: 'How long to wait for each answer, in milliseconds, before trying again',
};

/** The Options collection of the contact operations. Defaults as DEFAULT_OPTIONS. */
export const optionsDescription: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	description: 'How phone numbers are read and how requests to Rampwin are sent',
	options: [defaultCountryCode, keepConnectionsOpen, maxConcurrency, maxRetries, maxWait, timeout, validateOnly],
};

/** The Options collection of the message operations. Defaults as MESSAGE_DEFAULTS. */
export const messageOptionsDescription: INodeProperties = {
	...optionsDescription,
	description: 'How the message is shown in Rampwin, how phone numbers are read and how messages are sent',
	options: [
		defaultCountryCode,
		{
			displayName: 'Hide From Chat',
			name: 'hideFromChat',
			type: 'boolean',
			default: false,
			description: "Whether to hide the message in Rampwin's chat view (the contact still gets it)",
		},
		{
			displayName: 'Hide From Chat List',
			name: 'hideFromChatList',
			type: 'boolean',
			default: false,
			description: "Whether to keep the conversation out of the chat list in Rampwin's inbox",
		},
		keepConnectionsOpen,
		{
			displayName: 'Max Messages per Second',
			name: 'maxMessagesPerSecond',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 1000 },
			default: 80,
			description:
				"The most messages the node starts per second. WhatsApp's default throughput for a business number is about 80; raise it only if Meta has raised yours.",
		},
		{ ...maxConcurrency, default: 20 },
		maxRetries,
		maxWait,
		timeout,
		validateOnly,
	],
};

/** Whether the run only checks its items and sends nothing (Validate Only). */
export function readValidateOnly(ctx: IExecuteFunctions): boolean {
	return (ctx.getNodeParameter('options', 0, {}) as IDataObject).validateOnly === true;
}

export function readOptions(ctx: IExecuteFunctions, defaults: TransportOptions): TransportOptions {
	const options = ctx.getNodeParameter('options', 0, {}) as IDataObject;
	const number = (value: unknown, fallback: number, min: number) =>
		typeof value === 'number' && Number.isFinite(value) ? Math.max(min, Math.floor(value)) : fallback;
	return {
		maxConcurrency: number(options.maxConcurrency, defaults.maxConcurrency, 1),
		maxRetries: number(options.maxRetries, defaults.maxRetries, 0),
		timeout: number(options.timeout, defaults.timeout, 1),
		maxWait:
			typeof options.maxWaitForRampwin === 'number' && Number.isFinite(options.maxWaitForRampwin)
				? Math.max(0, options.maxWaitForRampwin) * MINUTE
				: defaults.maxWait,
		maxPerSecond:
			defaults.maxPerSecond === undefined ? undefined : number(options.maxMessagesPerSecond, defaults.maxPerSecond, 1),
		keepConnectionsOpen:
			typeof options.keepConnectionsOpen === 'boolean' ? options.keepConnectionsOpen : defaults.keepConnectionsOpen,
	};
}
