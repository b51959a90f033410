import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { assignContact, createContact, upsertContact, type ContactState, type StoredContact } from './contacts';
import { faultFor, inject, TroubleMaker, type Fault, type Trouble } from './faults';
import { parseJson, send } from './json';
import { serveUpload, uploadMedia } from './media';
import { SocketCount } from './sockets';
import { sendMessage } from './messages';
import {
	createTemplate,
	listTemplates,
	uploadTemplateMedia,
	type StoredTemplate,
	type TemplateListShape,
	type TemplateState,
} from './templates';
import {
	deliver,
	inventedButtonReply,
	setWebhook,
	setWebhookChannel,
	type DeliveryAnswer,
	type DeliveryOptions,
	type WebhookRegistration,
	type WebhookState,
} from './webhooks';
import type { DeliveredMessage, RecordedRequest, SandboxState, StoredUpload } from './types';

export type { StoredContact } from './contacts';
export type { Fault, FaultKind } from './faults';
export type { DeliveredMessage, MessageKind, RecordedRequest, StoredUpload } from './types';
export type { DeliveryAnswer, WebhookRegistration } from './webhooks';
export type { StoredTemplate, TemplateListShape } from './templates';

/**
 * A Rampwin-compatible API on 127.0.0.1, following shared/rampwin-api.md: it checks the
 * key, the channel, required fields and JSON types, refuses duplicates, and records
 * every request.
 */
export class RampwinServer implements SandboxState, WebhookState, TemplateState, ContactState {
	readonly requests: RecordedRequest[] = [];

	/** Created contacts by `${channel} ${phone}`. */
	readonly contacts = new Map<string, StoredContact>();

	private nextId = 1;

	/** Delay before every answer, in milliseconds. */
	latencyMs = 0;

	fault: Fault | undefined;

	/** Trouble over stretches of traffic (an outage, a degraded API); see Trouble. */
	troubleMaker: TroubleMaker | undefined;

	set trouble(trouble: Trouble | undefined) {
		this.troubleMaker = trouble === undefined ? undefined : new TroubleMaker(trouble);
	}

	/** Every API request received, probes and failed ones included. */
	apiRequests = 0;

	/** Answer 429 to any request beyond this many in flight at once. */
	maxInFlight = Number.POSITIVE_INFINITY;

	/** Requests answered 429 because more than maxInFlight were in flight. */
	tooManyRequests = 0;

	/**
	 * Names the group a request belongs to (e.g. which import sent it), so that the peak in
	 * flight is also kept per group; the sandbox's own bookkeeping, nothing Rampwin shows.
	 */
	inFlightGroup: ((req: RecordedRequest) => string | undefined) | undefined;

	/** The most requests in flight at once per group, when inFlightGroup is set. */
	readonly peakInFlightByGroup = new Map<string, number>();

	private readonly inFlightByGroup = new Map<string, number>();

	/** Messages accepted, in order of arrival. */
	readonly messages: DeliveredMessage[] = [];

	readonly uploads: StoredUpload[] = [];

	/** The webhook registered per channel (one per channel, replaced by each call). */
	readonly webhooks = new Map<string, WebhookRegistration>();

	/** Every setWebhook call that was accepted, in order. */
	readonly webhookCalls: WebhookRegistration[] = [];

	/** Channels that exist, for setWebhook; 'any' accepts every channel. */
	channels: Set<string> | 'any' = 'any';

	/** Templates per channel, in the order they were created. */
	readonly templates = new Map<string, StoredTemplate[]>();

	/** Meta's status per `${channel} ${name}`; a list with isSyncMessage=true takes it over. */
	readonly metaStatuses = new Map<string, string>();

	readonly templateHandles = new Set<string>();

	readonly templateUploads: TemplateState['templateUploads'] = [];

	/** The shape of the template list answer (the sandbox's invention; see templates.ts). */
	templateListShape: TemplateListShape = 'templates';

