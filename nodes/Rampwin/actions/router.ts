import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { RampwinTransport } from '../transport';
import * as contact from './contact/Contact.resource';
import type { NodeMap, RampwinType } from './node.type';

export type OperationExecute = (
	this: IExecuteFunctions,
	itemIndex: number,
	transport: RampwinTransport,
) => Promise<IDataObject>;

const operations: { [R in keyof NodeMap]: Record<NodeMap[R], OperationExecute> } = {
	contact: { create: contact.create.execute },
};

/** Resource and operation are fixed per node (no expressions), so they are read once. */
export function getOperation(this: IExecuteFunctions): OperationExecute {
	const resource = this.getNodeParameter('resource', 0) as RampwinType['resource'];
	const operation = this.getNodeParameter('operation', 0) as RampwinType['operation'];
	const execute = operations[resource]?.[operation];
	if (execute === undefined) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operation}" on "${resource}" is not supported`,
		);
	}
	return execute;
}
