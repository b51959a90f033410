import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { RampwinTransport, runPool, type Delivery, type RampwinRequest } from '../transport';
import type { RampwinType } from './node.type';
import type { Operation } from './operation';
import { readOptions, readValidateOnly } from './options';
import { ParameterReader } from './parameters';
import { RerunMemo } from './rerun';
import { resources } from './resources';

type Failure = NodeApiError | NodeOperationError;

/** The node's run: the operation its Resource and Operation name, over every item. */
export async function route(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const operation = getOperation.call(this);
	const output = await runItems.call(this, operation);
	return operation.afterSend ? await operation.afterSend.call(this, output) : output;
}

/**
 * Every item is read, checked and sent in a pool under the transport's limit, and gives one
 * output (or several, for a list) paired to it, or its failure.
 */
export async function runItems(this: IExecuteFunctions, operation: Operation): Promise<INodeExecutionData[][]> {
	const items = operation.afterSend ? this.getInputData().slice(0, 1) : this.getInputData();
	const params = new ParameterReader(this);
	const continueOnFail = this.continueOnFail();
	const node = this.getNode();
	const errorOutput = node.onError === 'continueErrorOutput';
	// Only Retry On Fail runs the node again on the same input; nothing to remember otherwise.
	const memo = node.retryOnFail === true ? RerunMemo.for<Delivery>(this.getExecuteData() ?? items) : undefined;
	const results: Array<IDataObject | IDataObject[] | undefined> = new Array(items.length);
	const failures = new Map<number, Failure>();
	const fail = (itemIndex: number, error: unknown) =>
		failures.set(
			itemIndex,
			error instanceof NodeApiError || error instanceof NodeOperationError
				? error
				: new NodeOperationError(this.getNode(), error as Error, { itemIndex }),
		);

	const validateOnly = readValidateOnly(this);
	if (validateOnly) {
		// Validate Only: every item is read and checked exactly as below, and nothing is sent.
		for (let itemIndex = 0; itemIndex < items.length && (continueOnFail || failures.size === 0); itemIndex++) {
			try {
				results[itemIndex] = wouldSend(await operation.build.call(this, itemIndex, params));
			} catch (error) {
				fail(itemIndex, error);
			}
		}
	} else {
		// Undefined when a setting refuses it: every item has then failed with that.
		const transport = await setUp(this, items.length, fail, operation);
		if (transport !== undefined) {
			try {
				await runPool({
					total: items.length,
					gate: transport.gate,
					pause: () => transport.pauseRemaining(),
					shouldStop: () => transport.cancelled || (!continueOnFail && failures.size > 0),
					wait: async (ms) => await transport.wait(ms),
					run: async (itemIndex) => {
						try {
							const request = await operation.build.call(this, itemIndex, params);
							const delivery = memo?.state(itemIndex, fingerprint(request), () => ({}));
							const result = await transport.send(request, itemIndex, delivery);
							results[itemIndex] = operation.output.call(this, result, request, itemIndex);
						} catch (error) {
							fail(itemIndex, error);
						}
					},
				});
			} finally {
				transport.close();
			}
		}
	}

	if (!continueOnFail && failures.size > 0) {
		// Requests already in flight were allowed to finish; report the earliest bad item.
		throw forAgent(this, failures.get(Math.min(...failures.keys())));
	}

	// Continue On Fail: every item has a result or a failure (unless the run was cancelled).
	const returnData: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const failure = failures.get(itemIndex);
		const result = results[itemIndex];
		if (failure) {
			const errorDescription = failure.description ?? undefined;
			const found = identify(params, operation, itemIndex);
			returnData.push({
				json: errorOutput
					? errorOutputJson(failure.message, errorDescription)
					: validateOnly
						? { valid: false, error: failure.message, errorDescription: errorDescription ?? null, ...found, request: null }
						: { error: failure.message, errorDescription, ...found },
				pairedItem: { item: itemIndex },
			});
		} else if (validateOnly && result && !Array.isArray(result)) {
			// The same columns as an invalid row's, so that n8n's table reads true/false and
			// null instead of "undefined" where a row has no such field.
			returnData.push({
				json: { valid: true, error: null, errorDescription: null, ...identify(params, operation, itemIndex), ...result },
				pairedItem: { item: itemIndex },
			});
		} else if (Array.isArray(result)) {
			for (const json of result) returnData.push({ json, pairedItem: { item: itemIndex } });
		} else if (result) {
			returnData.push({ json: result, pairedItem: { item: itemIndex } });
		}
	}
	return [returnData];
}