	/** Sets a template's status, as Rampwin's copy holds it, e.g. after Meta approved it. */
	setTemplateStatus(channel: string, name: string, status: string): void {
		const template = this.templates.get(channel)?.find((stored) => stored.name === name);
		if (template === undefined) throw new Error(`No template ${name} on ${channel}`);
		template.status = status;
	}

	/**
	 * The contact taps the button titled `title` of the last buttons message sent to them on the
	 * channel: the tap goes to the channel's webhook in the sandbox's invented shape (webhooks.ts).
	 */
	async tapButton(channel: string, phone: string, title: string, options?: DeliveryOptions): Promise<DeliveryAnswer> {
		const sent = this.messages.filter((message) => message.channel === channel && message.phone === phone && message.kind === 'button');
		const buttons = (sent[sent.length - 1]?.content as { action?: { buttons?: Array<{ reply: { id: string; title: string } }> } } | undefined)?.action?.buttons ?? [];
		const button = buttons.find(({ reply }) => reply.title === title)?.reply;
		if (button === undefined) throw new Error(`No button "${title}" was sent to ${phone} on ${channel}`);
		return await deliver(this, channel, inventedButtonReply(channel, phone, button), options);
	}

	/** Sends an event to the channel's registered webhook, as Rampwin would (see webhooks.ts). */
	async deliverEvent(channel: string, payload: unknown, options?: DeliveryOptions): Promise<DeliveryAnswer> {
		return await deliver(this, channel, payload, options);
	}

	/** The numbers (digits) that messaged in the last 24 hours, to which messages may go; 'all' by default. */
	sessionWindow: Set<string> | 'all' = 'all';

	/** Why the last message or upload was refused: the answer itself says only what the reference says. */
	lastRejection: string | undefined;

	deliveredTo(phone: string): DeliveredMessage[] {
		return this.messages.filter((message) => message.phone === phone);
	}

	/**
	 * Attempts seen per contact `${channel} ${phone}`, per message
	 * `${channel} ${phone} ${JSON of the text, file_url or interactive}`, per `upload ${filename}`.
	 */
	readonly attempts = new Map<string, number>();

	inFlight = 0;

	peakInFlight = 0;

	/** The connections clients opened to the server, and how many are open now. */
	readonly sockets = new SocketCount();

	/** Milliseconds × requests in flight, for the time-weighted mean. */
	private inFlightArea = 0;

	private inFlightSince = Date.now();

	/** First request and last answer since the reset: the window the mean is taken over. */
	private firstArrival: number | undefined;

	private lastChange = 0;

	private constructor(
		private readonly server: Server,
		readonly apiKey: string,
	) {}

