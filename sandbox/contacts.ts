import type { ServerResponse } from 'node:http';

import { inject, type Fault } from './faults';
import { isRecord, send } from './json';
import type { RecordedRequest } from './types';

export interface StoredContact {
	_id: string;
	[key: string]: unknown;
}

/** What the contact routes read and record on the server. */
export interface ContactState {
	readonly contacts: Map<string, StoredContact>;
	readonly teamMembers: string[];
	newId(): string;
	faultBefore(key: string, number: number, res: ServerResponse): Fault | true | undefined;
}

const STRING_FIELDS = [
	'first_name',
	'last_name',
	'email',
	'company',
	'city',
	'state',
	'zipcode',
	'address',
	'remarks',
];

/** `POST /api/contacts`; see shared/rampwin-api.md. */
export function createContact(server: ContactState, req: RecordedRequest, res: ServerResponse): void {
	const problem = validate(req);
	if (problem !== undefined) {
		return send(res, 400, { success: false, message: problem });
	}
	const body = req.body as Record<string, unknown>;
	const key = `${String(body.integration_id)} ${String(body.phone_number)}`;
	const fault = server.faultBefore(key, body.phone_number as number, res);
	if (fault === true) return;
	if (server.contacts.has(key)) {
		if (fault?.afterCreate) return inject(fault, res);
		return send(res, 400, { success: false, message: 'Contact already exists on this channel' });
	}
	const contact: StoredContact = { _id: server.newId(), ...body };
	server.contacts.set(key, contact);
	if (fault?.afterCreate) return inject(fault, res);
	send(res, 200, {
		success: true,
		message: 'Contact created successfully',
		data: {
			_id: contact._id,
			phone_number: body.phone_number,
			full_name: body.full_name,
			integration_id: body.integration_id,
		},
	});
}

/**
 * Create or update: unique on phone number and channel, as the reference states. The
 * phone is kept exactly as sent: the reference does not say that "+919…" and 919… are
 * the same contact, so this server does not assume it either.
 */
export function upsertContact(server: ContactState, req: RecordedRequest, res: ServerResponse): void {
	const channel = req.query.channel_id;
	const body = req.body;
	if (
		!channel ||
		!isRecord(body) ||
		typeof body.phone_number !== 'string' ||
		!/^\+?\d{6,15}$/.test(body.phone_number) ||
		STRING_FIELDS.some((name) => name in body && typeof body[name] !== 'string')
	) {
		return send(res, 400, { success: false, message: 'Validation error' });
	}
	const key = `${channel} ${body.phone_number}`;
	const fault = server.faultBefore(key, Number(body.phone_number.replace('+', '')), res);
	if (fault === true) return;
	const stored = server.contacts.get(key);
	// Fields sent overwrite the stored ones; fields left out stay as they are.
	const contact: StoredContact = stored ? Object.assign(stored, body) : { _id: server.newId(), ...body };
	server.contacts.set(key, contact);
	if (fault?.afterCreate) return inject(fault, res);
	send(res, 200, {
		success: true,
		message: 'Contact inserted or updated successfully',
		data: { _id: contact._id, phone_number: contact.phone_number },
	});
}

/** The contact must exist under the digits-only form this endpoint takes, and so must the member. */
export function assignContact(server: ContactState, req: RecordedRequest, res: ServerResponse): void {
	const body = req.body;
	if (
		!isRecord(body) ||
		typeof body.integration_id !== 'string' ||
		typeof body.team_member_email !== 'string' ||
		typeof body.phone_number !== 'string'
	) {
		return send(res, 400, { success: false, message: 'Invalid team member or contact not found' });
	}
	const key = `${body.integration_id} ${body.phone_number}`;
	const fault = server.faultBefore(key, Number(body.phone_number), res);
	if (fault === true) return;
	const contact = server.contacts.get(key);
	if (contact === undefined || !server.teamMembers.includes(body.team_member_email)) {
		return send(res, 400, { success: false, message: 'Invalid team member or contact not found' });
	}
	contact.assigned_to = body.team_member_email;
	if (fault?.afterCreate) return inject(fault, res);
	send(res, 200, { success: true, message: 'Team member assigned successfully' });
}

function validate(req: RecordedRequest): string | undefined {
	const channel = req.query.integration_id;
	if (!channel) return 'integration_id query parameter is required';
	if (!/^application\/json/i.test(String(req.headers['content-type'] ?? ''))) {
		return 'content-type must be application/json';
	}
	const body = req.body;
	if (typeof body !== 'object' || body === null || Array.isArray(body)) {
		return 'body must be a JSON object';
	}
	const fields = body as Record<string, unknown>;
	if (typeof fields.phone_number !== 'number' || !Number.isInteger(fields.phone_number)) {
		return 'phone_number must be a number';
	}
	if (typeof fields.full_name !== 'string' || fields.full_name.trim() === '') {
		return 'full_name is required';
	}
	if (fields.integration_id !== channel) {
		return 'integration_id in the body must match the query';
	}
	for (const name of STRING_FIELDS) {
		if (name in fields && typeof fields[name] !== 'string') return `${name} must be a string`;
	}
	return undefined;
}
