import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	IHttpRequestOptions,
	INodeCredentialTestResult,
} from 'n8n-workflow';

import { RampwinApi } from '../../../credentials/RampwinApi.credentials';
import { isRecord } from '../helpers/values';
import { failureCode, isTimeout, networkWords } from '../transport/network';
import { DEFAULT_BASE_URL, parseBaseUrl } from '../transport/request';
const TIMEOUT_MS = 30_000;

/**
 * Tests the Rampwin API credential (both nodes name it in `testedBy`) by posting an empty
 * contact. Rampwin has no read-only endpoint; once the key is accepted it must refuse that
 * contact as invalid (HTTP 400), which creates nothing, so a 400 means the key works.
 *
 * A function rather than the credential's declarative `test`: the declarative form needs
 * `ignoreHttpStatusErrors: { ignore, except }` to let a 400 pass, and n8n 1.x reads that
 * option as a plain boolean, so there every status passed, a wrong key included. Both
 * lines give this function the same legacy request helper, which answers any status
 * with `simple: false`.
 */
export async function rampwinApiTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const data = credential.data ?? {};
	const baseUrl = parseBaseUrl(data.baseUrl);
	if (baseUrl === undefined) {
		return {
			status: 'Error',
			message: `The Base URL is not a web address. Use ${DEFAULT_BASE_URL}, or the address your Rampwin account uses.`,
		};
	}
	const unsigned: IHttpRequestOptions = {
		method: 'POST',
		url: `${baseUrl}/api/contacts`,
		body: {},
		json: true,
		headers: { accept: 'application/json, text/plain, */*', 'content-type': 'application/json;charset=UTF-8' },
		timeout: TIMEOUT_MS,
	};
	// The key goes only where the credential itself puts it (its x-api-key header).
	const signed = await new RampwinApi().authenticate(data, unsigned);
	// A credential test's context has no httpRequest on either n8n line (CredentialTestContext
	// in n8n-core), only this legacy helper, which n8n's lint marks deprecated for nodes.
	const { request } = this.helpers;
	let answer: unknown;
	try {
		answer = await request({ ...signed, simple: false, resolveWithFullResponse: true });
	} catch (error) {
		const code = failureCode(error);
		const words = networkWords(code);
		const fix =
			isTimeout(code)
				? 'Rampwin may be slow or unreachable. Check the Base URL and that this n8n instance can reach it'
				: words.fix;
		return { status: 'Error', message: `${words.what}. ${fix}.` };
	}
	const status = isRecord(answer) && typeof answer.statusCode === 'number' ? answer.statusCode : 0;
	return verdict(status);
}

/** What an HTTP status to an empty contact says about the key and the Base URL. */
export function verdict(status: number): INodeCredentialTestResult {
	if (status === 400 || (status >= 200 && status < 300)) {
		return { status: 'OK', message: 'Connection successful!' };
	}
	const message = (text: string): INodeCredentialTestResult => ({ status: 'Error', message: text });
	switch (status) {
		case 401:
			return message('Rampwin rejected the API key (HTTP 401). Paste the key again from your Rampwin account.');
		case 403:
			return message('Rampwin rejected the API key (HTTP 403). Check that the key is active.');
		case 404:
			return message(`No Rampwin API at this Base URL (HTTP 404). The default is ${DEFAULT_BASE_URL}.`);
		case 429:
			return message('Rampwin is limiting requests (HTTP 429), so the key could not be checked. Try again in a minute.');
	}
	if (status >= 500) {
		return message(
			`Rampwin answered with a server error (HTTP ${status}), so the key could not be checked. Try again later; if it persists, check the Base URL.`,
		);
	}
	return message(
		`The Base URL answered HTTP ${status}, which Rampwin's API does not answer to this test. Check the Base URL; the default is ${DEFAULT_BASE_URL}.`,
	);
}