	static async start(apiKey = 'test-key-3f9a1c'): Promise<RampwinServer> {
		const server = createServer();
		const rampwin = new RampwinServer(server, apiKey);
		rampwin.sockets.watch(server);
		server.on('request', (req, res) => {
			const chunks: Buffer[] = [];
			req.on('data', (chunk: Buffer) => chunks.push(chunk));
			req.on('end', () => {
				const url = new URL(req.url ?? '/', 'http://localhost');
				const bytes = Buffer.concat(chunks);
				const rawBody = bytes.toString('utf8');
				const recorded: RecordedRequest = {
					method: req.method ?? '',
					path: url.pathname,
					query: Object.fromEntries(url.searchParams),
					headers: req.headers,
					rawBody,
					bytes,
					body: parseJson(rawBody),
					receivedAt: Date.now(),
				};
				if (recorded.path.startsWith('/__admin/')) return rampwin.admin(recorded, res);
				if (rampwin.recordRequests) rampwin.requests.push(recorded);
				rampwin.countInFlight(+1);
				res.on('close', () => rampwin.countInFlight(-1));
				const group = rampwin.inFlightGroup?.(recorded);
				if (group !== undefined) {
					rampwin.countGroup(group, +1);
					res.on('close', () => rampwin.countGroup(group, -1));
				}
				const answer = () => rampwin.handle(recorded, res);
				if (rampwin.latencyMs > 0) setTimeout(answer, rampwin.latencyMs);
				else answer();
			});
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		rampwin.port = (server.address() as AddressInfo).port;
		return rampwin;
	}

	/** Kept, so that it stays the same while the server refuses connections. */
	private port = 0;

	get baseUrl(): string {
		return `http://127.0.0.1:${this.port}`;
	}

	/** Off for long benchmarks, where the list would only cost memory. */
	recordRequests = true;

	/** Served only when started with admin routes (the benchmark's server process). */
	private adminRoutes = false;

	enableAdmin(): void {
		this.adminRoutes = true;
	}

	/** Time-weighted mean of requests in flight, from the first request to the last answer. */
	get meanInFlight(): number {
		const elapsed = this.firstArrival === undefined ? 0 : this.lastChange - this.firstArrival;
		return elapsed > 0 ? this.inFlightArea / elapsed : 0;
	}

	private countInFlight(change: number): void {
		const now = Date.now();
		this.firstArrival ??= now;
		this.inFlightArea += this.inFlight * (now - this.inFlightSince);
		this.inFlightSince = now;
		this.lastChange = now;
		this.inFlight += change;
		this.peakInFlight = Math.max(this.peakInFlight, this.inFlight);
	}

	private countGroup(group: string, change: number): void {
		const now = (this.inFlightByGroup.get(group) ?? 0) + change;
		this.inFlightByGroup.set(group, now);
		this.peakInFlightByGroup.set(group, Math.max(this.peakInFlightByGroup.get(group) ?? 0, now));
	}

	private admin(req: RecordedRequest, res: ServerResponse): void {
		if (!this.adminRoutes) return send(res, 404, { success: false, message: 'Not found' });
		if (req.path === '/__admin/reset') {
			this.reset();
			const options = (req.body ?? {}) as { latencyMs?: number; recordRequests?: boolean; fault?: Fault; trouble?: Trouble };
			this.latencyMs = options.latencyMs ?? 0;
			this.recordRequests = options.recordRequests ?? true;
			this.fault = options.fault;
			this.trouble = options.trouble;
			return send(res, 200, { ok: true });
		}
		send(res, 200, {
			contacts: this.contacts.size,
			attempts: [...this.attempts.values()].reduce((sum, count) => sum + count, 0),
			peakInFlight: this.peakInFlight,
			meanInFlight: this.meanInFlight,
			messages: this.messages.length,
			uploads: this.uploads.length,
			apiRequests: this.apiRequests,
			outageRequests: this.troubleMaker?.outageRequests ?? 0,
		});
	}

	reset(): void {
		this.requests.length = 0;
		this.sockets.reset();
		this.contacts.clear();
		this.attempts.clear();
		this.messages.length = 0;
		this.uploads.length = 0;
		this.webhooks.clear();
		this.webhookCalls.length = 0;
		this.channels = 'any';
		this.templates.clear();
		this.metaStatuses.clear();
		this.templateHandles.clear();
		this.templateUploads.length = 0;
		this.templateListShape = 'templates';
		this.sessionWindow = 'all';
		this.lastRejection = undefined;
		this.latencyMs = 0;
		this.fault = undefined;
		this.troubleMaker = undefined;
		this.apiRequests = 0;
		this.maxInFlight = Number.POSITIVE_INFINITY;
		this.tooManyRequests = 0;
		this.inFlightGroup = undefined;
		this.peakInFlightByGroup.clear();
		this.inFlightByGroup.clear();
		this.peakInFlight = 0;
		this.inFlightArea = 0;
		this.inFlightSince = Date.now();
		this.firstArrival = undefined;
	}

	private reopenTimer: NodeJS.Timeout | undefined;

	private reopening: Promise<void> | undefined;

	/**
	 * Stops listening and drops every connection, so that new ones are refused
	 * (ECONNREFUSED), and listens again on the same port after `ms`. Resolves as soon as
	 * connections are refused.
	 */
	async refuseConnectionsFor(ms: number): Promise<void> {
		await this.stopListening();
		// A client in this process then sees its kept-alive sockets closed before it sends again.
		await new Promise((resolve) => setTimeout(resolve, 20));
		clearTimeout(this.reopenTimer);
		this.reopenTimer = setTimeout(() => {
			this.reopenTimer = undefined;
			this.reopening = new Promise((resolve) => this.server.listen(this.port, '127.0.0.1', resolve));
		}, ms);
	}

	async close(): Promise<void> {
		clearTimeout(this.reopenTimer);
		this.reopenTimer = undefined;
		await this.stopListening();
	}

	private async stopListening(): Promise<void> {
		// A listen under way finishes first, or it would open the port again after the close.
		await this.reopening;
		if (!this.server.listening) return;
		const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
		this.server.closeAllConnections();
		await closed;
	}

	private handle(req: RecordedRequest, res: ServerResponse): void {
		if (req.method === 'GET' && req.path.startsWith('/uploads/')) return serveUpload(this, req, res);
		const channel = req.method === 'POST' ? setWebhookChannel(req.path) : undefined;
		const route =
			channel !== undefined
				? (request: RecordedRequest, response: ServerResponse) => setWebhook(this, channel, request, response)
				: req.method === 'POST'
					? this.routes[req.path]
					: req.method === 'GET'
						? this.getRoutes[req.path]
						: undefined;
		if (route === undefined) {
			return send(res, 404, { success: false, message: 'Not found' });
		}
		this.apiRequests++;
		const trouble = this.troubleMaker?.next(Date.now());
		if (trouble !== undefined) return inject(trouble, res);
		if (req.headers['x-api-key'] !== this.apiKey) {
			// The reference does not document this answer; a plain-text body is the harder case.
			res.writeHead(401, { 'content-type': 'text/plain' }).end('Unauthorized');
			return;
		}
		route(req, res);
	}

	private readonly routes: Record<string, (req: RecordedRequest, res: ServerResponse) => void> = {
		'/api/contacts': (req, res) => createContact(this, req, res),
		'/api/contacts/insertOrUpdate': (req, res) => upsertContact(this, req, res),
		'/api/contacts/assign': (req, res) => assignContact(this, req, res),
		'/api/messages/send': (req, res) => sendMessage(this, req, res),
		'/api/media/upload': (req, res) => void uploadMedia(this, req, res),
		'/api/message-templates/official-templates': (req, res) => createTemplate(this, req, res),
		'/api/integrations/uploadTemplateMedia': (req, res) => void uploadTemplateMedia(this, req, res),
	};

	private readonly getRoutes: Record<string, (req: RecordedRequest, res: ServerResponse) => void> = {
		'/api/message-templates/official-templates': (req, res) => listTemplates(this, req, res),
	};

	/**
	 * Counts the attempt and injects the fault meant for it before anything is stored; true
	 * if it answered. For the route modules too.
	 */
	faultBefore(key: string, number: number, res: ServerResponse): Fault | true | undefined {
		if (this.inFlight > this.maxInFlight) {
			this.tooManyRequests++;
			send(res, 429, { success: false, message: 'Too many requests' });
			return true;
		}
		const attempt = (this.attempts.get(key) ?? 0) + 1;
		this.attempts.set(key, attempt);
		const fault = faultFor(this.fault, number, attempt);
		if (fault && !fault.afterCreate) {
			inject(fault, res);
			return true;
		}
		return fault;
	}

	/** The team members Rampwin knows for this account, by e-mail. */
	readonly teamMembers = ['agent@rampwin.test', 'lead@rampwin.test'];

	newId(): string {
		return (this.nextId++).toString(16).padStart(24, '0');
	}
}
