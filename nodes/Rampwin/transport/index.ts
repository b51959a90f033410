import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

export const CREDENTIAL_TYPE = 'rampwinApi';
export const DEFAULT_BASE_URL = 'https://api.rampwin.com';

export interface RampwinCredentials {
	apiKey: string;
	baseUrl?: string;
}

export interface RampwinRequest {
	method: 'POST';
	path: string;
	qs?: IDataObject;
	body: object;
}

/** Every call to Rampwin goes through here. Credentials are read once per node run. */
export class RampwinTransport {
	private constructor(
		private readonly ctx: IExecuteFunctions,
		readonly baseUrl: string,
	) {}

	static async create(ctx: IExecuteFunctions): Promise<RampwinTransport> {
		const credentials = await ctx.getCredentials<RampwinCredentials>(CREDENTIAL_TYPE);
		return new RampwinTransport(ctx, normaliseBaseUrl(ctx, credentials.baseUrl));
	}

	/** Sends one request and returns the parsed JSON body of a 2xx answer. */
	async request(request: RampwinRequest, itemIndex: number): Promise<unknown> {
		const options: IHttpRequestOptions = {
			method: request.method,
			url: `${this.baseUrl}${request.path}`,
			qs: request.qs,
			body: request.body,
			json: true,
			headers: {
				accept: 'application/json, text/plain, */*',
				'content-type': 'application/json;charset=UTF-8',
			},
			// Statuses are mapped to clear messages below rather than by the generic handler.
			ignoreHttpStatusErrors: true,
			returnFullResponse: true,
		};
		let response: IN8nHttpFullResponse;
		try {
			response = (await this.ctx.helpers.httpRequestWithAuthentication.call(
				this.ctx,
				CREDENTIAL_TYPE,
				options,
			)) as IN8nHttpFullResponse;
		} catch (error) {
			throw this.networkError(error, itemIndex);
		}
		if (response.statusCode >= 200 && response.statusCode < 300) {
			return parseBody(response.body);
		}
		throw this.statusError(response, itemIndex);
	}

	private statusError(response: IN8nHttpFullResponse, itemIndex: number): NodeApiError {
		const status = response.statusCode;
		const apiMessage = messageOf(parseBody(response.body));
		const [message, description] = describeStatus(status, apiMessage, this.baseUrl);
		const errorResponse: JsonObject = { httpCode: String(status) };
		if (apiMessage !== undefined) errorResponse.message = apiMessage;
		return new NodeApiError(this.ctx.getNode(), errorResponse, {
			message,
			description,
			httpCode: String(status),
			itemIndex,
		});
	}

	private networkError(error: unknown, itemIndex: number): NodeApiError {
		const code = errorCode(error) ?? 'unknown';
		// Built from the code alone: the transport's own error object carries the request
		// headers, and with them the API key. The code stays out of the message because
		// NodeApiError swaps messages that name a network code for a generic text.
		return new NodeApiError(
			this.ctx.getNode(),
			{ networkError: code },
			{
				message: `Could not reach Rampwin at ${this.baseUrl}`,
				description: `Network error ${code}. Check the Base URL in the Rampwin API credential and that this n8n instance can reach it.`,
				itemIndex,
			},
		);
	}
}

function normaliseBaseUrl(ctx: IExecuteFunctions, baseUrl: string | undefined): string {
	const text = (baseUrl ?? '').trim() || DEFAULT_BASE_URL;
	let url: URL;
	try {
		url = new URL(text);
	} catch {
		url = new URL('invalid:');
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:') {
		throw new NodeOperationError(ctx.getNode(), `The Base URL "${text}" is not a valid web address`, {
			description: `Set the Base URL in the Rampwin API credential to ${DEFAULT_BASE_URL}, or to the address your Rampwin account uses`,
		});
	}
	return text.replace(/\/+$/, '');
}

function describeStatus(
	status: number,
	apiMessage: string | undefined,
	baseUrl: string,
): [message: string, description: string] {
	const said = apiMessage ? `: ${apiMessage}` : '';
	if (status === 400) {
		return [
			`Rampwin refused the contact${said}`,
			'Rampwin answers 400 both for invalid fields and for a contact whose phone number already exists on this channel',
		];
	}
	if (status === 401 || status === 403) {
		return [
			`Rampwin rejected the API key (HTTP ${status})`,
			'Open the Rampwin API credential and paste the API key again from your Rampwin account settings',
		];
	}
	if (status === 404) {
		return [
			`Rampwin has no such endpoint or channel (HTTP 404)${said}`,
			`Check the Base URL in the credential (now ${baseUrl}) and the Channel ID`,
		];
	}
	if (status === 429) {
		return [
			'Rampwin is rate limiting requests (HTTP 429)',
			'Too many requests were sent in a short time; wait a moment and run the workflow again',
		];
	}
	if (status >= 500) {
		return [
			`Rampwin had a server error (HTTP ${status})`,
			'This is usually temporary; try again in a few minutes',
		];
	}
	return [`Rampwin answered with HTTP ${status}${said}`, 'Check the node settings and try again'];
}

/** The API answers JSON, but proxies in front of it may answer HTML or plain text. */
function parseBody(body: unknown): unknown {
	if (typeof body !== 'string') return body;
	try {
		return JSON.parse(body) as unknown;
	} catch {
		return body;
	}
}

function messageOf(body: unknown): string | undefined {
	if (isObject(body) && typeof body.message === 'string' && body.message.trim() !== '') {
		return body.message.trim();
	}
	return undefined;
}

function errorCode(error: unknown): string | undefined {
	for (let current: unknown = error, depth = 0; isObject(current) && depth < 4; depth++) {
		if (typeof current.code === 'string' && current.code !== '') return current.code;
		current = current.cause;
	}
	return undefined;
}

export function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
