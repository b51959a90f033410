import type {
	IDataObject,
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { channelId } from './actions/common';
import { PACKAGE_DESCRIPTION } from './actions/descriptions';
import { parseChannelId } from './helpers/channel';
import { InputError } from './helpers/errors';
import { findAnswerIds } from './helpers/message/wait/token';
import { rampwinApiTest } from './methods/credentialTest';
import { answerFromChat } from './trigger/answers';
import { Bursts, senderAt } from './trigger/bursts';
import { combineMessagesOption, combineSettings } from './trigger/combine';
import { itemsFromBody } from './trigger/payload';
import {
	endsTest,
	forgetProduction,
	productionOf,
	register,
	rememberProduction,
	rememberTestUrl,
	restoreProduction,
	type Registration,
} from './trigger/registration';
import { RepeatFilter } from './trigger/repeats';
import { newToken, sameToken, withToken } from './trigger/token';

const EVENTS = [
	{ name: 'Channel Update', value: 'channel_update', description: "A change to the channel's configuration" },
	{ name: 'Incoming Message', value: 'message_incoming', description: 'A contact wrote to the channel' },
	{ name: 'Message Status', value: 'message_status', description: 'A message was delivered or read' },
	{ name: 'Outgoing Message', value: 'message_outgoing', description: 'The channel sent a message' },
	{ name: 'Template Update', value: 'template_update', description: "A template's approval status changed" },
] as const;

const REPEAT_WINDOW_SECONDS = 300;
/** The answer to a delivery that is taken (a repeat included). */
const RECEIVED = { received: true };
const TRIGGER_DOCS = 'https://github.com/rampwin/n8n-nodes-rampwin/blob/main/docs/trigger.md';

/** Deliveries seen recently, per trigger, in this n8n process. */
const repeats = new RepeatFilter();
/** Open bursts of messages (Options › Combine Messages), in this n8n process. */
const bursts = new Bursts();

export class RampwinTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Rampwin Trigger',
		name: 'rampwinTrigger',
		icon: { light: 'file:../../icons/rampwin.svg', dark: 'file:../../icons/rampwin.dark.svg' },
		group: ['trigger'],
		// 1.1 behaves as 1 does. n8n reads a version-1 webhook node's body only after it has
		// evaluated `$parameter["options"]["binaryData"]`, an expression, and on n8n 2.x an
		// expression needs an isolate per delivery; from 1.1 on it does not ask (its body is
		// read here, from the raw bytes, either way). Saved workflows keep 1 (docs/trigger.md).
		version: [1, 1.1],
		defaultVersion: 1.1,
		subtitle: `={{ $parameter["events"].map((event) => (${JSON.stringify(Object.fromEntries(EVENTS.map(({ name, value }) => [value, name])))})[event] || event).join(", ") }}`,
		description: PACKAGE_DESCRIPTION,
		defaults: {
			name: 'Rampwin Trigger',
		},
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'rampwinApi',
				required: true,
				testedBy: 'rampwinApiTest',
			},
		],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				// Empty, so that n8n answers a delivery that starts a run with webhook()'s
				// webhookResponse (unset, n8n would answer the text "firstEntryJson").
				responseData: '',
				path: 'webhook',
			},
		],
		properties: [
			{
				displayName: `Activating this workflow replaces the channel's current webhook in Rampwin, which keeps one webhook per channel. Test events and other workflows: <a href="${TRIGGER_DOCS}" target="_blank">see the docs</a>.`,
				name: 'oneWebhookNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { registration: ['automatic'] } },
			},
			channelId('whose events start the workflow'),
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				default: ['message_incoming'],
				description: 'The events that start the workflow; Rampwin sends no others',
				options: [...EVENTS],
			},
			{
				displayName: 'Registration',
				name: 'registration',
				type: 'options',
				default: 'automatic',
				description: 'Whether the node registers its webhook URL with Rampwin itself',
				options: [
					{
						name: 'Automatic',
						value: 'automatic',
						description: 'On activation, register this workflow with Rampwin, with a secret token in the URL',
					},
					{
						name: 'Manual',
						value: 'manual',
						description: 'Register nothing; copy the Production URL above into Rampwin yourself',
					},
				],
			},
			{
				displayName:
					'Copy the Production URL above into Rampwin for this channel. To keep strangers out, add a secret to it as ?token=… and enter the same secret below.',
				name: 'manualNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { registration: ['manual'] } },
			},
			{
				displayName: 'Secret Token',
				name: 'secretToken',
				type: 'string',
				typeOptions: { password: true },
				default: '',
				description:
					'The token you added to the URL in Rampwin (…?token=…). Deliveries without it are refused. Leave empty to accept every delivery.',
				displayOptions: { show: { registration: ['manual'] } },
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Include Headers',
						name: 'includeHeaders',
						type: 'boolean',
						default: false,
						description: "Whether to add the delivery's HTTP headers to each item, under headers",
					},
					{
						displayName: 'Ignore Repeats Within (Seconds)',
						name: 'repeatWindow',
						type: 'number',
						typeOptions: { minValue: 0 },
						default: REPEAT_WINDOW_SECONDS,
						description:
							'A delivery whose body is identical to one received this many seconds before starts no second run, so a repeated delivery does not answer a customer twice. 0 runs every delivery.',
					},
					combineMessagesOption,
				],
			},
		],
	};

	methods = { credentialTest: { rampwinApiTest } };

	webhookMethods = {
		default: {
			// Rampwin cannot tell which URL a channel posts to, and a test listener or another
			// workflow may have replaced it: registering again is harmless, so always do.
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return false;
			},

			async create(this: IHookFunctions): Promise<boolean> {
				const { problem } = combineSettings(this.getNodeParameter('options', {}) as IDataObject);
				if (problem !== undefined) throw new NodeOperationError(this.getNode(), problem.message, { description: problem.hint });
				if (this.getActivationMode() === 'manual') rememberTestUrl(triggerKey(this), this.getNodeWebhookUrl('default') ?? '');
				if (this.getNodeParameter('registration', 'automatic') === 'manual') return true;
				const data = this.getWorkflowStaticData('node');
				if (typeof data.token !== 'string') data.token = newToken();
				const registration: Registration = {
					channel: channelOf(this),
					url: withToken(this.getNodeWebhookUrl('default') ?? '', data.token as string),
					events: eventFlags(this),
				};
				await register(this, registration);
				if (this.getWorkflow().active) rememberProduction(triggerKey(this), registration);
				return true;
			},

			// Rampwin documents no way to remove a webhook: nothing is sent, and Rampwin keeps
			// posting to this URL (where n8n answers 404) until the channel's webhook is replaced.
			async delete(this: IHookFunctions): Promise<boolean> {
				const key = triggerKey(this);
				// Open bursts start now, while n8n still takes the run (see docs/trigger.md).
				bursts.flush(`${key}:${endsTest(key, this.getNodeWebhookUrl('default') ?? '') ? 'test' : 'production'}`);
				if (this.getNodeParameter('registration', 'automatic') === 'manual') return true;
				const live = productionOf(key);
				// n8n calls delete for both; only a test listener's hook has the test URL.
				const hookUrl = this.getNodeWebhookUrl('default') ?? '';
				if (this.getWorkflow().active || (live !== undefined && live.url.split('?')[0] === hookUrl)) {
					forgetProduction(key);
					repeats.forget(`${key}:production`);
					return true;
				}
				// A test listener ended: give the channel back to the active workflow, if known.
				if (live !== undefined) await restoreProduction(this, live);
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const response = this.getResponseObject();
		const manual = this.getNodeParameter('registration', 'automatic') === 'manual';
		const data = this.getWorkflowStaticData('node');
		const expected = manual ? (this.getNodeParameter('secretToken', '') as string) : data.token;
		if (!manual || expected !== '') {
			if (typeof expected !== 'string' || !sameToken((this.getQueryData() as IDataObject).token, expected)) {
				response.status(401).json({ message: 'Unknown or missing token' });
				return { noWebhookResponse: true };
			}
		}

		const request = this.getRequestObject();
		if (request.rawBody === undefined) await request.readRawBody();
		const raw: Buffer = request.rawBody ?? Buffer.alloc(0);
		const key = triggerKey(this);
		if (!manual && this.getWorkflow().active && typeof data.token === 'string') {
			rememberProduction(key, {
				channel: channelOf(this),
				url: withToken(this.getNodeWebhookUrl('default') ?? '', data.token),
				events: eventFlags(this),
			});
		}
		const options = this.getNodeParameter('options', {}) as IDataObject;
		const windowSeconds = typeof options.repeatWindow === 'number' ? options.repeatWindow : REPEAT_WINDOW_SECONDS;
		if (windowSeconds > 0 && repeats.seen(repeatScope(this), raw, Date.now(), windowSeconds * 1000)) {
			response.status(200).json(RECEIVED);
			return { noWebhookResponse: true };
		}

		// A tap on a Send and Wait button resumes its run and starts none here (trigger/answers.ts).
		// Other deliveries go on without waiting a turn: a burst takes them in the order they came.
		const text = raw.toString('utf8');
		const taps = findAnswerIds(text);
		if (taps.length > 0) {
			await answerFromChat(this, taps);
			response.status(200).json(RECEIVED);
			return { noWebhookResponse: true };
		}

		const items = itemsFromBody(text);
		if (options.includeHeaders === true) {
			const headers = this.getHeaderData() as IDataObject;
			for (const item of items) item.headers = headers;
		}
		const { settings: combine } = combineSettings(options);
		const sender = combine !== undefined && items.length === 1 ? senderAt(items[0], combine.senderField) : undefined;
		if (combine !== undefined && sender !== undefined) {
			response.status(200).json(RECEIVED);
			// The delivery that opens a burst holds its run until the burst ends; the rest join it.
			const burst = bursts.add(repeatScope(this), sender, items[0], combine);
			if (burst === undefined) return { noWebhookResponse: true };
			return { noWebhookResponse: true, workflowData: [[{ json: await burst }]] };
		}
		// n8n answers, as it answers for its Webhook node: n8n 2.x once the run exists, which
		// holds Rampwin back while n8n is busy, instead of piling up runs that then all slow
		// down together (docs/performance.md, "The reply storm").
		return {
			webhookResponse: RECEIVED,
			workflowData: items.length > 0 ? [items.map((json) => ({ json }))] : undefined,
		};
	}
}

