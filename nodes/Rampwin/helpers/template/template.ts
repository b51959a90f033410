import { InputError } from '../errors';
import { parsePhone } from '../phone/phone';
import { isEmptyValue, isRecord, kindOf, parseJson, scalarText } from '../values';
import { checkComponents, COMPONENTS_EXAMPLE, FIELDS, JSON_COMPONENTS, JSON_FIELD, type TemplateComponent } from './rules';

/** Building a template from the node's fields or from JSON; ./rules.ts checks it against Meta's rules. */

export type HeaderFormat = 'none' | 'text' | 'image' | 'video' | 'document';
export type ButtonKind = 'quickReply' | 'url' | 'phoneNumber';

/** The `template_json` Rampwin takes. */
export interface TemplateJson {
	name: string;
	category: string;
	language: string;
	components: TemplateComponent[];
}

export interface TemplateFieldsInput {
	headerFormat: unknown;
	headerText?: unknown;
	headerExample?: unknown;
	/** The media header's handle (or a stand-in until the upload gives one). */
	headerHandle?: unknown;
	bodyText: unknown;
	bodyExamples?: unknown;
	footerText?: unknown;
	/** The "Buttons" fixed collection: `{ button: [{ type, text, url, urlExample, phoneNumber }] }`, or that list. */
	buttons?: unknown;
	/** For a phone number button written without its country code. */
	defaultCountryCode?: unknown;
}

/** The components built from the node's fields, in Meta's order, after every check. */
export function buildComponents(input: TemplateFieldsInput): TemplateComponent[] {
	const components: TemplateComponent[] = [];
	const format = String(input.headerFormat ?? 'none').toLowerCase() as HeaderFormat;
	if (format === 'text') {
		const header: TemplateComponent = { type: 'HEADER', format: 'TEXT', text: textOrEmpty(input.headerText, 'Header Text') };
		if (!isEmptyValue(input.headerExample)) {
			header.example = { header_text: [textOrEmpty(input.headerExample, 'Header Example')] };
		}
		components.push(header);
	} else if (format === 'image' || format === 'video' || format === 'document') {
		const handle = isEmptyValue(input.headerHandle) ? '' : textOrEmpty(input.headerHandle, 'Header Handle').trim();
		components.push({ type: 'HEADER', format: format.toUpperCase(), example: { header_handle: [handle] } });
	} else if (format !== 'none') {
		throw new InputError('Header', `Header "${String(input.headerFormat)}" is not a kind of header`, 'Choose None, Text, Image, Video or Document');
	}

	const body: TemplateComponent = { type: 'BODY', text: textOrEmpty(input.bodyText, 'Body') };
	const examples = parseExamples(input.bodyExamples);
	if (examples.length > 0) body.example = { body_text: [examples] };
	components.push(body);

	if (!isEmptyValue(input.footerText)) components.push({ type: 'FOOTER', text: textOrEmpty(input.footerText, 'Footer') });

	const buttons = buttonEntries(input.buttons).map((entry, index) => buildButton(entry, index, input.defaultCountryCode));
	if (buttons.length > 0) components.push({ type: 'BUTTONS', buttons });
	return checkComponents(components, FIELDS);
}

/** Components given as JSON (text, or a list from an expression), after every check. */
export function parseComponentsJson(value: unknown): TemplateComponent[] {
	let components = value;
	if (typeof value === 'string') {
		if (value.trim() === '') {
			throw new InputError(JSON_FIELD, `${JSON_FIELD} is empty`, `Enter the components as JSON, e.g. ${COMPONENTS_EXAMPLE}`);
		}
		const parsed = parseJson(value);
		if (!('value' in parsed)) {
			throw new InputError(JSON_FIELD, `${JSON_FIELD} is not valid JSON: ${parsed.reason}`, `Check quotes, commas and brackets, e.g. ${COMPONENTS_EXAMPLE}`);
		}
		components = parsed.value;
	}
	// `{ components: [...] }` or a whole template_json: take its components.
	if (isRecord(components) && Array.isArray(components.components)) components = components.components;
	return checkComponents(components, JSON_COMPONENTS);
}

/** Body Examples: one per line, or a list from an expression (or that list as JSON text). */
function parseExamples(value: unknown): string[] {
	if (isEmptyValue(value)) return [];
	let list: unknown = value;
	if (typeof value === 'string') {
		const parsed = value.trim().startsWith('[') ? parseJson(value) : undefined;
		list = parsed !== undefined && 'value' in parsed && Array.isArray(parsed.value)
			? parsed.value
			: value.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '');
	}
	if (!Array.isArray(list)) list = [list];
	return (list as unknown[]).map((example, index) => {
		const text = scalarText(example);
		if (text === undefined) {
			throw new InputError('Body Examples', `Body example ${index + 1} must be text, not ${kindOf(example)}`, 'Give one example per line, in the order of the variables');
		}
		return text;
	});
}

function buttonEntries(value: unknown): Array<Record<string, unknown>> {
	const list = isRecord(value) ? value.button : value;
	if (list === undefined || list === null || list === '') return [];
	if (!Array.isArray(list)) {
		throw new InputError('Buttons', `Buttons must be a list, not ${kindOf(list)}`, 'Add each button with its type and text');
	}
	return list.map((entry, index) => {
		if (!isRecord(entry)) throw new InputError('Buttons', `Button ${index + 1} is ${kindOf(entry)}, not a button`, 'Add each button with its type and text');
		return entry;
	});
}

function buildButton(entry: Record<string, unknown>, index: number, defaultCountryCode: unknown): Record<string, unknown> {
	const kind = String(entry.type ?? 'quickReply') as ButtonKind;
	const text = scalarText(entry.text) ?? '';
	if (kind === 'url') {
		const button: Record<string, unknown> = { type: 'URL', text, url: scalarText(entry.url)?.trim() ?? '' };
		if (!isEmptyValue(entry.urlExample)) button.example = [scalarText(entry.urlExample) ?? ''];
		return button;
	}
	if (kind === 'phoneNumber') {
		const phone = attempt(() => parsePhone(entry.phoneNumber, defaultCountryCode));
		if ('error' in phone) {
			const { error } = phone;
			throw error instanceof InputError ? new InputError('Buttons', `Button ${index + 1}: ${error.message}`, error.hint) : error;
		}
		return { type: 'PHONE_NUMBER', text, phone_number: `+${phone.value}` };
	}
	if (kind !== 'quickReply') {
		throw new InputError('Buttons', `Button ${index + 1} type "${String(entry.type)}" is not a kind of button`, 'Choose Quick Reply, URL or Phone Number');
	}
	return { type: 'QUICK_REPLY', text };
}

/** Text as given (not trimmed), or '' for nothing; anything else is refused. */
function textOrEmpty(value: unknown, field: string): string {
	if (value === undefined || value === null) return '';
	const text = scalarText(value);
	if (text === undefined) throw new InputError(field, `${field} must be text, not ${kindOf(value)}`, `Map a single text value into ${field}`);
	return text;
}

/** A check's result or its error, so that the error can be reworded outside a catch block. */
export function attempt<T>(run: () => T): { value: T } | { error: unknown } {
	try {
		return { value: run() };
	} catch (error) {
		return { error };
	}
}
