import type { IHookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { isRecord } from '../helpers/values';
import { callRampwin } from '../transport';

export interface Registration {
	channel: string;
	url: string;
	events: Record<string, boolean>;
}

/**
 * The production registration of each active trigger that this n8n process made or saw a
 * delivery for, so that the end of a test listener can point the channel back at it.
 */
const production = new Map<string, Registration>();

export function rememberProduction(key: string, registration: Registration): void {
	production.set(key, registration);
}

export function forgetProduction(key: string): void {
	production.delete(key);
}

export function productionOf(key: string): Registration | undefined {
	return production.get(key);
}

/** The test URL of each trigger whose test listener this process started: its delete() ends the test. */
const testUrls = new Map<string, string>();

export function rememberTestUrl(key: string, url: string): void {
	testUrls.set(key, url);
}

/** Whether a delete() with this hook URL ends the trigger's test listener (and forgets it if so). */
export function endsTest(key: string, url: string): boolean {
	if (testUrls.get(key) !== url) return false;
	testUrls.delete(key);
	return true;
}

export async function register(ctx: IHookFunctions, registration: Registration): Promise<void> {
	const answer = await callRampwin(ctx, {
		method: 'POST',
		path: `/api/integrations/${encodeURIComponent(registration.channel)}/setWebhook`,
		body: { url: registration.url, events: registration.events },
		safety: 'idempotent',
		refused: {
			subject: 'the webhook',
			badRequestHint: 'Check the Channel ID, and that this n8n instance has a public https address (set WEBHOOK_URL) that Rampwin can reach.',
		},
	});
	if (isRecord(answer) && answer.success === false) {
		throw new NodeOperationError(ctx.getNode(), 'Rampwin did not register the webhook', {
			description: typeof answer.message === 'string' ? answer.message : 'The answer said success: false. Check the Channel ID.',
		});
	}
}

/** A test listener ended: give the channel back to the active workflow's registration. */
export async function restoreProduction(ctx: IHookFunctions, live: Registration): Promise<void> {
	try {
		await register(ctx, live);
		ctx.logger.info('Rampwin Trigger: the channel posts to the active workflow again after the test', {
			node: ctx.getNode().name,
		});
	} catch (error) {
		ctx.logger.warn(
			`Rampwin Trigger: could not point the channel back at the active workflow after the test (${(error as Error).message}); deactivate and activate the workflow again`,
			{ node: ctx.getNode().name },
		);
	}
}
