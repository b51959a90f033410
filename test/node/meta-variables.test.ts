// Meta's {{1}} in a template's texts, stored as n8n's editor stores a pasted text: an
// expression ("=Hi {{1}}…"), which n8n would otherwise evaluate to "Hi 1…".
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { runRampwin, type RampwinRunOptions } from '../harness/rampwin-workflow';
import { N8N_LINE } from '../harness/n8n';
import { type AgentMode, runAsTool } from '../harness/tool';
import type { RampwinServer } from '../../sandbox/rampwin-server';
import { useRampwinServer } from '../harness/server';

jest.setTimeout(30_000);

let server: RampwinServer;
useRampwinServer((started) => (server = started));

const TEMPLATES = '/api/message-templates/official-templates';
const PASTED_BODY = '=Hi {{1}}, your table for {{2}} is ready.';
const BODY = 'Hi {{1}}, your table for {{2}} is ready.';

const template: INodeParameters = {
	resource: 'template',
	operation: 'create',
	name: 'table_ready',
	category: 'utility',
	language: 'en_US',
	bodyText: PASTED_BODY,
	bodyExamples: 'Asha\nFriday',
};

function create(parameters: INodeParameters, options: Partial<Omit<RampwinRunOptions, 'server'>> = {}) {
	return runRampwin({ server, items: [{}], ...options, parameters: { ...template, ...parameters } });
}

const sentComponents = () =>
	server.requests
		.filter((request) => request.path === TEMPLATES)
		.map((request) => (JSON.parse(request.rawBody) as { template_json: { components: IDataObject[] } }).template_json.components);

function validatedComponents(output: Array<{ json: IDataObject }>): IDataObject[] {
	const request = output[0]?.json.request as { body: { template_json: { components: IDataObject[] } } } | undefined;
	return request?.body.template_json.components ?? [];
}

