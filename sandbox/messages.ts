import type { ServerResponse } from 'node:http';

import { inject } from './faults';
import { isRecord, send } from './json';
import type { DeliveredMessage, MessageKind, RecordedRequest, SandboxState } from './types';



/** The reference's 400 answer for every refused message. */
export const INVALID_PAYLOAD = 'Invalid request payload';

/**
 * The reference names "session expired" as a cause of a 400 without giving its text;
 * this wording is ours, so a test can tell it from a payload error.
 */
export const SESSION_EXPIRED = 'Session expired: the contact has not messaged this channel in the last 24 hours';

class Refusal extends Error {}

function refuse(reason: string): never {
	throw new Refusal(reason);
}

/** `POST /api/messages/send`: text, media by URL, reply buttons or a list; see shared/rampwin-api.md. */
export function sendMessage(server: SandboxState, req: RecordedRequest, res: ServerResponse): void {
	let message: Omit<DeliveredMessage, 'receivedAt'>;
	try {
		message = readMessage(server, req);
	} catch (error) {
		if (!(error instanceof Refusal)) throw error;
		server.lastRejection = error.message;
		return send(res, 400, { success: false, message: INVALID_PAYLOAD });
	}
	const { channel, phone, content } = message;
	const fault = server.faultBefore(`${channel} ${phone} ${JSON.stringify(content)}`, Number(phone), res);
	if (fault === true) return;
	if (server.sessionWindow !== 'all' && !server.sessionWindow.has(phone)) {
		server.lastRejection = SESSION_EXPIRED;
		return send(res, 400, { success: false, message: SESSION_EXPIRED });
	}
	server.messages.push({ ...message, receivedAt: req.receivedAt });
	if (fault?.afterCreate) return inject(fault, res);
	send(res, 200, { success: true, message: 'Message sent successfully' });
}

function readMessage(server: SandboxState, req: RecordedRequest): Omit<DeliveredMessage, 'receivedAt'> {
	if (!/^application\/json/i.test(String(req.headers['content-type'] ?? ''))) {
		refuse('content-type must be application/json');
	}
	const flag = req.query.dontShowInChatList;
	if (flag !== undefined && flag !== 'true' && flag !== 'false') refuse('dontShowInChatList must be "true" or "false"');
	const kinds = ['text', 'file_url', 'interactive'] as const;
	const body = fields(req.body, 'body', ['channel_id', 'phone_number'], ['hide_from_chat', ...kinds]);
	if (typeof body.channel_id !== 'string' || body.channel_id === '') refuse('channel_id must be a non-empty string');
	if (typeof body.phone_number !== 'string' || !/^[1-9]\d{6,14}$/.test(body.phone_number)) {
		refuse('phone_number must be a string of 7 to 15 digits with the country code, no "+"');
	}
	if (body.hide_from_chat !== undefined && typeof body.hide_from_chat !== 'boolean') {
		refuse('hide_from_chat must be a boolean');
	}
	const sent = kinds.filter((name) => body[name] !== undefined);
	if (sent.length !== 1) refuse(`exactly one of text, file_url, interactive is required (got ${sent.length})`);
	const links: URL[] = [];
	let kind: MessageKind;
	if (sent[0] === 'text') {
		chars(body.text, 'text', 4096);
		kind = 'text';
	} else if (sent[0] === 'file_url') {
		links.push(httpUrl(body.file_url, 'file_url'));
		kind = 'media';
	} else {
		kind = interactive(body.interactive, links);
	}
	for (const link of links) {
		// A link to this server's own uploads must name a file it stores.
		if (link.origin === new URL(server.baseUrl).origin && !server.uploads.some((upload) => upload.url === link.href)) {
			refuse(`${link.href} names no uploaded file`);
		}
	}
	return {
		channel: body.channel_id,
		phone: body.phone_number,
		kind,
		content: body[sent[0]],
		body,
		hideFromChat: body.hide_from_chat,
		dontShowInChatList: flag === undefined ? undefined : flag === 'true',
	};
}

