import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodePropertyOptions } from 'n8n-workflow';

import type { RampwinRequest, SendResult, TransportOptions } from '../transport';
import type { ParameterReader } from './parameters';

/** The operation's entry in its resource's Operation selector; the value is its key in the resource's table. */
export type OperationOption = Required<Pick<INodePropertyOptions, 'name' | 'description' | 'action'>>;

/**
 * An operation in two steps, so that the item loop can read and check every item itself
 * and leave sending, retries and concurrency to the transport.
 */
export interface Operation {
	option: OperationOption;
	build(
		this: IExecuteFunctions,
		itemIndex: number,
		params: ParameterReader,
	): RampwinRequest | Promise<RampwinRequest>;
	/** The item's output: one object, or one per element of a list answer, all paired to the input item. */
	output(
		this: IExecuteFunctions,
		result: SendResult,
		request: RampwinRequest,
		itemIndex: number,
	): IDataObject | IDataObject[];
	/** Output key and parameter of the raw inputs that identify a failed item. */
	identity: ReadonlyArray<readonly [key: string, parameter: string]>;
	/** How requests are sent when the Options leave it open. */
	defaults: TransportOptions;
	/**
	 * Send and Wait: the run sends for the first item only (as n8n's own send-and-wait nodes
	 * read item 0), then this puts it to wait and gives the node's output while it waits.
	 */
	afterSend?(this: IExecuteFunctions, output: INodeExecutionData[][]): Promise<INodeExecutionData[][]>;
}
