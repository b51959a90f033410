import { keepMetaVariables, keepMetaVariablesIn } from '../../nodes/Rampwin/helpers/template/variables';

/** The text a rewritten `{{ "…" }}` segment yields: its string literal, read as JavaScript reads it. */
const literalOf = (segment: string) => JSON.parse(segment.replace(/^\{\{ (.*) \}\}$/, '$1')) as string;

describe("Meta's variables in an n8n expression", () => {
	test('a numbered or named variable becomes a literal of itself, with no brace inside it', () => {
		const rewritten = keepMetaVariables('Hi {{1}}, your table for {{ 2 }} is ready, {{first_name}}.');
		expect(rewritten).toBe(
			'Hi {{ "\\u007b\\u007b1\\u007d\\u007d" }}, your table for {{ "\\u007b\\u007b 2 \\u007d\\u007d" }} is ready, {{ "\\u007b\\u007bfirst_name\\u007d\\u007d" }}.',
		);
		const segments = rewritten.match(/\{\{ "[^"]*" \}\}/g) ?? [];
		expect(segments.map(literalOf)).toEqual(['{{1}}', '{{ 2 }}', '{{first_name}}']);
	});

	test.each([
		'Hi {{ $json.name }}',
		'{{ 1 + 1 }}',
		'{{ 1.5 }}',
		'{{ true }}',
		'{{ null }}',
		'{{ $fromAI("Body") }}',
		'no braces at all',
		'an escaped \\{{1}} stays escaped',
		'{{ "\\}}" }}',
		'unclosed {{1',
	])('an n8n expression is left alone: %s', (expression) => {
		expect(keepMetaVariables(expression)).toBe(expression);
	});

	test('the variables next to n8n expressions are kept; the expressions are untouched', () => {
		expect(keepMetaVariables('{{ $json.a }}{{1}}{{ $json.b }}')).toBe('{{ $json.a }}{{ "\\u007b\\u007b1\\u007d\\u007d" }}{{ $json.b }}');
	});

	test('in a stored parameter, only expressions (starting with =) are rewritten, at any depth', () => {
		expect(
			keepMetaVariablesIn({ button: [{ url: '=https://x.io/{{1}}', text: 'Fixed {{1}}', example: 7 }] }),
		).toStrictEqual({ button: [{ url: '=https://x.io/{{ "\\u007b\\u007b1\\u007d\\u007d" }}', text: 'Fixed {{1}}', example: 7 }] });
		expect(keepMetaVariablesIn(undefined)).toBeUndefined();
	});
});
