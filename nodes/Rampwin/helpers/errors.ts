/**
 * A problem with one item's input. Helpers stay free of n8n's runtime so they can be
 * unit-tested alone; the operation turns this into a NodeOperationError for the item.
 */
export class InputError extends Error {
	constructor(
		readonly field: string,
		message: string,
		readonly hint: string,
	) {
		super(message);
		this.name = 'InputError';
	}
}
