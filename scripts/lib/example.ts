import { readFileSync } from 'node:fs';
import path from 'node:path';

import { ROOT, type CredentialExport, type N8nInstance } from './n8n';

export const EXAMPLES = {
	contacts: path.join(ROOT, 'examples', 'sync-contacts.workflow.json'),
	messages: path.join(ROOT, 'examples', 'message-contacts.workflow.json'),
	'auto-reply': path.join(ROOT, 'examples', 'auto-reply.workflow.json'),
	templates: path.join(ROOT, 'examples', 'templates.workflow.json'),
	'ai-agent-bursts': path.join(ROOT, 'examples', 'ai-agent-bursts.workflow.json'),
	approval: path.join(ROOT, 'examples', 'approval.workflow.json'),
} as const;
export type ExampleName = keyof typeof EXAMPLES;
const RAMPWIN_TYPE = 'n8n-nodes-rampwin.rampwin';
const TRIGGER_TYPE = 'n8n-nodes-rampwin.rampwinTrigger';

interface Workflow {
	id: string;
	nodes: Array<{
		name: string;
		type: string;
		webhookId?: string;
		parameters: Record<string, unknown>;
		credentials?: Record<string, { id: string; name: string }>;
	}>;
}

export interface ImportedExample {
	workflowId: string;
	/** The names of the Rampwin (action) nodes, in order. */
	rampwinNodes: string[];
	/** The Rampwin Trigger, if the example starts with one. */
	trigger?: { name: string; webhookId: string };
}

/**
 * An example workflow with its Rampwin credential pointing at `target` and the Channel ID
 * of every Rampwin node and trigger set, ready to import. `triggerParameters` replaces
 * parameters of the trigger (e.g. its events). `validateOnly` makes it a copy of its own
 * (id and name changed) whose Rampwin nodes only check and send nothing.
 */
export function prepareExample(
	target: { apiKey: string; baseUrl: string; channelId: string },
	file: string = EXAMPLES.contacts,
	triggerParameters: Record<string, unknown> = {},
	{ validateOnly = false } = {},
): { workflow: unknown; credential: CredentialExport; example: ImportedExample } {
	const workflow = JSON.parse(readFileSync(file, 'utf8')) as Workflow & { name?: string };
	const rampwin = workflow.nodes.filter((node) => node.type === RAMPWIN_TYPE);
	if (validateOnly) {
		workflow.id = `${workflow.id.slice(0, 12)}Chk1`;
		workflow.name = `${workflow.name ?? 'Example'} (Validate Only)`;
		for (const node of rampwin) {
			node.parameters.options = { ...(node.parameters.options as Record<string, unknown> | undefined), validateOnly: true };
		}
	}
	const trigger = workflow.nodes.find((node) => node.type === TRIGGER_TYPE);
	const credential = rampwin[0]?.credentials?.rampwinApi;
	if (!credential) throw new Error(`${file} has no Rampwin node with a credential`);
	for (const node of rampwin) node.parameters.integrationId = target.channelId;
	if (trigger) {
		if (!trigger.webhookId) throw new Error(`${file}: the trigger has no webhookId`);
		Object.assign(trigger.parameters, triggerParameters, { integrationId: target.channelId });
	}
	return {
		workflow,
		credential: { ...credential, type: 'rampwinApi', data: { apiKey: target.apiKey, baseUrl: target.baseUrl } },
		example: {
			workflowId: workflow.id,
			rampwinNodes: rampwin.map((node) => node.name),
			trigger: trigger?.webhookId ? { name: trigger.name, webhookId: trigger.webhookId } : undefined,
		},
	};
}

/** Imports an example workflow into n8n, prepared as prepareExample() prepares it. */
export async function importExample(
	n8n: N8nInstance,
	target: { apiKey: string; baseUrl: string; channelId: string },
	file: string = EXAMPLES.contacts,
	triggerParameters: Record<string, unknown> = {},
	options: { validateOnly?: boolean } = {},
): Promise<ImportedExample> {
	const { workflow, credential, example } = prepareExample(target, file, triggerParameters, options);
	await n8n.importCredentials([credential]);
	await n8n.importWorkflows([workflow]);
	return example;
}
