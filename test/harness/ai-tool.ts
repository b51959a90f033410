import type { INodeProperties, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { deepCopy, NodeConnectionTypes } from 'n8n-workflow';

/**
 * The `<name>Tool` type that n8n serves for a node with `usableAsTool`. n8n's CLI builds it
 * on demand (NodeTypes.getByNameAndVersion → convertNodeToAiTool, in packages/cli, which is
 * not in n8n-core or n8n-workflow): same execute(), a description with no inputs, one
 * ai_tool output, and the "Tool Description" parameters. This mirrors that conversion.
 */
export function toAiTool(base: INodeType): INodeType {
	const description = deepCopy(base.description) as INodeTypeDescription;
	description.name += 'Tool';
	description.displayName += ' Tool';
	description.inputs = [];
	description.outputs = [NodeConnectionTypes.AiTool];
	delete description.usableAsTool;

	if (!description.properties.some((property) => property.name === 'toolDescription')) {
		const toolDescription: INodeProperties = {
			displayName: 'Description',
			name: 'toolDescription',
			type: 'string',
			default: description.description,
			required: true,
			typeOptions: { rows: 2 },
		};
		const added: INodeProperties[] = [toolDescription];
		if (description.properties.some((property) => ['resource', 'operation'].includes(property.name))) {
			// With a resource or operation, n8n offers an automatic description ("<action> in <node>").
			toolDescription.displayOptions = { show: { descriptionType: ['manual'] } };
			added.unshift({
				displayName: 'Tool Description',
				name: 'descriptionType',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Set Automatically', value: 'auto' },
					{ name: 'Set Manually', value: 'manual' },
				],
				default: 'auto',
			});
		}
		const lastCallout = description.properties.map((property) => property.type).lastIndexOf('callout');
		description.properties.splice(lastCallout + 1, 0, ...added);
	}

	return Object.create(base, { description: { value: description } }) as INodeType;
}
