import { readFileSync } from 'node:fs';
import path from 'node:path';

import Ajv from 'ajv';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { PACKAGE_ROOT } from './n8n';

/** Which part of an operation's schema an output item must match. */
export type Shape = 'result' | 'failedItem' | 'errorOutputItem';

const ajv = new Ajv({ allErrors: true });
const validators = new Map<string, Ajv.ValidateFunction>();

/** The schema file n8n 2.x serves for an operation, read from the built package (what ships). */
export function schemaPath(resource: string, operation: string, version = '1.0.0'): string {
	return path.join(PACKAGE_ROOT, 'dist', 'nodes', 'Rampwin', '__schema__', `v${version}`, resource, `${operation}.json`);
}

export function readSchema(resource: string, operation: string, version?: string): IDataObject {
	return JSON.parse(readFileSync(schemaPath(resource, operation, version), 'utf8')) as IDataObject;
}

function validator(resource: string, operation: string, shape: Shape): Ajv.ValidateFunction {
	const key = `${resource}/${operation}#${shape}`;
	let validate = validators.get(key);
	if (validate === undefined) {
		const schema = readSchema(resource, operation);
		// A definition is checked with the file's own definitions beside it, as a $ref would be.
		validate = ajv.compile(
			shape === 'result' ? schema : { definitions: schema.definitions, $ref: `#/definitions/${shape}` },
		);
		validators.set(key, validate);
	}
	return validate;
}

/** What Validate Only outputs for a valid item, whatever the operation: the request it would send. */
const request = {
	type: 'object',
	properties: {
		method: { type: 'string' },
		path: { type: 'string' },
		qs: { type: 'object' },
		body: { type: ['object', 'null'] },
	},
	required: ['method', 'path', 'qs', 'body'],
	additionalProperties: false,
};
const upload = {
	type: 'object',
	properties: {
		method: { type: 'string' },
		path: { type: 'string' },
		qs: { type: 'object' },
		contentType: { type: 'string' },
		bytes: { type: 'number' },
	},
	required: ['method', 'path', 'qs', 'contentType', 'bytes'],
	additionalProperties: false,
};

/**
 * A Validate Only row, valid or not: the same columns on every row (valid, error,
 * errorDescription, the failed item's identifying fields, request), the request for a valid
 * row and the error for an invalid one.
 */
function validateOnlyValidator(resource: string, operation: string): Ajv.ValidateFunction {
	const key = `${resource}/${operation}#validateOnly`;
	let validate = validators.get(key);
	if (validate === undefined) {
		const failedItem = (readSchema(resource, operation).definitions as Record<string, IDataObject>).failedItem;
		const identity = Object.keys(failedItem.properties as IDataObject).filter((name) => name !== 'error' && name !== 'errorDescription');
		validate = ajv.compile({
			type: 'object',
			properties: {
				valid: { type: 'boolean' },
				error: { type: ['string', 'null'] },
				errorDescription: { type: ['string', 'null'] },
				...Object.fromEntries(identity.map((name) => [name, {}])),
				request: { anyOf: [request, { type: 'null' }] },
				upload,
			},
			required: ['valid', 'error', 'errorDescription', 'request'],
			additionalProperties: false,
			if: { properties: { valid: { const: true } } },
			then: { properties: { error: { type: 'null' }, errorDescription: { type: 'null' }, request } },
			else: { properties: { error: { type: 'string' }, request: { type: 'null' } }, not: { required: ['upload'] } },
		});
		validators.set(key, validate);
	}
	return validate;
}

/** The json as n8n stores and shows it: undefined values are dropped. */
function asStored(json: IDataObject): unknown {
	return JSON.parse(JSON.stringify(json)) as unknown;
}

/** The schema's complaints about one item's json against one shape; empty when it matches. */
export function schemaErrors(resource: string, operation: string, shape: Shape | 'validateOnly', json: IDataObject): string[] {
	const validate = shape === 'validateOnly' ? validateOnlyValidator(resource, operation) : validator(resource, operation, shape);
	if (validate(asStored(json))) return [];
	return (validate.errors ?? []).map((error) => `${error.dataPath || '(item)'} ${error.message ?? ''}`.trim());
}

/**
 * Checks every item of a Rampwin run against the operation's output schema: a result on the
 * main output, a failed item (it has `error`) on the main output, each item of the error output.
 * Throws with the item and the schema's complaints, so that a schema cannot drift from the code.
 */
export function checkOutputSchemas(
	resource: string,
	operation: string,
	output: INodeExecutionData[],
	errorOutput: INodeExecutionData[],
	/** Options › Validate Only: results are the requests items would send. */
	validateOnly = false,
): void {
	const problems: string[] = [];
	const check = (item: INodeExecutionData, shape: Shape | 'validateOnly', where: string) => {
		const errors = schemaErrors(resource, operation, shape, item.json);
		if (errors.length > 0) {
			problems.push(`${where} does not match ${shape} of ${resource}/${operation}.json: ${errors.join('; ')}\n  ${JSON.stringify(item.json)}`);
		}
	};
	output.forEach((item, index) =>
		check(item, validateOnly ? 'validateOnly' : 'error' in item.json ? 'failedItem' : 'result', `output item ${index}`),
	);
	errorOutput.forEach((item, index) => check(item, 'errorOutputItem', `error output item ${index}`));
	if (problems.length > 0) throw new Error(problems.join('\n'));
}
