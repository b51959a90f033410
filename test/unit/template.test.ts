import { templatesInPage } from '../../nodes/Rampwin/helpers/template/list';
import { parseCategory, parseLanguage, parseTemplateName, TEMPLATE_LIMITS } from '../../nodes/Rampwin/helpers/template/rules';
import { buildComponents, parseComponentsJson, type TemplateFieldsInput } from '../../nodes/Rampwin/helpers/template/template';
import { refusal } from '../harness/refusal';


const body = (text: string, examples?: string) => buildComponents({ headerFormat: 'none', bodyText: text, bodyExamples: examples });
const fields = (input: Partial<TemplateFieldsInput>) => buildComponents({ headerFormat: 'none', bodyText: 'Hello', ...input });

describe('the component builder', () => {
	test('builds the parts in Meta\'s order, only those that are set', () => {
		expect(
			fields({
				headerFormat: 'text',
				headerText: 'Order {{1}}',
				headerExample: '#1',
				bodyText: 'Hi {{1}}, {{2}} and {{1}} again',
				bodyExamples: ['Asha', 7],
				footerText: 'Bye',
				buttons: { button: [{ type: 'quickReply', text: 'Ok' }, { type: 'url', text: 'Go', url: ' https://x.io/{{1}} ', urlExample: 'a' }] },
			}),
		).toStrictEqual([
			{ type: 'HEADER', format: 'TEXT', text: 'Order {{1}}', example: { header_text: ['#1'] } },
			{ type: 'BODY', text: 'Hi {{1}}, {{2}} and {{1}} again', example: { body_text: [['Asha', '7']] } },
			{ type: 'FOOTER', text: 'Bye' },
			{ type: 'BUTTONS', buttons: [{ type: 'QUICK_REPLY', text: 'Ok' }, { type: 'URL', text: 'Go', url: 'https://x.io/{{1}}', example: ['a'] }] },
		]);
		expect(body('Hello')).toStrictEqual([{ type: 'BODY', text: 'Hello' }]);
	});

	test('body examples: one per line, a list, or a JSON list', () => {
		for (const examples of ['Asha\n\n #1 \n', '["Asha", "#1"]']) {
			expect(body('{{1}} {{2}}', examples)[0].example).toEqual({ body_text: [['Asha', '#1']] });
		}
	});

	test('a media header carries its handle; a phone button its number with +', () => {
		expect(fields({ headerFormat: 'video', headerHandle: ' 4::v ' })[0]).toEqual({ type: 'HEADER', format: 'VIDEO', example: { header_handle: ['4::v'] } });
		const [, buttons] = fields({ buttons: [{ type: 'phoneNumber', text: 'Call', phoneNumber: '98765 43210' }], defaultCountryCode: '91' });
		expect(buttons.buttons).toEqual([{ type: 'PHONE_NUMBER', text: 'Call', phone_number: '+919876543210' }]);
	});
});

