import type { INodeParameters, INodeType } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { loadPackage, RAMPWIN_TYPE } from '../harness/n8n';
import { type AgentMode, RAMPWIN_TOOL_TYPE, runAsTool } from '../harness/tool';
import type { RampwinServer } from '../../sandbox/rampwin-server';
import { useRampwinServer } from '../harness/server';

let server: RampwinServer;
useRampwinServer((started) => (server = started));

/** A parameter set to "Defined automatically by the model", as n8n's editor writes it. */
function fromAI(key: string, description: string, type = 'string'): string {
	return `={{ /*n8n-auto-generated-fromAI-override*/ $fromAI('${key}', \`${description}\`, '${type}') }}`;
}

const createContact: INodeParameters = {
	resource: 'contact',
	operation: 'create',
	integrationId: 'chan-1',
	phoneNumber: fromAI('Phone_Number', 'The WhatsApp number with country code'),
	fullName: fromAI('Full_Name', "The contact's full name"),
};

const asha = { Phone_Number: '+91 98765 43210', Full_Name: 'Asha' };

const modes: AgentMode[] = ['invoke', 'engine'];

describe('Rampwin as an AI Agent tool, through n8n-core', () => {
	test('the tool form is the same node with an ai_tool output and a tool description', async () => {
		const { nodeTypes } = await loadPackage();
		const base = nodeTypes.getByNameAndVersion(RAMPWIN_TYPE, 1);
		const tool = nodeTypes.getByNameAndVersion(RAMPWIN_TOOL_TYPE, 1) as INodeType;
		expect(tool.description.name).toBe('rampwinTool');
		expect(tool.description.displayName).toBe('Rampwin Tool');
		expect(tool.description.inputs).toEqual([]);
		expect(tool.description.outputs).toEqual([NodeConnectionTypes.AiTool]);
		expect(tool.description.usableAsTool).toBeUndefined();
		expect(tool.description.credentials).toEqual(base.description.credentials);
		expect(tool.description.properties.slice(0, 2).map((property) => property.name)).toEqual([
			'descriptionType',
			'toolDescription',
		]);
		expect(tool.execute).toBe(base.execute);
		// The node the package ships is left as it was.
		expect(base.description.name).toBe('rampwin');
		expect(base.description.usableAsTool).toBe(true);
	});

	test('the model is told the action and every $fromAI key with its description', async () => {
		const { tool } = await runAsTool({ server, parameters: createContact, args: asha });
		expect(tool).toEqual({
			name: 'Create_contact_in_Rampwin',
			description: 'Create contact in Rampwin',
			schema: {
				Phone_Number: { type: 'string', description: 'The WhatsApp number with country code', required: true },
				Full_Name: { type: 'string', description: "The contact's full name", required: true },
			},
		});
	});

	test('a manual tool description replaces the automatic one', async () => {
		const { tool } = await runAsTool({
			server,
			parameters: {
				...createContact,
				descriptionType: 'manual',
				toolDescription: 'Adds a person to the sales WhatsApp channel',
			},
			args: asha,
		});
		expect(tool.description).toBe('Adds a person to the sales WhatsApp channel');
	});

	describe.each(modes)('the agent runs the tool (%s)', (mode) => {
		test('creates the contact from the model’s arguments and hands the contact back', async () => {
			const { response, error, toolRuns, workflowError } = await runAsTool({
				server,
				mode,
				parameters: createContact,
				args: asha,
			});

			expect(workflowError).toBeUndefined();
			expect(error).toBeUndefined();
			expect(server.requests).toHaveLength(1);
			const [request] = server.requests;
			expect(request).toMatchObject({ method: 'POST', path: '/api/contacts', query: { integration_id: 'chan-1' } });
			expect(request.headers['x-api-key']).toBe(server.apiKey);
			expect(JSON.parse(request.rawBody)).toStrictEqual({
				phone_number: 919876543210,
				full_name: 'Asha',
				integration_id: 'chan-1',
			});

			const stored = [...server.contacts.values()][0];
			expect(response).toBe(
				JSON.stringify([
					{ _id: stored._id, phone_number: 919876543210, full_name: 'Asha', integration_id: 'chan-1' },
				]),
			);
			// n8n logs the model's arguments as the tool's input, which is where $fromAI reads them.
			expect(toolRuns).toHaveLength(1);
			expect(toolRuns[0].executionStatus).toBe('success');
			expect(toolRuns[0].inputOverride?.ai_tool?.[0]?.[0]?.json).toEqual(asha);
		});

		test('a number typed key arrives as a number', async () => {
			const { tool, error } = await runAsTool({
				server,
				mode,
				parameters: { ...createContact, phoneNumber: fromAI('Phone_Number', 'Digits with country code', 'number') },
				args: { Phone_Number: 919876543210, Full_Name: 'Asha' },
			});
			expect(error).toBeUndefined();
			expect(tool.schema.Phone_Number.type).toBe('number');
			expect(server.requests[0].body).toMatchObject({ phone_number: 919876543210 });
		});
	});

	describe('bad input from the model is refused before any request', () => {
		/** Invoked, the tool throws; run by the engine, the agent gets the tool node's output. */
		function toldToModel({ error, response }: { error?: { message: string }; response?: string }, mode: AgentMode) {
			if (mode === 'invoke') return error?.message;
			return (JSON.parse(response ?? '[]') as Array<{ error?: string }>)[0]?.error;
		}

		test.each(modes)('a phone with letters: the model is told the field and the fix (%s)', async (mode) => {
			const result = await runAsTool({ server, mode, parameters: createContact, args: { ...asha, Phone_Number: 'abc' } });
			expect(server.requests).toHaveLength(0);
			expect(result.workflowError).toBeUndefined();
			expect(result.error?.name).toBe('NodeOperationError');
			expect(result.toolRuns[0].executionStatus).toBe('error');
			const told = toldToModel(result, mode);
			expect(told).toMatch(/Phone number "abc" contains letters/);
			expect(told).toMatch(/Field "Phone Number": Use digits only, with the country code, e\.g\. \+91 98765 43210/);
		});

		test('invoked, a missing key is refused by the tool’s schema, so the node never runs', async () => {
			const { error, toolRuns } = await runAsTool({
				server,
				parameters: createContact,
				args: { Phone_Number: asha.Phone_Number },
			});
			expect(error?.message).toMatch(/did not match expected schema[\s\S]*Full_Name/);
			expect(toolRuns).toHaveLength(0);
			expect(server.requests).toHaveLength(0);
		});

		test('run by the engine, which does not check the schema, a missing key is caught by the node', async () => {
			const result = await runAsTool({
				server,
				mode: 'engine',
				parameters: createContact,
				args: { Phone_Number: asha.Phone_Number },
			});
			expect(toldToModel(result, 'engine')).toMatch(/Full Name is empty\. Field "Full Name": Enter the contact's full name/);
			expect(server.requests).toHaveLength(0);
		});
	});
});


describe('Create or Update and Assign as tools', () => {
	const upsertContact: INodeParameters = {
		resource: 'contact',
		operation: 'upsert',
		integrationId: 'chan-1',
		phoneNumber: fromAI('Phone_Number', 'The WhatsApp number with country code, e.g. +91 98765 43210'),
		additionalFields: { city: fromAI('City', 'The city the contact lives in') },
	};

	test.each(modes)('the model creates, then updates, one contact; the name it left out is kept (%s)', async (mode) => {
		await runAsTool({ server, mode, parameters: { ...upsertContact, fullName: fromAI('Full_Name', 'Name') }, args: { ...asha, City: 'Pune' } });
		const { response, error, tool } = await runAsTool({
			server,
			mode,
			parameters: upsertContact,
			args: { Phone_Number: '919876543210@c.us', City: 'Mumbai' },
		});
		expect(error).toBeUndefined();
		expect(Object.keys(tool.schema)).toEqual(['Phone_Number', 'City']);
		expect(server.requests.map((request) => request.body)).toEqual([
			{ phone_number: '+919876543210', full_name: 'Asha', city: 'Pune' },
			{ phone_number: '+919876543210', city: 'Mumbai' },
		]);
		const stored = server.contacts.get('chan-1 +919876543210');
		expect(stored).toMatchObject({ full_name: 'Asha', city: 'Mumbai' });
		expect(JSON.parse(response ?? '[]')).toEqual([{ _id: stored?._id, phone_number: '+919876543210' }]);
	});

	test('assigning to an unknown team member tells the model what Rampwin said and what to do', async () => {
		const { error } = await runAsTool({
			server,
			parameters: {
				resource: 'contact',
				operation: 'assign',
				integrationId: 'chan-1',
				phoneNumber: fromAI('Phone_Number', 'The WhatsApp number with country code'),
				teamMemberEmail: fromAI('Team_Member_Email', 'The team member’s Rampwin e-mail'),
			},
			args: { Phone_Number: '+91 98765 43210', Team_Member_Email: 'nobody@rampwin.test' },
		});
		expect(server.requests).toHaveLength(1);
		expect(error?.message).toMatch(/Rampwin refused the assignment: Invalid team member or contact not found/);
		expect(error?.message).toMatch(/Create the contact first/);
	});
});

describe('Templates as tools: an agent drafts a template, submits it and reads it back', () => {
	const draft: INodeParameters = {
		resource: 'template',
		operation: 'create',
		integrationId: 'chan-1',
		name: fromAI('Template_Name', 'Lowercase letters, digits and underscores'),
		category: fromAI('Category', 'MARKETING, UTILITY or AUTHENTICATION'),
		language: 'en_US',
		componentsInput: 'json',
		componentsJson: fromAI('Components', "The template's components as JSON in Meta's shape, with an example for every variable"),
	};
	const components = [
		{ type: 'BODY', text: 'Hi {{1}}, your table for {{2}} is ready.', example: { body_text: [['Asha', '4']] } },
		{ type: 'BUTTONS', buttons: [{ type: 'QUICK_REPLY', text: 'On my way' }] },
	];
	const args = { Template_Name: 'table_ready', Category: 'utility', Components: JSON.stringify(components) };

	test.each(modes)('the model submits its draft; Rampwin holds it as PENDING (%s)', async (mode) => {
		const { response, error, tool } = await runAsTool({ server, mode, parameters: draft, args });
		expect(error).toBeUndefined();
		expect(Object.keys(tool.schema)).toEqual(['Template_Name', 'Category', 'Components']);
		expect(server.requests.map((request) => request.body)).toEqual([
			{ channel_id: 'chan-1', template_json: { name: 'table_ready', category: 'UTILITY', language: 'en_US', components } },
		]);
		const [stored] = server.templates.get('chan-1') ?? [];
		expect(JSON.parse(response ?? '[]')).toEqual([
			{ template_id: stored.template_id, name: 'table_ready', status: 'PENDING', category: 'UTILITY', language: 'en_US' },
		]);
	});

	test.each(modes)('a draft without examples: the model is told the field and the fix, nothing is sent (%s)', async (mode) => {
		const bare = [{ type: 'BODY', text: 'Hi {{1}}' }];
		const result = await runAsTool({ server, mode, parameters: draft, args: { ...args, Components: JSON.stringify(bare) } });
		const told = mode === 'invoke' ? result.error?.message : (JSON.parse(result.response ?? '[]') as Array<{ error?: string }>)[0]?.error;
		expect(told).toMatch(/The body has 1 variable but no example\. Field "Components \(JSON\)": Meta rejects a template without a sample value/);
		expect(server.requests).toHaveLength(0);
	});

	test.each(modes)('the model lists the channel\'s templates with their status (%s)', async (mode) => {
		await runAsTool({ server, mode, parameters: draft, args });
		server.setTemplateStatus('chan-1', 'table_ready', 'APPROVED');
		const { response, error } = await runAsTool({
			server,
			mode,
			parameters: { resource: 'template', operation: 'getMany', integrationId: 'chan-1', limit: fromAI('Limit', 'How many templates', 'number') },
			args: { Limit: 5 },
		});
		expect(error).toBeUndefined();
		expect(JSON.parse(response ?? '[]')).toEqual([expect.objectContaining({ name: 'table_ready', status: 'APPROVED' })]);
		// One template on a page of five; the empty second page ends the list.
		expect(server.requests.slice(1).map((request) => request.query)).toEqual(['1', '2'].map((page) => ({ channel_id: 'chan-1', isPagination: 'true', page, page_size: '5' })));
	});
});
