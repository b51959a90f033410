import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { InputError } from '../helpers/errors';

/** Runs a helper that checks input, turning its InputError into the item's NodeOperationError. */
export function checkInput<T>(ctx: IExecuteFunctions, itemIndex: number, check: () => T): T {
	try {
		return check();
	} catch (error) {
		if (error instanceof InputError) {
			throw new NodeOperationError(ctx.getNode(), `Item ${itemIndex}: ${error.message}`, {
				itemIndex,
				description: `Field "${error.field}": ${error.hint}`,
			});
		}
		throw new NodeOperationError(ctx.getNode(), error as Error, { itemIndex });
	}
}