describe('each rule', () => {
	test.each([
		['order_shipped_2', 'order_shipped_2'],
		[' spaced_out ', 'spaced_out'],
	])('name %p is kept', (given, kept) => expect(parseTemplateName(given)).toBe(kept));

	test.each([
		['', /Name is empty/],
		['Order-Shipped', /may only contain lowercase letters, digits and underscores/],
		['a'.repeat(TEMPLATE_LIMITS.name + 1), /513 characters; Meta allows 512/],
	])('name %p is refused', (given, message) => expect(refusal(() => parseTemplateName(given)).message).toMatch(message));

	test('the name refusal suggests a name Meta takes', () => expect(refusal(() => parseTemplateName('Order Shipped!')).hint).toMatch(/"order_shipped"/));

	test('category and language', () => {
		expect(parseCategory('marketing')).toBe('MARKETING');
		expect(refusal(() => parseCategory('promo')).field).toBe('Category');
		expect(parseLanguage('en_US')).toBe('en_US');
		expect(parseLanguage('prs_AF')).toBe('prs_AF');
		expect(refusal(() => parseLanguage('en-US')).hint).toMatch(/"en_US"/);
	});

	test.each([
		['header text', { headerFormat: 'text', headerText: 'x'.repeat(61) }, 'Header Text', /61 characters; Meta allows 60/],
		['header variables', { headerFormat: 'text', headerText: '{{1}}{{2}}', headerExample: 'a' }, 'Header Text', /Meta allows 1 in a header/],
		['header example', { headerFormat: 'text', headerText: 'Hi {{1}}' }, 'Header Example', /1 variable but no example/],
		['body length', { bodyText: 'x'.repeat(1025) }, 'Body', /1025 characters; Meta allows 1024/],
		['an emoji counts once', { bodyText: '😀'.repeat(1025) }, 'Body', /1025 characters/],
		['body order', { bodyText: '{{2}}{{1}}', bodyExamples: 'a\nb' }, 'Body', /\{\{2\}\} where \{\{1\}\} should come first/],
		['body examples', { bodyText: '{{1}}' }, 'Body Examples', /no example/],
		['extra examples', { bodyText: 'Hi', bodyExamples: 'a' }, 'Body Examples', /0 variables but 1 example/],
		['an empty example', { bodyText: '{{1}}', bodyExamples: [' '] }, 'Body Examples', /example for \{\{1\}\} in the body is empty/],
		['footer length', { footerText: 'x'.repeat(61) }, 'Footer', /61 characters; Meta allows 60/],
		['button text', { buttons: [{ type: 'quickReply', text: 'x'.repeat(26) }] }, 'Buttons', /26 characters; Meta allows 25/],
		['URL length', { buttons: [{ type: 'url', text: 'Go', url: `https://x.io/${'x'.repeat(1988)}` }] }, 'Buttons', /2001 characters; Meta allows 2000/],
		['URL buttons', { buttons: [1, 2, 3].map(() => ({ type: 'url', text: 'Go', url: 'https://x.io' })) }, 'Buttons', /3 URL buttons; Meta allows 2/],
		['quick replies', { buttons: Array.from({ length: 11 }, () => ({ type: 'quickReply', text: 'Q' })) }, 'Buttons', /11 buttons; Meta allows 10/],
		['grouping', { buttons: [{ type: 'url', text: 'Go', url: 'https://x.io' }, { type: 'quickReply', text: 'Q' }, { type: 'url', text: 'Go', url: 'https://x.io' }] }, 'Buttons', /mixed in/],
	] as Array<[string, Partial<TemplateFieldsInput>, string, RegExp]>)('%s', (_what, input, field, message) => {
		const error = refusal(() => fields(input));
		expect([error.field, error.message]).toEqual([field, expect.stringMatching(message)]);
		expect(error.hint.length).toBeGreaterThan(10);
	});

	test('JSON components are held to the same rules, named as JSON', () => {
		const error = refusal(() => parseComponentsJson([{ type: 'HEADER', format: 'TEXT', text: 'Hi {{1}}' }, { type: 'BODY', text: 'x' }]));
		expect([error.field, error.message]).toEqual(['Components (JSON)', 'The header has 1 variable but no example']);
		expect(refusal(() => parseComponentsJson('{')).message).toMatch(/not valid JSON/);
		expect(refusal(() => parseComponentsJson([{ type: 'BODY', text: 'a' }, { type: 'BODY', text: 'b' }])).message).toMatch(/more than one BODY/);
		expect(refusal(() => parseComponentsJson([{ type: 'CAROUSEL' }])).message).toMatch(/no type Rampwin takes/);
		expect(parseComponentsJson({ components: [{ type: 'BODY', text: 'ok' }] })).toEqual([{ type: 'BODY', text: 'ok' }]);
	});
});

describe('the list in Rampwin\'s envelope', () => {
	test('data as the list, or the one list inside data', () => {
		expect(templatesInPage({ success: true, data: [{ name: 'a' }] })).toEqual({ templates: [{ name: 'a' }] });
		expect(templatesInPage({ success: true, data: { docs: [{ name: 'b' }], total: 1 } })).toEqual({ templates: [{ name: 'b' }] });
		expect(templatesInPage({ success: true, data: { docs: [] } })).toEqual({ templates: [] });
	});

	test.each([
		[{ success: true }, 'the answer has no "data"'],
		[{ success: true, data: { total: 3 } }, '"data" holds no list (its fields: total)'],
		[{ success: true, data: { a: [], b: [] } }, '"data" holds more than one list (a, b)'],
		[{ success: false, data: [] }, 'the answer says success: false'],
		['<html>', 'the answer is a string, not an object'],
	])('%p is reported, not read as empty', (answer, problem) => expect(templatesInPage(answer)).toEqual({ problem }));
});

describe('the hint for missing examples', () => {
	const hint = (text: string) => {
		try {
			body(text);
		} catch (error) {
			return (error as { hint?: string }).hint;
		}
		return undefined;
	};

	test('counts one variable as one', () => {
		expect(hint('Hi {{1}}')).toBe('Meta rejects a template without a sample value for every variable: give one in Body Examples, for {{1}}');
		expect(hint('Hi {{1}} and {{2}}')).toBe(
			'Meta rejects a template without a sample value for every variable: give 2 in Body Examples, one for each of {{1}} to {{2}}, in order',
		);
	});
});
