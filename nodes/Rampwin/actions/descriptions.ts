import type { INodeProperties } from 'n8n-workflow';

import type { OperationOption } from './operation';

/**
 * n8n's nodes panel shows one "Rampwin" entry for the action node and its trigger, with one of
 * their descriptions whichever the user is adding, so both describe the whole package.
 */
export const PACKAGE_DESCRIPTION =
	'Keep contacts on a Rampwin WhatsApp Business channel in sync, send them WhatsApp messages and submit templates, or start a workflow when something happens on the channel';

/**
 * The given parameters, shown only for one resource and operation (on top of any condition
 * of their own), so that operations can share parameter definitions and names.
 */
export function showOnly(resource: string, operation: string, properties: INodeProperties[]): INodeProperties[] {
	return properties.map((property) => ({
		...property,
		displayOptions: {
			...property.displayOptions,
			show: { ...property.displayOptions?.show, resource: [resource], operation: [operation] },
		},
	}));
}

interface OperationEntry {
	option: OperationOption;
	description: INodeProperties[];
}

/** A resource's Operation selector (options by name, as n8n lists them), then each operation's parameters in table order. */
export function resourceProperties(
	resource: string,
	operations: Record<string, OperationEntry>,
	defaultOperation: string,
): INodeProperties[] {
	return [
		{
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [resource] } },
			options: Object.entries(operations)
				.map(([value, { option }]) => ({ ...option, value }))
				.sort((a, b) => a.name.localeCompare(b.name)),
			default: defaultOperation,
		},
		...Object.values(operations).flatMap((operation) => operation.description),
	];
}

interface ResourceEntry {
	displayName: string;
	description: INodeProperties[];
}

/** The node's Resource selector, then every resource's properties in table order. */
export function nodeProperties(resources: Record<string, ResourceEntry>, defaultResource: string): INodeProperties[] {
	return [
		{
			displayName: 'Resource',
			name: 'resource',
			type: 'options',
			noDataExpression: true,
			options: Object.entries(resources)
				.map(([value, { displayName }]) => ({ name: displayName, value }))
				.sort((a, b) => a.name.localeCompare(b.name)),
			default: defaultResource,
		},
		...Object.values(resources).flatMap((resource) => resource.description),
	];
}

interface SubtitleEntry {
	displayName: string;
	operations: Record<string, { option: OperationOption }>;
}

/**
 * The canvas subtitle in words, e.g. "Create or Update: Contact", from the same tables as the
 * selectors. The editor evaluates it as an n8n expression, so the lookup object must hold no
 * "}}" (it is flat, and JSON writes no space between braces of different objects).
 */
export function nodeSubtitle(resources: Record<string, SubtitleEntry>): string {
	const words: Record<string, string> = {};
	for (const [resource, { displayName, operations }] of Object.entries(resources)) {
		for (const [operation, { option }] of Object.entries(operations)) words[`${resource}:${operation}`] = `${option.name}: ${displayName}`;
	}
	return `={{ (${JSON.stringify(words)})[$parameter["resource"] + ":" + $parameter["operation"]] || $parameter["operation"] + ": " + $parameter["resource"] }}`;
}