function interactive(value: unknown, links: URL[]): 'button' | 'list' {
	const type = isRecord(value) ? value.type : undefined;
	if (type === 'button') {
		const message = fields(value, 'interactive', ['type', 'body', 'action'], ['header', 'footer']);
		bodyText(message.body, 1024);
		const action = fields(message.action, 'interactive.action', ['buttons']);
		const buttons = items(action.buttons, 'interactive.action.buttons', 3).map((button, index) => {
			const name = `interactive.action.buttons[${index}]`;
			const fieldsOf = fields(button, name, ['type', 'reply']);
			if (fieldsOf.type !== 'reply') refuse(`${name}.type must be "reply"`);
			const reply = fields(fieldsOf.reply, `${name}.reply`, ['id', 'title']);
			return { id: chars(reply.id, `${name}.reply.id`, 256), title: chars(reply.title, `${name}.reply.title`, 20) };
		});
		distinct(buttons.map((button) => button.id), 'button ids');
		distinct(buttons.map((button) => button.title), 'button titles');
		if (message.header !== undefined) {
			// The reference shows only an image header.
			if (isRecord(message.header) && message.header.type !== 'image') refuse('interactive.header.type must be "image"');
			const header = fields(message.header, 'interactive.header', ['type', 'image']);
			const image = fields(header.image, 'interactive.header.image', ['link']);
			links.push(httpUrl(image.link, 'interactive.header.image.link'));
		}
		footer(message.footer);
		return 'button';
	}
	if (type === 'list') {
		const message = fields(value, 'interactive', ['type', 'body', 'action'], ['footer']);
		bodyText(message.body, 4096);
		const action = fields(message.action, 'interactive.action', ['button', 'sections']);
		chars(action.button, 'interactive.action.button', 20);
		const sections = items(action.sections, 'interactive.action.sections', 10);
		const rows = sections.flatMap((section, index) => {
			const name = `interactive.action.sections[${index}]`;
			const fieldsOf = fields(section, name, ['rows'], ['title']);
			// WhatsApp needs a section title only when there is more than one section.
			if (fieldsOf.title !== undefined || sections.length > 1) chars(fieldsOf.title, `${name}.title`, 24);
			return items(fieldsOf.rows, `${name}.rows`, 10).map((row, rowIndex) => {
				const rowName = `${name}.rows[${rowIndex}]`;
				const rowFields = fields(row, rowName, ['id', 'title'], ['description']);
				chars(rowFields.title, `${rowName}.title`, 24);
				if (rowFields.description !== undefined) chars(rowFields.description, `${rowName}.description`, 72);
				return chars(rowFields.id, `${rowName}.id`, 200);
			});
		});
		if (rows.length > 10) refuse(`a list has at most 10 rows in all (got ${rows.length})`);
		distinct(rows, 'row ids');
		footer(message.footer);
		return 'list';
	}
	refuse('interactive.type must be "button" or "list"');
}

function bodyText(value: unknown, max: number): void {
	chars(fields(value, 'interactive.body', ['text']).text, 'interactive.body.text', max);
}

function footer(value: unknown): void {
	if (value !== undefined) chars(fields(value, 'interactive.footer', ['text']).text, 'interactive.footer.text', 60);
}

/** An object with every required key, and no key beyond the required and optional ones. */
function fields(value: unknown, name: string, required: string[], optional: string[] = []): Record<string, unknown> {
	if (!isRecord(value)) refuse(`${name} must be an object`);
	const missing = required.find((key) => value[key] === undefined);
	if (missing !== undefined) refuse(`${name}.${missing} is required`);
	const unknown = Object.keys(value).find((key) => !required.includes(key) && !optional.includes(key));
	if (unknown !== undefined) refuse(`${name}.${unknown} is not a field the reference gives`);
	return value;
}

/** A string of 1 to `max` characters, counted as code points. */
function chars(value: unknown, name: string, max: number): string {
	if (typeof value !== 'string') refuse(`${name} must be a string`);
	const length = [...value].length;
	if (length < 1 || length > max) refuse(`${name} must be 1 to ${max} characters (got ${length})`);
	return value;
}

function items(value: unknown, name: string, max: number): unknown[] {
	if (!Array.isArray(value) || value.length < 1 || value.length > max) {
		refuse(`${name} must be an array of 1 to ${max} items`);
	}
	return value;
}

function distinct(values: string[], what: string): void {
	if (new Set(values).size !== values.length) refuse(`${what} must be distinct`);
}

function httpUrl(value: unknown, name: string): URL {
	const url = typeof value === 'string' && URL.canParse(value) ? new URL(value) : undefined;
	if (url?.protocol !== 'http:' && url?.protocol !== 'https:') refuse(`${name} must be an http(s) URL`);
	return url;
}
