/**
 * Meta's template variables inside an n8n expression. When a text with `{{1}}` is pasted
 * (or set in one go), n8n's editor stores it as an expression, `=Hi {{1}}`, and n8n would
 * evaluate `{{1}}` as JavaScript: "Hi 1". Here each `{{ … }}` that holds only a number or a
 * bare name, which is how Meta writes a variable and never a useful n8n expression, becomes
 * an expression that yields its own text; every other `{{ … }}` is left to n8n.
 *
 * The segments are found as n8n finds them (n8n-workflow's splitExpression, mirrored by
 * @n8n/tournament on both n8n lines): `{{` opens, the next `}}` closes, and a backslash
 * before either keeps it literal.
 */
const OPEN = /(\\?)\{\{/;
const CLOSE = /(\\?)\}\}/;
/** `{{1}}`, `{{ 12 }}`, `{{first_name}}`: a number or a bare name, nothing else. */
const META_VARIABLE = /^\s*(?:\d+|[A-Za-z_][A-Za-z0-9_]*)\s*$/;
/** Bare names that are JavaScript values, not a variable's name. */
const JAVASCRIPT_WORDS = new Set(['true', 'false', 'null', 'undefined', 'this', 'NaN', 'Infinity']);

/**
 * The expression (the text after n8n's leading `=`) with every Meta variable turned into a
 * string literal of itself, written with \u escapes so that no brace appears inside it.
 * Unchanged when it has none.
 */
export function keepMetaVariables(expression: string): string {
	let out = '';
	let rest = expression;
	for (;;) {
		const open = OPEN.exec(rest);
		if (open === null) return out + rest;
		if (open[1] === '\\') {
			out += rest.slice(0, open.index + 3);
			rest = rest.slice(open.index + 3);
			continue;
		}
		out += rest.slice(0, open.index);
		rest = rest.slice(open.index + 2);
		// The code runs to the first `}}` that is not escaped.
		let code = '';
		let close = CLOSE.exec(rest);
		while (close !== null && close[1] === '\\') {
			code += rest.slice(0, close.index + 3);
			rest = rest.slice(close.index + 3);
			close = CLOSE.exec(rest);
		}
		if (close === null) return `${out}{{${code}${rest}`;
		code += rest.slice(0, close.index);
		rest = rest.slice(close.index + 2);
		out += isMetaVariable(code) ? `{{ ${literal(`{{${code}}}`)} }}` : `{{${code}}}`;
	}
}

function isMetaVariable(code: string): boolean {
	return META_VARIABLE.test(code) && !JAVASCRIPT_WORDS.has(code.trim());
}

/** A JavaScript string literal of the text; braces and anything outside plain ASCII as \u escapes. */
function literal(text: string): string {
	const escaped = text.replace(/[^\w ]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
	return `"${escaped}"`;
}

/** A parameter's stored value with keepMetaVariables applied to every expression in it. */
export function keepMetaVariablesIn(value: unknown): unknown {
	if (typeof value === 'string') return value.startsWith('=') ? `=${keepMetaVariables(value.slice(1))}` : value;
	if (Array.isArray(value)) return value.map(keepMetaVariablesIn);
	if (typeof value === 'object' && value !== null) {
		return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, keepMetaVariablesIn(entry)]));
	}
	return value;
}
