import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

import Ajv from 'ajv';
import type { IDataObject, INodePropertyOptions, INodeTypeDescription } from 'n8n-workflow';

import { loadPackage, PACKAGE_ROOT, RAMPWIN_TYPE } from '../harness/n8n';
import { readSchema, schemaPath } from '../harness/output-schema';

// The files n8n 2.x serves at /schemas/<package>.<node>/<version>/<resource>/<operation>.json:
// <node folder>/__schema__/v<version>/<resource>/<operation>.json, the version padded to
// three parts the way the editor asks for it (1 → 1.0.0, 1.1 → 1.1.0).
const padVersion = (version: number) => version.toString().split('.').concat(['0', '0']).slice(0, 3).join('.');

let description: INodeTypeDescription;
let operations: Array<[resource: string, operation: string]>;
let versions: string[];

beforeAll(async () => {
	const { nodeTypes } = await loadPackage();
	description = nodeTypes.getByNameAndVersion(RAMPWIN_TYPE).description;
	const resources = description.properties.find((property) => property.name === 'resource')?.options as INodePropertyOptions[];
	operations = resources.flatMap(({ value: resource }) =>
		(
			description.properties.find(
				(property) => property.name === 'operation' && property.displayOptions?.show?.resource?.includes(resource),
			)?.options as INodePropertyOptions[]
		).map(({ value }) => [String(resource), String(value)] as [string, string]),
	);
	versions = (Array.isArray(description.version) ? description.version : [description.version]).map(padVersion);
});

describe('output schemas in the built package', () => {
	test('there is one for every operation of every node version, and none for anything else', () => {
		expect(operations.length).toBeGreaterThanOrEqual(7);
		const expected = versions.flatMap((version) =>
			operations.map(([resource, operation]) => path.relative(PACKAGE_ROOT, schemaPath(resource, operation, version))),
		);
		const schemaRoot = path.join(PACKAGE_ROOT, 'dist', 'nodes', 'Rampwin', '__schema__');
		const present = readdirSync(schemaRoot, { recursive: true, encoding: 'utf8' })
			// v<version>.json at the top is the trigger's, beside it in the same folder (trigger-schema.test.ts).
			.filter((file) => file.endsWith('.json') && path.dirname(file) !== '.')
			.map((file) => path.relative(PACKAGE_ROOT, path.join(schemaRoot, file)));
		expect(present.sort()).toEqual(expected.sort());
		for (const file of expected) expect(existsSync(path.join(PACKAGE_ROOT, file))).toBe(true);
	});

	test('each is a valid draft-07 JSON Schema that the editor accepts (an object with properties)', () => {
		const ajv = new Ajv();
		for (const [resource, operation] of operations) {
			const schema = readSchema(resource, operation);
			expect({ file: `${resource}/${operation}`, valid: ajv.validateSchema(schema), errors: ajv.errors ?? null }).toEqual({
				file: `${resource}/${operation}`,
				valid: true,
				errors: null,
			});
			// The editor's own test before it shows a preview (getSchemaPreview in editor-ui).
			expect(schema.type).toBe('object');
			expect(Object.keys(schema.properties as IDataObject).length).toBeGreaterThan(0);
			const definitions = schema.definitions as IDataObject;
			expect(Object.keys(definitions).sort()).toEqual(['errorOutputItem', 'failedItem']);
		}
	});

	test('every property the editor lists has a type and a description', () => {
		for (const [resource, operation] of operations) {
			const properties = readSchema(resource, operation).properties as Record<string, IDataObject>;
			for (const [key, property] of Object.entries(properties)) {
				expect({ key, type: typeof property.type, description: typeof property.description }).toEqual({
					key,
					type: 'string',
					description: 'string',
				});
			}
		}
	});

	test('a failed item lists exactly the raw fields the node adds to identify it', () => {
		for (const [resource, operation] of operations) {
			const module = require(path.join(PACKAGE_ROOT, 'dist', 'nodes', 'Rampwin', 'actions', resource, `${operation}.operation.js`)) as {
				identity: ReadonlyArray<readonly [string, string]>;
			};
			const failedItem = (readSchema(resource, operation).definitions as Record<string, IDataObject>).failedItem;
			expect(Object.keys(failedItem.properties as IDataObject).sort()).toEqual(
				['error', 'errorDescription', ...module.identity.map(([key]) => key)].sort(),
			);
		}
	});
});
