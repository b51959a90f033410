import type { IExecuteFunctions } from 'n8n-workflow';

import { RampwinApi } from '../../../credentials/RampwinApi.credentials';
import { fetchRequest, type FetchTarget } from './fetch';
import { refuseWhereProtected } from './guards';
import type { Connection } from './request';
import type { Sender } from './types';

/**
 * Keep Connections Open: requests go over Node's global fetch, whose pool keeps connections
 * open between them, instead of n8n's helper, which opens one per request. Refused where
 * that would bypass a protection the instance applies to the helper's requests: n8n's SSRF
 * protection, or a proxy (fetch ignores HTTP(S)_PROXY and NO_PROXY).
 */
export async function keptOpen(ctx: IExecuteFunctions, connection: Connection): Promise<Sender> {
	await refuseWhereProtected(ctx, connection.baseUrl);
	const target: FetchTarget = { node: ctx.getNode(), baseUrl: connection.baseUrl, headers: await authenticated(connection) };
	return async (call, timeout) => await fetchRequest(target, call, timeout, ctx.getExecutionCancelSignal?.());
}

/**
 * The headers the credential's authenticate() sets (the x-api-key), called as n8n calls it
 * for the helper's requests; no n8n helper hands them out without sending a request.
 */
async function authenticated(connection: Connection): Promise<Record<string, string>> {
	const signed = await new RampwinApi().authenticate(connection.credentials.data ?? {}, { url: connection.baseUrl, headers: {} });
	const headers: Record<string, string> = {};
	for (const [name, value] of Object.entries(signed.headers ?? {})) {
		if (value !== undefined && value !== null) headers[name.toLowerCase()] = String(value);
	}
	return headers;
}
