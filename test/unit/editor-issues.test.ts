import type { INode, INodeParameters, INodeProperties, INodeTypeDescription } from 'n8n-workflow';
import { deepCopy, NodeHelpers } from 'n8n-workflow';

import { loadPackage, RAMPWIN_TYPE } from '../harness/n8n';

// The editor's issue badge (and n8n's refusal to run a node with issues) comes from
// n8n-workflow's NodeHelpers.getNodeParametersIssues; n8n 1.123 and 2.41 share this code.
let description: INodeTypeDescription;

beforeAll(async () => {
	const { nodeTypes } = await loadPackage();
	description = nodeTypes.getByNameAndVersion(RAMPWIN_TYPE).description;
});

function issues(parameters: INodeParameters, properties = description.properties) {
	const node: INode = {
		id: 'rampwin',
		name: 'Rampwin',
		type: RAMPWIN_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const full = { resource: 'message', integrationId: 'chan-1', phoneNumber: '+91 98765 43210', bodyText: 'Pick', ...parameters };
	node.parameters = NodeHelpers.getNodeParameters(properties, full, true, false, node, description) ?? {};
	return NodeHelpers.getNodeParametersIssues(properties, node, description)?.parameters ?? {};
}

const buttons = (count: number) => ({ button: Array.from({ length: count }, (_, n) => ({ title: `B${n}` })) });
const section = (rows: number) => ({ title: 'S', rows: { row: Array.from({ length: rows }, (_, n) => ({ title: `R${n}` })) } });

describe('issues the editor shows before a run', () => {
	test.each([
		['a new node (one empty button)', undefined, { title: ['Parameter "Button Title" is required.'] }],
		['no button (emptied by hand: refused, naming Buttons, when it runs)', {}, {}],
		['one button', buttons(1), {}],
		['three buttons', buttons(3), {}],
		// The editor hides Add Button at three; only an imported workflow gets here.
		['four buttons', buttons(4), { buttons: ['At most 3 fields are allowed.'] }],
	])('Send Buttons with %s', (_what, value, expected) => {
		expect(issues({ operation: 'sendButtons', ...(value && { buttons: value }) })).toEqual(expected);
	});

	test.each([
		// n8n does not check a required field two collections deep; the empty row is refused, naming Sections, when it runs.
		['a new node (one empty section and row)', undefined, {}],
		['no section (emptied by hand: refused, naming Sections, when it runs)', {}, {}],
		['a section with a row', { section: [section(1)] }, {}],
		['two sections with rows', { section: [section(2), section(1)] }, {}],
	])('Send List with %s', (_what, value, expected) => {
		expect(issues({ operation: 'sendList', buttonText: 'Open', ...(value && { sections: value }) })).toEqual(expected);
	});

	test('Send List with sections as JSON: the Sections fields are hidden, so nothing is flagged', () => {
		expect(issues({ operation: 'sendList', buttonText: 'Open', sectionsInput: 'json', sectionsJson: '[]' })).toEqual({});
	});

	test('the other operations are not flagged once their required fields are set', () => {
		expect(issues({ operation: 'sendText', text: 'Hi' })).toEqual({});
		expect(issues({ resource: 'contact', operation: 'create', fullName: 'Asha' })).toEqual({});
	});

	// Why Rows has no minRequiredFields: on a collection inside a collection, n8n counts at
	// the wrong path and flags every section, rows or not. When this test fails, n8n has
	// fixed that: add `minRequiredFields: 1` to Rows and drop this test.
	test('n8n still miscounts a nested collection, so an empty section is left to the run-time check', () => {
		const withRowMinimum = deepCopy(description.properties) as INodeProperties[];
		const sections = withRowMinimum.find((property) => property.name === 'sections');
		const rows = (sections?.options?.[0] as { values: INodeProperties[] }).values.find((value) => value.name === 'rows');
		if (!rows) throw new Error('Sections has no Rows');
		rows.typeOptions = { ...rows.typeOptions, minRequiredFields: 1 };
		const found = issues({ operation: 'sendList', buttonText: 'Open', sections: { section: [section(2)] } }, withRowMinimum);
		expect(found.rows).toEqual(['At least 1 field is required.']);
		expect(issues({ operation: 'sendList', buttonText: 'Open', sections: { section: [section(0)] } }).rows).toBeUndefined();
	});

	// What a new node shows on the canvas and in n8n's refusal to run: every message names its field.
	test('a new node of every operation, and the trigger, flags only fields it names', async () => {
		const { nodeTypes } = await loadPackage();
		const trigger = nodeTypes.getByNameAndVersion('n8n-nodes-rampwin.rampwinTrigger').description;
		const operations = description.properties
			.filter((property) => property.name === 'operation')
			.flatMap((property) =>
				(property.options as Array<{ value: string }>).map(({ value }) => [String(property.displayOptions?.show?.resource?.[0]), value]),
			);
		expect(operations).toHaveLength(10);
		const found = [
			...operations.map(([resource, operation]) => fresh({ resource, operation }, description)),
			fresh({}, trigger),
		];
		const messages = found.flatMap((parameters) => Object.values(parameters).flat());
		expect(messages.length).toBeGreaterThan(9);
		for (const message of messages) expect(message).toMatch(/^Parameter "[A-Z][\w ()]+" is required\.$/);
	});
});

/** The issues of a node just added in the editor: its defaults and nothing else. */
function fresh(parameters: INodeParameters, type: INodeTypeDescription): Record<string, string[]> {
	const node: INode = { id: 'n', name: 'N', type: type.name, typeVersion: 1, position: [0, 0], parameters: {} };
	node.parameters = NodeHelpers.getNodeParameters(type.properties, parameters, true, false, node, type) ?? {};
	return NodeHelpers.getNodeParametersIssues(type.properties, node, type)?.parameters ?? {};
}
