import type { IExecuteFunctions, IHttpRequestOptions, RequestHelperFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { RampwinApi } from '../../../credentials/RampwinApi.credentials';
import { fetchRequest, type FetchTarget } from './fetch';
import { failureCode } from './network';
import type { Connection } from './request';
import type { Sender } from './types';

/** A host no resolver answers (RFC 6761); only a proxy in between would. */
const PROXY_CHECK_HOST = 'rampwin-keep-open-check.invalid';

const OPTION = 'Keep Connections Open (in Options)';

/**
 * Keep Connections Open: requests go over Node's global fetch, whose pool keeps connections
 * open between them, instead of n8n's helper, which opens one per request. Refused where
 * that would bypass a protection the instance applies to the helper's requests: n8n's SSRF
 * protection, or a proxy (fetch ignores HTTP(S)_PROXY and NO_PROXY).
 */
export async function keptOpen(ctx: IExecuteFunctions, connection: Connection): Promise<Sender> {
	refuseUnderSsrfProtection(ctx);
	await refuseBehindProxy(ctx, connection.baseUrl);
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

/**
 * n8n 2.x checks every request of its helper against the instance's SSRF rules, before the
 * request and again at connect time, when the host's address is looked up. Its egress filter
 * lets a node do the first, but fetch's own look-up cannot be given the second. So the option
 * is refused while the protection is on: the filter n8n returns under the instance's policy
 * is then not the one it returns when told to bypass it. n8n 1.x has no SSRF protection.
 */
function refuseUnderSsrfProtection(ctx: IExecuteFunctions): void {
	const { getSecureEgressFilter } = ctx.helpers as Partial<Pick<RequestHelperFunctions, 'getSecureEgressFilter'>>;
	if (typeof getSecureEgressFilter !== 'function') return;
	if (getSecureEgressFilter('safe') === getSecureEgressFilter('unsafe')) return;
	throw new NodeOperationError(ctx.getNode(), `${OPTION} can't be used while this n8n instance's SSRF protection is on`, {
		itemIndex: 0,
		description:
			"n8n checks every connection its request helper opens against the instance's SSRF rules; the kept-open connections use Node's fetch, which the node cannot make check them when it connects. Turn Keep Connections Open off: the node then sends through n8n's helper, under the protection.",
	});
}

/**
 * Whether n8n's helper would send through a proxy, asked of the helper itself: a request to
 * a .invalid host fails with ENOTFOUND (or EAI_AGAIN) when the helper looks the host up
 * itself, and ends any other way when a proxy takes it. The node cannot read HTTP(S)_PROXY or NO_PROXY (n8n's rules
 * keep `process` from community nodes), so anything else refuses the option, as does a
 * NO_PROXY that would exempt Rampwin but not the check's host.
 */
async function refuseBehindProxy(ctx: IExecuteFunctions, baseUrl: string): Promise<void> {
	const check: IHttpRequestOptions = {
		method: 'GET',
		url: `${new URL(baseUrl).protocol}//${PROXY_CHECK_HOST}/`,
		timeout: 5_000,
		disableFollowRedirect: true,
		ignoreHttpStatusErrors: true,
	};
	let code: string;
	try {
		await ctx.helpers.httpRequest(check);
		code = 'an answer';
	} catch (error) {
		code = failureCode(error);
	}
	// EAI_AGAIN: the look-up went out but no resolver answered; still the helper's own.
	if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return;
	throw new NodeOperationError(ctx.getNode(), `${OPTION} can't be used: n8n may send requests through a proxy here`, {
		itemIndex: 0,
		description: `Node's fetch, which keeps the connections open, ignores HTTP_PROXY, HTTPS_PROXY and NO_PROXY, so it would go around the proxy that n8n's request helper uses. (A check for a host that cannot exist ended with ${code} instead of "not found".) Turn Keep Connections Open off: the node then sends through n8n's helper and its proxy.`,
	});
}
