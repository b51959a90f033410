import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	Icon,
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

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				'x-api-key': '={{$credentials.apiKey}}',
			},
		},
	};

	// Rampwin has no read-only endpoint, so the test posts an empty contact: Rampwin must
	// refuse it as invalid (HTTP 400) once the key is accepted, and creates nothing.
	// Only the answers that mean "key refused" or "no API here" fail the test.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl}}',
			url: '/api/contacts',
			method: 'POST',
			body: {},
			ignoreHttpStatusErrors: true,
			returnFullResponse: true,
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'statusCode',
					value: 401,
					message: 'Rampwin rejected the API key (HTTP 401). Paste the key again from your Rampwin account.',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'statusCode',
					value: 403,
					message: 'Rampwin rejected the API key (HTTP 403). Check that the key is active.',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'statusCode',
					value: 404,
					message: 'No Rampwin API at this Base URL (HTTP 404). The default is https://api.rampwin.com.',
				},
			},
		],
	};
}