describe("Meta's {{1}} in a pasted (expression) field, through n8n-core", () => {
	test('Body: Validate Only shows {{1}} and {{2}} in the request, and sends nothing', async () => {
		const { output, error } = await create({ options: { validateOnly: true } });
		expect(error).toBeUndefined();
		expect(server.requests).toHaveLength(0);
		expect(output[0].json.valid).toBe(true);
		expect(validatedComponents(output)).toStrictEqual([{ type: 'BODY', text: BODY, example: { body_text: [['Asha', 'Friday']] } }]);
	});

	test('Body: a real run sends {{1}} and {{2}} to Rampwin', async () => {
		const { error } = await create({});
		expect(error).toBeUndefined();
		expect(sentComponents()).toStrictEqual([[{ type: 'BODY', text: BODY, example: { body_text: [['Asha', 'Friday']] } }]]);
	});

	test('Body: typed (a fixed value) it is sent the same', async () => {
		const { error } = await create({ bodyText: BODY });
		expect(error).toBeUndefined();
		expect(sentComponents()[0][0].text).toBe(BODY);
	});

	test('Body: an n8n expression beside the variables is still evaluated, per item', async () => {
		const { output, error } = await create(
			{ bodyText: '=Hi {{1}}, your table at {{ $json.venue }} is ready{{ $json.mark }}', bodyExamples: 'Asha', options: { validateOnly: true } },
			{ items: [{ venue: 'Luigi’s', mark: '!' }, { venue: 'Café {Blue}', mark: '.' }] },
		);
		expect(error).toBeUndefined();
		expect(output.map((item) => validatedComponents([item])[0].text)).toEqual([
			'Hi {{1}}, your table at Luigi’s is ready!',
			'Hi {{1}}, your table at Café {Blue} is ready.',
		]);
	});

	test('Body: a mapped value that holds {{1}} is sent as it is', async () => {
		const { error } = await create({ bodyText: '={{ $json.text }}' }, { items: [{ text: BODY }] });
		expect(error).toBeUndefined();
		expect(sentComponents()[0][0].text).toBe(BODY);
	});

	test('Body: spaces inside the braces are kept as written', async () => {
		const { output, error } = await create({ bodyText: '=Hi {{ 1 }}', bodyExamples: 'Asha', options: { validateOnly: true } });
		expect(error).toBeUndefined();
		expect(validatedComponents(output)[0].text).toBe('Hi {{ 1 }}');
	});

	test.each(['=Hi {{first_name}}', '=Hi {{ first_name }}'])(
		'Body: a named variable (%s) is refused before sending, naming the field and the fix',
		async (bodyText) => {
			const { error } = await create({ bodyText });
			expect(server.requests).toHaveLength(0);
			expect(error?.message).toMatch(/which is not numbered/);
			expect(error?.message).toContain(bodyText.slice(4));
			expect(error?.description).toMatch(/^Field "Body": Number the variables \{\{1\}\}, \{\{2\}\}/);
		},
	);

	test('Header Text: pasted with {{1}}, the header keeps it', async () => {
		const { error } = await create({ headerType: 'text', headerText: '=Order {{1}} is ready', headerExample: '#1042' });
		expect(error).toBeUndefined();
		expect(sentComponents()[0][0]).toStrictEqual({ type: 'HEADER', format: 'TEXT', text: 'Order {{1}} is ready', example: { header_text: ['#1042'] } });
	});

	test('Footer: a pasted {{1}} is refused (a footer takes none), not sent as "1"', async () => {
		const { error } = await create({ footerText: '=Reply {{1}} to stop' });
		expect(server.requests).toHaveLength(0);
		expect(error?.message).toMatch(/Footer has a variable/);
		expect(error?.description).toMatch(/^Field "Footer"/);
	});

	test('URL button: a pasted address ending in {{1}} keeps it; the other button fields still evaluate', async () => {
		const { error } = await create(
			{
				buttons: {
					button: [{ type: 'url', text: '={{ $json.label }}', url: '=https://example.com/tables/{{1}}', urlExample: '=T-{{ $json.table }}' }],
				},
			},
			{ items: [{ label: 'See table', table: 7 }] },
		);
		expect(error).toBeUndefined();
		expect(sentComponents()[0][1]).toStrictEqual({
			type: 'BUTTONS',
			buttons: [{ type: 'URL', text: 'See table', url: 'https://example.com/tables/{{1}}', example: ['T-7'] }],
		});
	});

	test('Components (JSON): pasted JSON with {{1}} and an n8n expression', async () => {
		const componentsJson =
			'=[{"type": "HEADER", "format": "TEXT", "text": "Table {{1}}", "example": {"header_text": ["7"]}}, {"type": "BODY", "text": "Hi {{1}}, see you at {{ $json.venue }}", "example": {"body_text": [["Asha"]]}}]';
		const { error } = await create({ componentsInput: 'json', componentsJson }, { items: [{ venue: 'Luigi' }] });
		expect(error).toBeUndefined();
		expect(sentComponents()[0]).toStrictEqual([
			{ type: 'HEADER', format: 'TEXT', text: 'Table {{1}}', example: { header_text: ['7'] } },
			{ type: 'BODY', text: 'Hi {{1}}, see you at Luigi', example: { body_text: [['Asha']] } },
		]);
	});

	test('an expression that fails is reported as n8n reports it, and nothing is sent', async () => {
		const { error } = await create({ bodyText: '=Hi {{1}} {{ $json.a.b.c }}' }, { items: [{}] });
		expect(server.requests).toHaveLength(0);
		expect(error).toBeDefined();
	});
});

describe("Meta's {{1}} through the AI-tool path", () => {
	const fromAI = (key: string, description: string) =>
		`={{ /*n8n-auto-generated-fromAI-override*/ $fromAI('${key}', \`${description}\`, 'string') }}`;
	// The engine mode runs the tool through n8n 2.x's tool internals (see test/node/tool.test.ts).
	const modes: AgentMode[] = N8N_LINE === '1' ? ['invoke'] : ['invoke', 'engine'];

	test.each(modes)('Body from the model, and a pasted {{1}} beside $fromAI (%s)', async (mode) => {
		const { error, workflowError } = await runAsTool({
			server,
			mode,
			parameters: {
				...template,
				integrationId: 'chan-1',
				bodyText: "=Hi {{1}}, {{ $fromAI('Offer', 'The offer', 'string') }}",
				bodyExamples: fromAI('Examples', 'One sample value per line'),
			},
			args: { Offer: 'your table is ready.', Examples: 'Asha' },
		});
		expect(workflowError).toBeUndefined();
		expect(error).toBeUndefined();
		expect(sentComponents()).toStrictEqual([[{ type: 'BODY', text: 'Hi {{1}}, your table is ready.', example: { body_text: [['Asha']] } }]]);
	});

	test.each(modes)('a whole Body from the model keeps its {{1}} (%s)', async (mode) => {
		const { error } = await runAsTool({
			server,
			mode,
			parameters: { ...template, integrationId: 'chan-1', bodyText: fromAI('Body', 'The template body') },
			args: { Body: BODY },
		});
		expect(error).toBeUndefined();
		expect(sentComponents()[0][0].text).toBe(BODY);
	});
});
