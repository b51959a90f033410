// The workflows of the queue-mode run: each starts at a production webhook (the way imports
// and campaigns reach n8n from a sheet, a CRM or a form) and so runs on a worker.
export const QUEUE_CHANNEL = 'chan-queue';
export const CREDENTIAL = { id: 'rampwinQueue0001', name: 'Rampwin sandbox (queue)' };

/** A 1×1 PNG, as the Code node makes it. */
export const PIXEL_PNG_BASE64 =
	'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
export const MEDIA_FILE_NAME = 'pixel-queue.png';

interface Node {
	name: string;
	type: string;
	typeVersion: number;
	parameters: Record<string, unknown>;
	webhookId?: string;
	onError?: string;
}

export interface QueueWorkflow {
	id: string;
	/** The production webhook's path: POST <webhook process>/webhook/<path>. */
	path: string;
	definition: unknown;
}

type Connections = Record<string, { main: Array<Array<{ node: string; type: 'main'; index: 0 }>> }>;

/** Webhook → … → the last node, in a line, unless `connections` says otherwise. */
function workflow(id: string, name: string, path: string, webhookId: string, nodes: Node[], connections?: Connections): QueueWorkflow {
	const all: Node[] = [
		{
			name: 'Webhook',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			webhookId,
			parameters: { httpMethod: 'POST', path, options: {} },
		},
		...nodes,
	];
	const line: Connections = Object.fromEntries(
		all.slice(0, -1).map((node, index) => [node.name, { main: [[{ node: all[index + 1].name, type: 'main', index: 0 }]] }]),
	);
	return {
		id,
		path,
		definition: {
			id,
			name,
			active: false,
			nodes: all.map((node, index) => ({
				id: `${id}-${index}`,
				position: [index * 220, 0],
				...node,
				...(node.type.startsWith('n8n-nodes-rampwin.') ? { credentials: { rampwinApi: CREDENTIAL } } : {}),
			})),
			connections: connections ?? line,
			settings: { executionOrder: 'v1' },
			pinData: {},
		},
	};
}

/** The rows posted to the webhook, one item each. */
const splitRows: Node = {
	name: 'Rows',
	type: 'n8n-nodes-base.splitOut',
	typeVersion: 1,
	parameters: { fieldToSplitOut: 'body.rows', options: {} },
};

/** Which import a contact came from, so the sandbox can count each import's requests in flight. */
const batchAttribute = { attribute: [{ name: 'import_batch', type: 'string', value: '={{ $json.batch }}' }] };

export const IMPORT_UPSERT = workflow('queueImportUpsrt', 'Queue: import (Create or Update)', 'rampwin-queue-upsert', 'b8f0c3a1-7d2e-4c55-9a1f-3e6d2b9c0a11', [
	splitRows,
	{
		name: 'Rampwin',
		type: 'n8n-nodes-rampwin.rampwin',
		typeVersion: 1,
		parameters: {
			resource: 'contact',
			operation: 'upsert',
			integrationId: QUEUE_CHANNEL,
			phoneNumber: '={{ $json.phone }}',
			fullName: '={{ $json.name }}',
			customAttributes: batchAttribute,
			// The default options, Max Retries 3 among them, as users get them: several imports at
			// once share Rampwin's limit, and a 429 costs an item a third of a retry.
			options: {},
		},
	},
]);

export const SYNC_CHANNEL = 'chan-queue-sync';

const to = (node: string) => ({ node, type: 'main' as const, index: 0 as const });

/**
 * A bigger import that does two jobs per batch of 100 rows: Create on one channel (a row
 * already there is refused and passed on with its error) and Create or Update on another.
 * A worker killed in the middle leaves both half done.
 */
export const IMPORT_BOTH = workflow(
	'queueImportBoth1',
	'Queue: import in batches (Create, then Create or Update)',
	'rampwin-queue-both',
	'b8f0c3a1-7d2e-4c55-9a1f-3e6d2b9c0a12',
	[
		splitRows,
		{ name: 'Batches', type: 'n8n-nodes-base.splitInBatches', typeVersion: 3, parameters: { batchSize: 100, options: {} } },
		{
			name: 'Create',
			type: 'n8n-nodes-rampwin.rampwin',
			typeVersion: 1,
			onError: 'continueRegularOutput',
			parameters: {
				resource: 'contact',
				operation: 'create',
				integrationId: QUEUE_CHANNEL,
				phoneNumber: '={{ $json.phone }}',
				fullName: '={{ $json.name }}',
			},
		},
		{
			name: 'Sync',
			type: 'n8n-nodes-rampwin.rampwin',
			typeVersion: 1,
			parameters: {
				resource: 'contact',
				operation: 'upsert',
				integrationId: SYNC_CHANNEL,
				phoneNumber: "={{ $('Batches').item.json.phone }}",
				fullName: "={{ $('Batches').item.json.name }}",
			},
		},
	],
	{
		Webhook: { main: [[to('Rows')]] },
		Rows: { main: [[to('Batches')]] },
		// Output 0 is "done", output 1 the next batch.
		Batches: { main: [[], [to('Create')]] },
		Create: { main: [[to('Sync')]] },
		Sync: { main: [[to('Batches')]] },
	},
);

export const SEND_TEXT = workflow('queueSendText001', 'Queue: send text', 'rampwin-queue-text', 'b8f0c3a1-7d2e-4c55-9a1f-3e6d2b9c0a13', [
	splitRows,
	{
		name: 'Rampwin',
		type: 'n8n-nodes-rampwin.rampwin',
		typeVersion: 1,
		parameters: {
			resource: 'message',
			operation: 'sendText',
			integrationId: QUEUE_CHANNEL,
			phoneNumber: '={{ $json.phone }}',
			text: '=Hi {{ $json.name }}, your order {{ $json.order }} has shipped.',
		},
	},
]);

export const SEND_MEDIA = workflow('queueSendMedia01', 'Queue: send media from a Code node', 'rampwin-queue-media', 'b8f0c3a1-7d2e-4c55-9a1f-3e6d2b9c0a14', [
	{
		name: 'Make file',
		type: 'n8n-nodes-base.code',
		typeVersion: 2,
		parameters: {
			// prepareBinaryData stores the file in n8n's binary data mode, as file nodes do.
			jsCode: [
				`const file = Buffer.from('${PIXEL_PNG_BASE64}', 'base64');`,
				`const data = await this.helpers.prepareBinaryData(file, '${MEDIA_FILE_NAME}', 'image/png');`,
				'return [{ json: { phone: $input.first().json.body.phone }, binary: { data } }];',
			].join('\n'),
		},
	},
	{
		name: 'Rampwin',
		type: 'n8n-nodes-rampwin.rampwin',
		typeVersion: 1,
		parameters: {
			resource: 'message',
			operation: 'sendMedia',
			integrationId: QUEUE_CHANNEL,
			phoneNumber: '={{ $json.phone }}',
			source: 'binary',
			binaryPropertyName: 'data',
		},
	},
]);