/** One trigger node of one workflow. */
function triggerKey(ctx: IHookFunctions | IWebhookFunctions): string {
	return `${ctx.getWorkflow().id ?? ''}:${ctx.getNode().id}`;
}

/** Whose deliveries count as repeats of each other: test deliveries never of production ones. */
function repeatScope(ctx: IWebhookFunctions): string {
	return `${triggerKey(ctx)}:${ctx.getWorkflow().active ? 'production' : 'test'}`;
}

function channelOf(ctx: IHookFunctions | IWebhookFunctions): string {
	try {
		return parseChannelId(ctx.getNodeParameter('integrationId', ''));
	} catch (error) {
		if (error instanceof InputError) throw new NodeOperationError(ctx.getNode(), error.message, { description: error.hint });
		throw new NodeOperationError(ctx.getNode(), error as Error);
	}
}

/** All five of Rampwin's flags, true for the events chosen. */
function eventFlags(ctx: IHookFunctions | IWebhookFunctions): Record<string, boolean> {
	const chosen = ctx.getNodeParameter('events', []) as string[];
	if (chosen.length === 0) {
		throw new NodeOperationError(ctx.getNode(), 'No event is chosen', {
			description: 'Choose at least one event in Events, e.g. Incoming Message',
		});
	}
	return Object.fromEntries(EVENTS.map(({ value }) => [value, chosen.includes(value)]));
}
