import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ParameterReader } from '../helpers/parameters';
import type { RampwinRequest, SendResult, TransportOptions } from '../transport';
import * as contact from './contact/Contact.resource';
import * as message from './message/Message.resource';
import type { NodeMap, RampwinType } from './node.type';

/**
 * An operation in two steps, so that the node can read and check every item itself and
 * leave sending, retries and concurrency to the transport.
 */
export interface Operation {
	build(
		this: IExecuteFunctions,
		itemIndex: number,
		params: ParameterReader,
	): RampwinRequest | Promise<RampwinRequest>;
	output(this: IExecuteFunctions, result: SendResult, request: RampwinRequest, itemIndex: number): IDataObject;
	/** Output key and parameter of the raw inputs that identify a failed item. */
	identity: ReadonlyArray<readonly [key: string, parameter: string]>;
	/** How requests are sent when the Options leave it open. */
	defaults: TransportOptions;
}

const operations: { [R in keyof NodeMap]: Record<NodeMap[R], Operation> } = {
	contact: { create: contact.create, upsert: contact.upsert, assign: contact.assign },
	message: {
		sendText: message.sendText,
		sendMedia: message.sendMedia,
		sendButtons: message.sendButtons,
		sendList: message.sendList,
	},
};

/** Resource and operation are fixed per node (no expressions), so they are read once. */
export function getOperation(this: IExecuteFunctions): Operation {
	const resource = this.getNodeParameter('resource', 0) as RampwinType['resource'];
	const operation = this.getNodeParameter('operation', 0) as RampwinType['operation'];
	const found = (operations[resource] as Partial<Record<string, Operation>> | undefined)?.[operation];
	if (found === undefined) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operation}" on "${resource}" is not supported`,
		);
	}
	return found;
}