/**
 * The transport for the run. A setting that refuses it (the credential's Base URL, Keep
 * Connections Open where it may not be used) fails every item: the node then fails with it,
 * or with Continue On Fail each item carries it, where n8n would pass the items on unchanged
 * as if they had been sent.
 */
async function setUp(
	ctx: IExecuteFunctions,
	count: number,
	fail: (itemIndex: number, error: unknown) => void,
	operation: Operation,
): Promise<RampwinTransport | undefined> {
	try {
		return await RampwinTransport.create(ctx, readOptions(ctx, operation.defaults));
	} catch (error) {
		for (let itemIndex = 0; itemIndex < count; itemIndex++) fail(itemIndex, error);
		return undefined;
	}
}

/** Resource and operation are fixed per node (no expressions), so they are read once. */
function getOperation(this: IExecuteFunctions): Operation {
	const resource = this.getNodeParameter('resource', 0) as RampwinType['resource'];
	const operation = this.getNodeParameter('operation', 0) as RampwinType['operation'];
	const table: Partial<Record<string, { operations: Partial<Record<string, Operation>> }>> = resources;
	const found = table[resource]?.operations[operation];
	if (found === undefined) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operation}" on "${resource}" is not supported`,
		);
	}
	return found;
}

/**
 * In its tool form (type `…rampwinTool`), an AI Agent that runs it through n8n's engine
 * hands the model only the error's message, so the message also carries the fix.
 */
function forAgent<E extends Failure | undefined>(ctx: IExecuteFunctions, error: E): E {
	const description = error?.description;
	if (error && description && ctx.getNode().type.endsWith('Tool') && !error.message.includes(description)) {
		error.message = `${error.message}. ${description}`;
	}
	return error;
}

/**
 * A failed item for the error output. n8n routes an item there by its json: `error` plus
 * at most `message` (n8n 1.x: exactly those; 2.x also allows `details`). It then puts the
 * input item's own fields under these, which is what identifies the row. (An `error` on
 * the item itself would also route it, but n8n then cuts its json down to the message.)
 */
function errorOutputJson(message: string, description: string | undefined): IDataObject {
	return description ? { error: message, message: description } : { error: message };
}

/** The raw fields that let a person find the failed row again. */
function identify(params: ParameterReader, operation: Operation, itemIndex: number): IDataObject {
	const fields: IDataObject = {};
	for (const [key, name] of operation.identity) {
		try {
			fields[key] = params.get(name, itemIndex) as IDataObject[string];
		} catch {
			// an expression that failed to resolve is the error already being reported
		}
	}
	return fields;
}

/**
 * Validate Only: the request an item would send, without the key (the credential adds it when
 * sending). A file upload that would go first is described, not output: its body is the file.
 * The message's body then lacks the file's address, which only the upload's answer gives.
 */
function wouldSend(request: RampwinRequest): IDataObject {
	const shown = (r: RampwinRequest): IDataObject => ({
		method: r.method,
		path: r.path,
		qs: (r.qs ?? {}) as IDataObject,
		body: (r.body ?? null) as IDataObject | null,
	});
	const upload = request.before?.request;
	if (upload === undefined) return { request: shown(request) };
	return {
		request: shown(request),
		upload: {
			method: upload.method,
			path: upload.path,
			qs: (upload.qs ?? {}) as IDataObject,
			contentType: (upload.contentType ?? '').split(';')[0],
			bytes: Buffer.isBuffer(upload.body) ? upload.body.length : JSON.stringify(upload.body ?? null).length,
		},
	};
}

/** Identifies an item's request, so that a re-run only reuses what it settled for the same one. */
function fingerprint(request: RampwinRequest): string {
	return JSON.stringify([request.method, request.path, request.qs, request.body, request.before?.key]);
}
