import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

import Ajv from 'ajv';
import type { INodeType } from 'n8n-workflow';

import { itemsFromBody } from '../../nodes/Rampwin/trigger/payload';
import { PACKAGE_ROOT } from '../harness/n8n';

// The editor asks for every node's schema, a trigger's too, as
// /schemas/n8n-nodes-rampwin.rampwinTrigger/1.0.0.json (no resource or operation). n8n's
// server answers with <folder of the node's file>/__schema__/v1.0.0.json
// (LoadNodesAndCredentials.resolveSchema, n8n 1.123 and 2.41), or 404 without it.
const manifest = JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { n8n: { nodes: string[] } };
const triggerFile = manifest.n8n.nodes.find((file) => file.endsWith('RampwinTrigger.node.js')) ?? '';
const schemaFile = path.join(PACKAGE_ROOT, path.dirname(triggerFile), '__schema__', 'v1.0.0.json');
/** Every typeVersion the packaged trigger declares, as n8n pads it in the route ("1.1" → "1.1.0"). */
const declaredVersions = (): string[] => {
	const { RampwinTrigger } = require(path.join(PACKAGE_ROOT, triggerFile)) as { RampwinTrigger: new () => INodeType };
	return [new RampwinTrigger().description.version].flat().map((version) => String(version).split('.').concat(['0', '0']).slice(0, 3).join('.'));
};

/** editor-ui's own test before it shows a preview (isNonEmptyJsonSchema in the schema preview store). */
const editorShowsPreview = (schema: Record<string, unknown>) =>
	'type' in schema && 'properties' in schema && Object.keys(schema.properties as object).length > 0;

describe("the trigger's schema file", () => {
	const schema = () => JSON.parse(readFileSync(schemaFile, 'utf8')) as Record<string, unknown>;

	test('is shipped where n8n looks for it, so the editor gets no 404', () => {
		expect(triggerFile).toBe('dist/nodes/Rampwin/RampwinTrigger.node.js');
		expect(existsSync(schemaFile)).toBe(true);
	});

	test('is shipped for every typeVersion, the same file, since the output does not depend on it', () => {
		expect(declaredVersions()).toEqual(['1.0.0', '1.1.0']);
		for (const version of declaredVersions()) {
			const file = path.join(path.dirname(schemaFile), `v${version}.json`);
			expect(existsSync(file)).toBe(true);
			expect(readFileSync(file, 'utf8')).toBe(readFileSync(schemaFile, 'utf8'));
		}
	});

	test('is a valid schema that lists no field: Rampwin shows no payload, so none is invented and the editor shows no preview', () => {
		const ajv = new Ajv();
		expect(ajv.validateSchema(schema())).toBe(true);
		expect(schema()).toMatchObject({ type: 'object', properties: {}, additionalProperties: true });
		expect(editorShowsPreview(schema())).toBe(false);
	});

	test('every item a delivery becomes matches it', () => {
		const validate = new Ajv().compile(schema());
		for (const body of ['{"event":"message_incoming","text":"Hi"}', '[{"a":1},2]', 'not json', '']) {
			for (const item of itemsFromBody(body)) expect(validate(item)).toBe(true);
		}
	});
});
