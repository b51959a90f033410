import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';

import { isRecord, send } from './json';
import type { RecordedRequest, SandboxState } from './types';

/** The five event flags of `setWebhook`, as shared/rampwin-api.md lists them. */
export const WEBHOOK_EVENTS = [
	'message_incoming',
	'message_outgoing',
	'message_status',
	'template_update',
	'channel_update',
] as const;

export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export interface WebhookRegistration {
	channel: string;
	url: string;
	events: Record<WebhookEvent, boolean>;
	registeredAt: number;
}

/** What the sandbox keeps for webhooks: the registration per channel, and every call in order. */
export interface WebhookState {
	readonly webhooks: Map<string, WebhookRegistration>;
	readonly webhookCalls: WebhookRegistration[];
	/** Channels that exist; 'any' accepts every channel. */
	channels: Set<string> | 'any';
	faultBefore: SandboxState['faultBefore'];
}

const SET_WEBHOOK = /^\/api\/integrations\/([^/]+)\/setWebhook$/;

/** The channel of a `setWebhook` path, or undefined for any other path. */
export function setWebhookChannel(path: string): string | undefined {
	const match = SET_WEBHOOK.exec(path);
	return match ? decodeURIComponent(match[1]) : undefined;
}

/**
 * `POST /api/integrations/{channel_id}/setWebhook`: one webhook per channel, a new call
 * replaces the old one. The reference shows the request only; the answers below (200
 * `{ success, message }`, 400 and 404 with a message) are the sandbox's own invention.
 */
export function setWebhook(state: WebhookState, channel: string, req: RecordedRequest, res: ServerResponse): void {
	if (state.channels !== 'any' && !state.channels.has(channel)) {
		return send(res, 404, { success: false, message: 'Channel not found' });
	}
	const problem = invalid(req.body);
	if (problem !== undefined) return send(res, 400, { success: false, message: problem });
	const fault = state.faultBefore(`webhook ${channel}`, 1, res);
	if (fault === true) return;
	const body = req.body as { url: string; events: Record<WebhookEvent, boolean> };
	const registration: WebhookRegistration = { channel, url: body.url, events: { ...body.events }, registeredAt: Date.now() };
	state.webhooks.set(channel, registration);
	state.webhookCalls.push(registration);
	send(res, 200, { success: true, message: 'Webhook configuration updated' });
}

function invalid(body: unknown): string | undefined {
	if (!isRecord(body)) return 'The body must be a JSON object';
	if (typeof body.url !== 'string' || !/^https?:\/\/[^\s]+$/.test(body.url)) return 'url must be an http(s) address';
	if (!isRecord(body.events)) return 'events must be an object of booleans';
	for (const key of Object.keys(body.events)) {
		if (!(WEBHOOK_EVENTS as readonly string[]).includes(key)) return `events has an unknown flag "${key}"`;
	}
	for (const flag of WEBHOOK_EVENTS) {
		if (typeof body.events[flag] !== 'boolean') return `events.${flag} must be true or false`;
	}
	return undefined;
}

export interface DeliveryOptions {
	/** Replace the URL's `token` query parameter; null removes it. */
	token?: string | null;
	/** Send this text as the body instead of the JSON of the payload. */
	rawBody?: string;
	contentType?: string;
}

export interface DeliveryAnswer {
	status: number;
	body: string;
}

/**
 * POSTs an event to the URL registered for the channel, as Rampwin would. The reference does
 * not say how Rampwin signs, retries or repeats deliveries, nor what status it expects.
 */
export async function deliver(
	state: WebhookState,
	channel: string,
	payload: unknown,
	options: DeliveryOptions = {},
): Promise<DeliveryAnswer> {
	const registration = state.webhooks.get(channel);
	if (registration === undefined) throw new Error(`No webhook is registered for channel "${channel}"`);
	const url = new URL(registration.url);
	if (options.token === null) url.searchParams.delete('token');
	else if (options.token !== undefined) url.searchParams.set('token', options.token);
	const response = await fetch(url, {
		method: 'POST',
		headers: { 'content-type': options.contentType ?? 'application/json' },
		body: options.rawBody ?? JSON.stringify(payload),
	});
	return { status: response.status, body: await response.text() };
}

/**
 * An incoming text message in a shape **invented by the sandbox**: Rampwin's reference does
 * not show any webhook payload. The node passes whatever arrives through unchanged, so this
 * shape lives here and in the example workflow's expressions only.
 */
export function inventedIncomingMessage(channel: string, from: string, text: string, name = 'Customer'): Record<string, unknown> {
	return invented(channel, from, name, { type: 'text', text });
}

/**
 * A contact's tap on a reply button, in a shape **invented by the sandbox** after Meta's Cloud
 * API webhook (`interactive.button_reply`): Rampwin's reference shows no payload at all. What a
 * real delivery must carry for Send and Wait's WhatsApp Buttons is only the tapped button's id,
 * somewhere in its body; the Rampwin Trigger looks for it anywhere, not at this path.
 */
export function inventedButtonReply(channel: string, from: string, button: { id: string; title: string }, name = 'Customer'): Record<string, unknown> {
	return invented(channel, from, name, { type: 'interactive', interactive: { type: 'button_reply', button_reply: { id: button.id, title: button.title } } });
}

/** The invented envelope of an incoming message, around its content. */
function invented(channel: string, from: string, name: string, content: Record<string, unknown>): Record<string, unknown> {
	return { event: 'message_incoming', channel_id: channel, message_id: randomUUID(), from, contact_name: name, ...content, timestamp: new Date().toISOString() };
}
