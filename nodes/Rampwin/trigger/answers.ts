import type { IHttpRequestOptions, IWebhookFunctions } from 'n8n-workflow';

import { resumeUrl, type ChatAnswer } from '../helpers/message/wait/token';

const RESUME_TIMEOUT_MS = 15_000;

/**
 * The waiting runs (execution and node) whose answer this process is handing over right now.
 * n8n refuses a second answer once the run is resuming, but two taps a few milliseconds apart
 * can both find it still waiting; in one process the second is stopped here.
 */
const handingOver = new Set<string>();

/**
 * A delivery that carries the reply id of a Send and Wait WhatsApp Buttons question (a tap;
 * `found`: the ids findAnswerIds read in it) is answered here and starts no run: the answer goes
 * to the link n8n signed for it, through n8n's own waiting webhook, so that n8n's signature
 * check and its single resume decide, on n8n 1.x and 2.x alike (docs/messages.md, "How a tap
 * reaches the waiting run"). Nothing logged here names the id or its signature.
 */
export async function answerFromChat(ctx: IWebhookFunctions, found: ChatAnswer[]): Promise<void> {
	const say = (message: string) => ctx.logger.warn(`Rampwin Trigger: a WhatsApp Buttons answer was ignored: ${message}`);
	if (found.length > 1) {
		say(`the delivery carries ${found.length} answer ids, so it is the question itself (e.g. an Outgoing Message event) or several answers, not one tap`);
		return;
	}
	const [answer] = found;
	if (answer.choice === 'sole' && (ctx.getNodeParameter('events', []) as string[]).includes('message_outgoing')) {
		say(`execution ${answer.executionId} asked with Approve Only, and this trigger also receives Outgoing Message events, in which the question's one button would look like a tap`);
		return;
	}
	let base: string;
	try {
		base = waitingBase(ctx);
	} catch {
		say("n8n's waiting-webhook address could not be read");
		return;
	}
	const run = `${answer.executionId}/${answer.nodeId}`;
	if (handingOver.has(run)) {
		say(`another answer for execution ${answer.executionId} is being handed over at this moment`);
		return;
	}
	handingOver.add(run);
	let status: number;
	let body: unknown;
	try {
		const response = (await ctx.helpers.httpRequest(resumeRequest(ctx, resumeUrl(base, answer)))) as { statusCode: number; body: unknown };
		({ statusCode: status, body } = response);
	} catch (error) {
		// The error's text may hold the link, signature included: only its code is logged.
		const code = (error as { code?: unknown }).code;
		say(`n8n's waiting webhook for execution ${answer.executionId} could not be reached (${typeof code === 'string' ? code : 'no answer'})`);
		return;
	} finally {
		handingOver.delete(run);
	}
	if (status === 200 && recorded(body)) {
		ctx.logger.info(`Rampwin Trigger: a WhatsApp Buttons tap (${answer.choice === 'decline' ? 'Decline' : 'Approve'}) resumed execution ${answer.executionId}`);
	} else {
		say(`n8n did not resume execution ${answer.executionId}: ${refusal(status)}`);
	}
}

/** n8n's waiting-webhook base (WEBHOOK_URL + its waiting endpoint), as this n8n process sees it. */
function waitingBase(ctx: IWebhookFunctions): string {
	// $execution.resumeUrl is `<webhookWaitingBaseUrl>/<execution id>` (getAdditionalKeys in
	// n8n-core); outside a run the id is a placeholder, which is dropped with any query.
	const url = new URL(String(ctx.evaluateExpression('{{ $execution.resumeUrl }}')));
	return `${url.origin}${url.pathname.replace(/\/[^/]*$/, '')}`;
}

/**
 * The POST a link's page would send, addressed to this n8n process at the address the delivery
 * reached it on: the public WEBHOOK_URL need not be reachable from inside, and in queue mode this
 * is the webhook process, which serves the waiting webhooks. n8n 1.x signs the link's host too,
 * so the public host goes along as Host (and X-Forwarded-Host, which n8n reads instead behind
 * N8N_PROXY_HOPS); n8n 2.x signs only path and query.
 */
function resumeRequest(ctx: IWebhookFunctions, signed: string): IHttpRequestOptions {
	const url = new URL(signed);
	const publicHost = url.host;
	const socket = (ctx.getRequestObject() as { socket?: { localAddress?: string; localPort?: number; encrypted?: boolean } }).socket;
	const local = socket?.localAddress !== undefined && socket.localPort !== undefined;
	if (local) {
		url.protocol = socket.encrypted === true ? 'https:' : 'http:';
		url.host = `${socket.localAddress!.includes(':') ? `[${socket.localAddress}]` : socket.localAddress}:${socket.localPort}`;
	}
	return {
		method: 'POST',
		url: url.toString(),
		headers: { host: publicHost, 'x-forwarded-host': publicHost },
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		timeout: RESUME_TIMEOUT_MS,
		// This n8n's own certificate is for its public name, not the local address.
		skipSslCertificateValidation: local && socket.encrypted === true,
	};
}

/** The waiting webhook's own answer to a tap that resumed the run (actions/message/wait/webhook.ts). */
function recorded(body: unknown): boolean {
	let parsed = body;
	if (typeof body === 'string') {
		try {
			parsed = JSON.parse(body) as unknown;
		} catch {
			return false;
		}
	}
	return typeof parsed === 'object' && parsed !== null && (parsed as { answer?: unknown }).answer === 'recorded';
}

/** What n8n's waiting webhook (WaitingWebhooks in n8n 1.123 and 2.41) meant by not resuming. */
function refusal(status: number): string {
	if (status === 200) return 'it was answered before, or the run went on without this answer (n8n\'s "no action required")';
	if (status === 401) return "n8n refused the signature: a changed or forged id, or one from another n8n";
	if (status === 404) return 'n8n has no such execution, or it no longer waits for this node';
	if (status === 409) return 'the run is already resuming, or ended with an error';
	return `n8n answered HTTP ${status}`;
}
