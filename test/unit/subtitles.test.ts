import type { INode, INodeParameters, INodeTypeDescription } from 'n8n-workflow';
import { NodeHelpers, Workflow } from 'n8n-workflow';

import { loadPackage, RAMPWIN_TYPE } from '../harness/n8n';

const TRIGGER_TYPE = 'n8n-nodes-rampwin.rampwinTrigger';

/** The canvas subtitle as the editor works it out: the node's parameters with defaults, through n8n's expression engine. */
async function subtitle(type: string, parameters: INodeParameters): Promise<unknown> {
	const { nodeTypes } = await loadPackage();
	const description: INodeTypeDescription = nodeTypes.getByNameAndVersion(type, 1).description;
	const node: INode = { id: 'n', name: 'N', type, typeVersion: 1, position: [0, 0], parameters: {} };
	node.parameters = NodeHelpers.getNodeParameters(description.properties, parameters, true, false, node, description) ?? {};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	return workflow.expression.getSimpleParameterValue(node, description.subtitle, 'internal', {});
}

describe('canvas subtitles, in words', () => {
	test.each<[INodeParameters, string]>([
		[{}, 'Create: Contact'],
		[{ resource: 'contact', operation: 'upsert' }, 'Create or Update: Contact'],
		[{ resource: 'contact', operation: 'assign' }, 'Assign to Team Member: Contact'],
		[{ resource: 'message', operation: 'sendButtons' }, 'Send Buttons: Message'],
		[{ resource: 'template', operation: 'getMany' }, 'Get Many: Template'],
		[{ resource: 'template', operation: 'create' }, 'Create: Template'],
	])('the action node: %j reads "%s"', async (parameters, expected) => {
		expect(await subtitle(RAMPWIN_TYPE, parameters)).toBe(expected);
	});

	test('every operation has words, not its value', async () => {
		const { nodeTypes } = await loadPackage();
		const { properties } = nodeTypes.getByNameAndVersion(RAMPWIN_TYPE, 1).description;
		for (const selector of properties.filter((property) => property.name === 'operation')) {
			const resource = String(selector.displayOptions?.show?.resource?.[0]);
			for (const { value, name } of selector.options as Array<{ value: string; name: string }>) {
				expect(await subtitle(RAMPWIN_TYPE, { resource, operation: value })).toMatch(new RegExp(`^${name}: [A-Z]`));
			}
		}
	});

	test.each<[INodeParameters, string]>([
		[{}, 'Incoming Message'],
		[{ events: ['message_incoming', 'message_status', 'template_update'] }, 'Incoming Message, Message Status, Template Update'],
	])('the trigger: %j reads "%s"', async (parameters, expected) => {
		expect(await subtitle(TRIGGER_TYPE, parameters)).toBe(expected);
	});
});
