import { readFileSync } from 'node:fs';
import path from 'node:path';

import { ROOT, type N8nInstance } from './n8n';

export const EXAMPLE = path.join(ROOT, 'examples', 'sync-contacts.workflow.json');
const RAMPWIN_TYPE = 'n8n-nodes-rampwin.rampwin';

interface Workflow {
	id: string;
	nodes: Array<{
		name: string;
		type: string;
		parameters: Record<string, unknown>;
		credentials?: Record<string, { id: string; name: string }>;
	}>;
}

/**
 * Imports examples/sync-contacts.workflow.json into n8n with its Rampwin credential
 * pointing at `target` and its Channel ID set; returns the workflow's id and the name of
 * its Rampwin node.
 */
export async function importExample(
	n8n: N8nInstance,
	target: { apiKey: string; baseUrl: string; channelId: string },
): Promise<{ workflowId: string; rampwinNode: string }> {
	const workflow = JSON.parse(readFileSync(EXAMPLE, 'utf8')) as Workflow;
	const rampwin = workflow.nodes.find((node) => node.type === RAMPWIN_TYPE);
	const credential = rampwin?.credentials?.rampwinApi;
	if (!rampwin || !credential) throw new Error(`${EXAMPLE} has no Rampwin node with a credential`);
	rampwin.parameters.integrationId = target.channelId;
	await n8n.importCredentials([
		{ ...credential, type: 'rampwinApi', data: { apiKey: target.apiKey, baseUrl: target.baseUrl } },
	]);
	await n8n.importWorkflows([workflow]);
	return { workflowId: workflow.id, rampwinNode: rampwin.name };
}
