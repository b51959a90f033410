import type { IncomingHttpHeaders, ServerResponse } from 'node:http';

import type { Fault } from './faults';

/** One request as the server received it, for tests to assert on. */
export interface RecordedRequest {
	method: string;
	path: string;
	query: Record<string, string>;
	headers: IncomingHttpHeaders;
	rawBody: string;
	/** The body as received, for the binary ones. */
	bytes: Buffer;
	body: unknown;
	receivedAt: number;
}

export type MessageKind = 'text' | 'media' | 'button' | 'list';

/** A message the server accepted, as Rampwin would have handed it to WhatsApp. */
export interface DeliveredMessage {
	channel: string;
	/** Digits with country code, as sent. */
	phone: string;
	kind: MessageKind;
	/** `text`, `file_url` or `interactive`, as sent. */
	content: unknown;
	body: Record<string, unknown>;
	hideFromChat: boolean | undefined;
	/** The `dontShowInChatList` query parameter; undefined when it was not sent. */
	dontShowInChatList: boolean | undefined;
	receivedAt: number;
}

export interface StoredUpload {
	/** The file name and content type of the multipart part, as sent. */
	filename: string;
	contentType: string;
	bytes: Buffer;
	/** The public URL the server answered, under `${baseUrl}/uploads/`. */
	url: string;
	receivedAt: number;
}

/** What the message and media routes read and record on the server. */
export interface SandboxState {
	readonly baseUrl: string;
	readonly messages: DeliveredMessage[];
	readonly uploads: StoredUpload[];
	sessionWindow: Set<string> | 'all';
	lastRejection: string | undefined;
	faultBefore(key: string, number: number, res: ServerResponse): Fault | true | undefined;
}
