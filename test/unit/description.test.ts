import type { INodePropertyCollection, INodePropertyOptions, INodeProperties } from 'n8n-workflow';

import { RampwinApi } from '../../credentials/RampwinApi.credentials';
import { Rampwin } from '../../nodes/Rampwin/Rampwin.node';
import { ATTRIBUTE_TYPES } from '../../nodes/Rampwin/helpers/attributes';
import { ADDITIONAL_FIELDS } from '../../nodes/Rampwin/helpers/fields';

const { description } = new Rampwin();
const property = (name: string) => description.properties.find((p) => p.name === name) as INodeProperties;

describe('node description', () => {
	test('keeps the public names workflows depend on', () => {
		expect(description.name).toBe('rampwin');
		expect(description.version).toBe(1);
		expect(description.usableAsTool).toBe(true);
		expect(description.credentials).toEqual([{ name: 'rampwinApi', required: true }]);
		expect(property('resource').options).toEqual([{ name: 'Contact', value: 'contact' }]);
		expect(property('operation').options).toEqual([
			expect.objectContaining({ value: 'create', action: 'Create contact' }),
		]);
		for (const name of ['integrationId', 'phoneNumber', 'fullName']) {
			expect(property(name).required).toBe(true);
		}
		expect(property('integrationId').displayName).toBe('Channel ID');
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

	test('sends the key in the x-api-key header through generic authentication', () => {
		expect(credential.name).toBe('rampwinApi');
		expect(credential.authenticate).toEqual({
			type: 'generic',
			properties: { headers: { 'x-api-key': '={{$credentials.apiKey}}' } },
		});
	});

	test('hides the key and defaults the Base URL', () => {
		const apiKey = credential.properties.find((p) => p.name === 'apiKey');
		const baseUrl = credential.properties.find((p) => p.name === 'baseUrl');
		expect(apiKey?.typeOptions?.password).toBe(true);
		expect(baseUrl?.default).toBe('https://api.rampwin.com');
	});
});
