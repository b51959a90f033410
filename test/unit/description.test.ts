import type {
	ICredentialDataDecryptedObject,
	IHttpRequestOptions,
	INodePropertyCollection,
	INodePropertyOptions,
	INodeProperties,
} from 'n8n-workflow';

import { RampwinApi } from '../../credentials/RampwinApi.credentials';
import { Rampwin } from '../../nodes/Rampwin/Rampwin.node';
import { ATTRIBUTE_TYPES } from '../../nodes/Rampwin/helpers/contact/attributes';
import { ADDITIONAL_FIELDS } from '../../nodes/Rampwin/helpers/contact/fields';

const { description } = new Rampwin();
const property = (name: string) => description.properties.find((p) => p.name === name) as INodeProperties;
const parameter = (name: string, operation: string) =>
	description.properties.find(
		(p) => p.name === name && p.displayOptions?.show?.operation?.includes(operation),
	) as INodeProperties;

describe('node description', () => {
	test('keeps the public names workflows depend on', () => {
		expect(description.name).toBe('rampwin');
		expect(description.version).toBe(1);
		expect(description.usableAsTool).toBe(true);
		expect(description.credentials).toEqual([{ name: 'rampwinApi', required: true, testedBy: 'rampwinApiTest' }]);
		expect(property('resource').options).toEqual([
			{ name: 'Contact', value: 'contact' },
			{ name: 'Message', value: 'message' },
			{ name: 'Template', value: 'template' },
		]);
		expect(property('operation').options).toEqual([
			expect.objectContaining({ name: 'Assign to Team Member', value: 'assign', action: 'Assign a contact to a team member' }),
			expect.objectContaining({ name: 'Create', value: 'create', action: 'Create contact' }),
			expect.objectContaining({ name: 'Create or Update', value: 'upsert', action: 'Create or update a contact' }),
		]);
		for (const name of ['integrationId', 'phoneNumber', 'fullName']) {
			expect(parameter(name, 'create').required).toBe(true);
		}
		expect(parameter('integrationId', 'create').displayName).toBe('Channel ID');
	});

	test.each([
		['create', ['integrationId', 'phoneNumber', 'fullName', 'additionalFields', 'customAttributes', 'options']],
		['upsert', ['integrationId', 'phoneNumber', 'fullName', 'additionalFields', 'customAttributes', 'options']],
		['assign', ['integrationId', 'phoneNumber', 'teamMemberEmail', 'options']],
		['sendText', ['integrationId', 'phoneNumber', 'text', 'options']],
		['sendMedia', ['integrationId', 'phoneNumber', 'source', 'fileUrl', 'binaryPropertyName', 'options']],
		['sendButtons', ['integrationId', 'phoneNumber', 'bodyText', 'buttons', 'headerImageUrl', 'footerText', 'options']],
		['sendList', ['integrationId', 'phoneNumber', 'bodyText', 'buttonText', 'sectionsInput', 'sections', 'sectionsJson', 'footerText', 'options']],
		['sendAndWait', ['integrationId', 'phoneNumber', 'message', 'responseType', 'approvalOptions', 'options']],
		['getMany', ['integrationId', 'returnAll', 'limit', 'options']],
		[
			'create',
			['integrationId', 'name', 'category', 'language', 'languageCode', 'componentsInput', 'headerType', 'headerText', 'headerExample', 'headerSource', 'headerHandle', 'headerHandle', 'binaryPropertyName', 'bodyText', 'bodyExamples', 'footerText', 'buttons', 'componentsJson', 'options'],
		],
	])('%s shows the same parameter names as the other operations', (operation, names) => {
		const resource = operation === 'getMany' || names.includes('componentsInput') ? 'template' : undefined;
		const shown = description.properties
			.filter((p) => p.displayOptions?.show?.operation?.includes(operation))
			.filter((p) => resource === undefined ? !p.displayOptions?.show?.resource?.includes('template') : p.displayOptions?.show?.resource?.includes(resource))
			.map((p) => p.name);
		expect(shown).toEqual(names);
	});

	test('the message operations keep the names the issue fixed', () => {
		const operations = description.properties.find(
			(p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes('message'),
		);
		expect((operations?.options as INodePropertyOptions[]).map((o) => [o.value, o.name, o.action])).toEqual([
			['sendAndWait', 'Send and Wait for Response', 'Send message and wait for response'],
			['sendButtons', 'Send Buttons', 'Send a message with reply buttons'],
			['sendList', 'Send List', 'Send a message with a list of options'],
			['sendMedia', 'Send Media', 'Send a media message'],
			['sendText', 'Send Text', 'Send a text message'],
		]);
		const [button] = parameter('buttons', 'sendButtons').options as INodePropertyCollection[];
		expect([button.name, button.values.map((v) => v.name)]).toEqual(['button', ['title', 'id']]);
		const [section] = parameter('sections', 'sendList').options as INodePropertyCollection[];
		const rows = section.values.find((v) => v.name === 'rows');
		expect((rows?.options as INodePropertyCollection[])[0].values.map((v) => v.name)).toEqual(['title', 'id', 'description']);
		expect(parameter('binaryPropertyName', 'sendMedia').default).toBe('data');
	});

	test('the template resource keeps the names the issue fixed, and n8n\'s Return All and Limit', () => {
		const operations = description.properties.find(
			(p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes('template'),
		);
		expect((operations?.options as INodePropertyOptions[]).map((o) => [o.value, o.name, o.action])).toEqual([
			['create', 'Create', 'Create a template'],
			['getMany', 'Get Many', 'Get many templates'],
		]);
		const limit = description.properties.find((p) => p.name === 'limit') as INodeProperties;
		expect([limit.default, limit.typeOptions?.minValue, limit.displayOptions?.show?.returnAll]).toEqual([50, 1, [false]]);
		const options = description.properties.find(
			(p) => p.name === 'options' && p.displayOptions?.show?.operation?.includes('getMany'),
		) as INodeProperties;
		expect((options.options as INodeProperties[]).find((o) => o.name === 'isSyncMessage')?.displayName).toBe('Sync From Meta');
		const categories = (description.properties.find((p) => p.name === 'category')?.options as INodePropertyOptions[]).map((o) => o.name);
		expect(categories).toEqual(['Authentication', 'Marketing', 'Utility']);
	});

	test('Create or Update leaves the name optional; Assign needs a team member e-mail', () => {
		expect(parameter('fullName', 'upsert').required).toBeFalsy();
		expect(parameter('teamMemberEmail', 'assign').required).toBe(true);
	});

	test('every parameter an AI agent fills has a description it can act on', () => {
		const fields = (property('additionalFields').options as INodeProperties[]).map((p) => [p.displayName, p] as const);
		const parameters = description.properties.map((p) => [p.name, p] as const);
		for (const [name, p] of [...parameters, ...fields]) {
			if (['resource', 'operation'].includes(name)) continue;
			expect({ name, described: (p.description ?? '').length > 20 }).toEqual({ name, described: true });
		}
		expect(parameter('phoneNumber', 'assign').description).toMatch(/country code/);
	});

	test('Additional Fields offers exactly the fields the body builder knows, with the same labels', () => {
		const options = property('additionalFields').options as INodeProperties[];
		expect(options.map((option) => [option.name, option.displayName])).toEqual(
			Object.entries(ADDITIONAL_FIELDS).map(([name, field]) => [name, field.label]),
		);
	});

	test('the attribute Type options are exactly the types the helper coerces', () => {
		const [attribute] = property('customAttributes').options as INodePropertyCollection[];
		expect(attribute.name).toBe('attribute');
		const type = attribute.values.find((value) => value.name === 'type') as INodeProperties;
		const values = (type.options as INodePropertyOptions[]).map((option) => option.value);
		expect([...values].sort()).toEqual([...ATTRIBUTE_TYPES].sort());
	});
});

describe('credential', () => {
	const credential = new RampwinApi();

	test('sends the key in the x-api-key header, keeping the request\'s own headers', async () => {
		expect(credential.name).toBe('rampwinApi');
		expect(typeof credential.authenticate).toBe('function');
		const authenticate = credential.authenticate as (
			credentials: ICredentialDataDecryptedObject,
			options: IHttpRequestOptions,
		) => Promise<IHttpRequestOptions>;
		const request: IHttpRequestOptions = { url: '/api/contacts', headers: { accept: 'application/json' } };
		const signed = await authenticate({ apiKey: 'k-123', baseUrl: 'https://api.rampwin.com' }, request);
		expect(signed).toEqual({ url: '/api/contacts', headers: { accept: 'application/json', 'x-api-key': 'k-123' } });
		// The caller's options are not changed in place.
		expect(request.headers).toEqual({ accept: 'application/json' });
	});

	test('hides the key and defaults the Base URL', () => {
		const apiKey = credential.properties.find((p) => p.name === 'apiKey');
		const baseUrl = credential.properties.find((p) => p.name === 'baseUrl');
		expect(apiKey?.typeOptions?.password).toBe(true);
		expect(baseUrl?.default).toBe('https://api.rampwin.com');
	});
});
