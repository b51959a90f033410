import type {
	ICredentialsDecrypted,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
	IWebhookFunctions,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { RampwinRequest } from './types';

const CREDENTIAL_TYPE = 'rampwinApi';
export const DEFAULT_BASE_URL = 'https://api.rampwin.com';

/** Every n8n context a Rampwin call is made from: a node run, a trigger's webhook methods, a delivery. */
export type RampwinContext = IExecuteFunctions | IHookFunctions | IWebhookFunctions | ILoadOptionsFunctions;

/** The credential, read and decrypted once for all the calls of one run or hook. */
export interface Connection {
	baseUrl: string;
	credentials: ICredentialsDecrypted;
}

export async function connect(ctx: RampwinContext): Promise<Connection> {
	const data = await ctx.getCredentials(CREDENTIAL_TYPE);
	const reference = ctx.getNode().credentials?.[CREDENTIAL_TYPE];
	return {
		baseUrl: normaliseBaseUrl(ctx, typeof data.baseUrl === 'string' ? data.baseUrl : undefined),
		credentials: { id: reference?.id ?? '', name: reference?.name ?? '', type: CREDENTIAL_TYPE, data },
	};
}

/**
 * One authenticated call through n8n's request helper. Every status comes back as an
 * answer, so the caller words it; a failure to get an answer throws the helper's error.
 */
export async function request(
	ctx: RampwinContext,
	connection: Connection,
	call: RampwinRequest,
	timeout: number,
): Promise<IN8nHttpFullResponse> {
	const options: IHttpRequestOptions = {
		method: call.method,
		url: `${connection.baseUrl}${call.path}`,
		qs: call.qs,
		body: call.body,
		json: true,
		headers: {
			accept: 'application/json, text/plain, */*',
			'content-type': call.contentType ?? 'application/json;charset=UTF-8',
		},
		timeout,
		ignoreHttpStatusErrors: true,
		returnFullResponse: true,
		// Rampwin's reference has no redirects, and following one would turn a POST into a GET
		// without its body. Not following them also spares n8n's request helper a wrapper around
		// every request: a third more requests a second (README › Performance).
		disableFollowRedirect: true,
	};
	return (await ctx.helpers.httpRequestWithAuthentication.call(ctx, CREDENTIAL_TYPE, options, {
		credentialsDecrypted: connection.credentials,
	})) as IN8nHttpFullResponse;
}

function normaliseBaseUrl(ctx: RampwinContext, baseUrl: string | undefined): string {
	const normalised = parseBaseUrl(baseUrl);
	if (normalised === undefined) {
		const text = (baseUrl ?? '').trim();
		throw new NodeOperationError(ctx.getNode(), `The Base URL "${text}" is not a valid web address`, {
			description: `Set the Base URL in the Rampwin API credential to ${DEFAULT_BASE_URL}, or to the address your Rampwin account uses`,
		});
	}
	return normalised;
}

/** The Base URL without trailing slashes, the default when blank; undefined if it is no http(s) address. */
export function parseBaseUrl(value: unknown): string | undefined {
	const text = (typeof value === 'string' ? value : '').trim() || DEFAULT_BASE_URL;
	try {
		const { protocol } = new URL(text);
		return protocol === 'https:' || protocol === 'http:' ? text.replace(/\/+$/, '') : undefined;
	} catch {
		return undefined;
	}
}
