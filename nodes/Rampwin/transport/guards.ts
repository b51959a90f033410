import type { IExecuteFunctions, IHttpRequestOptions, NodeEgressFilter, RequestHelperFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { failureCode } from './network';

/**
 * Where Keep Connections Open may not be used: where Node's fetch would go around a
 * protection the instance gives the requests of n8n's helper. The node cannot read the
 * instance's settings (n8n's scanner keeps `process` from community nodes), so it asks n8n:
 * its egress filter where it has one (n8n 2.30 and later), or else its request helper.
 */

const OPTION = 'Keep Connections Open (in Options)';

/** A host no resolver answers (RFC 6761); only a proxy in between would. */
const PROXY_CHECK_HOST = 'rampwin-keep-open-check.invalid';

/** A closed port on this machine: refused at once, unless something in the helper stops the request first. */
const LOOPBACK_CHECK_URL = 'http://127.0.0.1:1/';

export async function refuseWhereProtected(ctx: IExecuteFunctions, baseUrl: string): Promise<void> {
	const filters = egressFilters(ctx);
	if (filters !== undefined && filters.instance !== filters.bypass) throw ssrfRefusal(ctx);
	await refuseBehindProxy(ctx, baseUrl);
	// n8n 2.14 to 2.27 check the helper's requests against SSRF rules without the egress
	// filter; n8n 1.x has no such rules. Asked after the proxy, which would take the check.
	if (filters === undefined && (await helperGuardsLoopback(ctx))) throw ssrfRefusal(ctx);
}

/**
 * n8n's egress filter under the instance's policy, and the one it hands out to bypass it:
 * the same one when the protection is off. Undefined where n8n has no egress filter.
 */
function egressFilters(ctx: IExecuteFunctions): { instance: NodeEgressFilter; bypass: NodeEgressFilter } | undefined {
	const { getSecureEgressFilter } = ctx.helpers as Partial<Pick<RequestHelperFunctions, 'getSecureEgressFilter'>>;
	if (typeof getSecureEgressFilter !== 'function') return undefined;
	return { instance: getSecureEgressFilter('safe'), bypass: getSecureEgressFilter('unsafe') };
}

/**
 * Whether n8n's helper stops a request to a loopback address before connecting, as SSRF
 * protection does with its default rules: the request is otherwise refused by the closed port
 * (ECONNREFUSED). Anything else counts as a guard, including something listening there.
 */
export async function helperGuardsLoopback(ctx: IExecuteFunctions): Promise<boolean> {
	return (await helperOutcome(ctx, LOOPBACK_CHECK_URL)) !== 'ECONNREFUSED';
}

/**
 * n8n 2.x checks every connection its helper opens against the instance's SSRF rules, when
 * the host's address is looked up. Fetch does its own look-up, which a community node cannot
 * hand n8n's check (that takes an undici dispatcher, out of the scanner's reach).
 */
function ssrfRefusal(ctx: IExecuteFunctions): NodeOperationError {
	return new NodeOperationError(ctx.getNode(), `${OPTION} can't be used while this n8n instance's SSRF protection is on`, {
		itemIndex: 0,
		description:
			"n8n checks every connection its request helper opens against the instance's SSRF rules; the kept-open connections use Node's fetch, which the node cannot make check them when it connects. Turn Keep Connections Open off: the node then sends through n8n's helper, under the protection.",
	});
}

/**
 * Whether n8n's helper would send through a proxy, asked of the helper itself: a request to
 * a .invalid host fails with ENOTFOUND (or EAI_AGAIN) when the helper looks the host up
 * itself, and ends any other way when a proxy takes it. The node cannot read HTTP(S)_PROXY or
 * NO_PROXY, so anything else refuses the option, as does a NO_PROXY that would exempt Rampwin
 * but not the check's host.
 */
async function refuseBehindProxy(ctx: IExecuteFunctions, baseUrl: string): Promise<void> {
	const code = await helperOutcome(ctx, `${new URL(baseUrl).protocol}//${PROXY_CHECK_HOST}/`);
	// EAI_AGAIN: the look-up went out but no resolver answered; still the helper's own.
	if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return;
	throw new NodeOperationError(ctx.getNode(), `${OPTION} can't be used: n8n may send requests through a proxy here`, {
		itemIndex: 0,
		description: `Node's fetch, which keeps the connections open, ignores HTTP_PROXY, HTTPS_PROXY and NO_PROXY, so it would go around the proxy that n8n's request helper uses. (A check for a host that cannot exist ended with ${code} instead of "not found".) Turn Keep Connections Open off: the node then sends through n8n's helper and its proxy.`,
	});
}

/** How a bare GET through n8n's helper ended: the network code of its failure, or "an answer". */
async function helperOutcome(ctx: IExecuteFunctions, url: string): Promise<string> {
	const check: IHttpRequestOptions = { method: 'GET', url, timeout: 5_000, disableFollowRedirect: true, ignoreHttpStatusErrors: true };
	try {
		await ctx.helpers.httpRequest(check);
		return 'an answer';
	} catch (error) {
		return failureCode(error);
	}
}
