import type { INodeProperties } from 'n8n-workflow';

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
