import { InputError } from '../errors';
import { charCount, isEmptyValue, isRecord, kindOf, scalarText, textValue } from '../values';

/**
 * Meta's rules for a WhatsApp message template, checked before anything is sent. Rampwin
 * passes the template on to Meta and does not restate them. Sources:
 * - Meta, "Create and manage message templates" (Limitations):
 *   https://developers.facebook.com/docs/whatsapp/business-management-api/message-templates
 *   name up to 512 characters, content (the body) up to 1024.
 * - Meta, "Template components":
 *   https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/components
 *   a text header up to 60 characters with at most one parameter; a sample value for every
 *   parameter ("If your templates use variables, you must include sample variable values");
 *   media headers IMAGE, VIDEO or DOCUMENT by `header_handle`; footer up to 60 characters;
 *   buttons: up to 10 in all, up to 10 quick replies, 2 URL buttons and 1 phone number
 *   button, quick replies grouped apart from the others; button text up to 25 characters.
 *   The URL (2000) and phone number (20) lengths are from the same page's button tables.
 * - The name format (lowercase letters, digits, underscores) is Meta's rule as Rampwin's
 *   issue and Meta's examples give it.
 */
export const TEMPLATE_LIMITS = {
	name: 512,
	headerText: 60,
	headerVariables: 1,
	body: 1024,
	footer: 60,
	buttons: 10,
	quickReplyButtons: 10,
	urlButtons: 2,
	phoneNumberButtons: 1,
	buttonText: 25,
	url: 2000,
	phoneNumber: 20,
} as const;

export const TEMPLATE_CATEGORIES = ['MARKETING', 'UTILITY', 'AUTHENTICATION'] as const;

/**
 * The language codes Meta lists for templates ("Supported languages",
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/supported-languages).
 * Meta adds regional codes over time; any other code of the same form can be typed.
 */
export const TEMPLATE_LANGUAGES: ReadonlyArray<readonly [code: string, name: string]> = [
	['af', 'Afrikaans'], ['sq', 'Albanian'], ['ar', 'Arabic'], ['az', 'Azerbaijani'], ['bn', 'Bengali'],
	['bg', 'Bulgarian'], ['ca', 'Catalan'], ['zh_CN', 'Chinese (China)'], ['zh_HK', 'Chinese (Hong Kong)'],
	['zh_TW', 'Chinese (Taiwan)'], ['hr', 'Croatian'], ['cs', 'Czech'], ['da', 'Danish'], ['nl', 'Dutch'],
	['en', 'English'], ['en_GB', 'English (UK)'], ['en_US', 'English (US)'], ['et', 'Estonian'],
	['fil', 'Filipino'], ['fi', 'Finnish'], ['fr', 'French'], ['ka', 'Georgian'], ['de', 'German'],
	['el', 'Greek'], ['gu', 'Gujarati'], ['ha', 'Hausa'], ['he', 'Hebrew'], ['hi', 'Hindi'],
	['hu', 'Hungarian'], ['id', 'Indonesian'], ['ga', 'Irish'], ['it', 'Italian'], ['ja', 'Japanese'],
	['kn', 'Kannada'], ['kk', 'Kazakh'], ['rw_RW', 'Kinyarwanda'], ['ko', 'Korean'], ['ky_KG', 'Kyrgyz'],
	['lo', 'Lao'], ['lv', 'Latvian'], ['lt', 'Lithuanian'], ['mk', 'Macedonian'], ['ms', 'Malay'],
	['ml', 'Malayalam'], ['mr', 'Marathi'], ['nb', 'Norwegian'], ['fa', 'Persian'], ['pl', 'Polish'],
	['pt_BR', 'Portuguese (Brazil)'], ['pt_PT', 'Portuguese (Portugal)'], ['pa', 'Punjabi'], ['ro', 'Romanian'],
	['ru', 'Russian'], ['sr', 'Serbian'], ['sk', 'Slovak'], ['sl', 'Slovenian'], ['es', 'Spanish'],
	['es_AR', 'Spanish (Argentina)'], ['es_ES', 'Spanish (Spain)'], ['es_MX', 'Spanish (Mexico)'],
	['sw', 'Swahili'], ['sv', 'Swedish'], ['ta', 'Tamil'], ['te', 'Telugu'], ['th', 'Thai'], ['tr', 'Turkish'],
	['uk', 'Ukrainian'], ['ur', 'Urdu'], ['uz', 'Uzbek'], ['vi', 'Vietnamese'], ['zu', 'Zulu'],
];

/** A code as Meta writes them: a language, optionally with a region, e.g. en, en_US, fil, prs_AF. */
const LANGUAGE_CODE = /^[a-z]{2,3}(_[A-Z]{2})?$/;
const NAME = /^[a-z0-9_]+$/;
const VARIABLE = /\{\{([^{}]*)\}\}/g;
const COMPONENT_TYPES = ['HEADER', 'BODY', 'FOOTER', 'BUTTONS'] as const;
const HEADER_FORMATS = ['TEXT', 'IMAGE', 'VIDEO', 'DOCUMENT'] as const;
const BUTTON_TYPES = ['QUICK_REPLY', 'URL', 'PHONE_NUMBER'] as const;
export const JSON_FIELD = 'Components (JSON)';
export const COMPONENTS_EXAMPLE =
	'[{"type": "BODY", "text": "Hi {{1}}, your order {{2}} has shipped", "example": {"body_text": [["Asha", "#1042"]]}}]';
const VARIABLE_HINT = 'Number the variables {{1}}, {{2}}, {{3}} … in the order they first appear';

export interface TemplateComponent {
	type: string;
	[key: string]: unknown;
}

export type Part = 'header' | 'headerExample' | 'headerHandle' | 'body' | 'bodyExamples' | 'footer' | 'buttons';

/** Where a problem is reported: the parameter to fix, and how the message names the part. */
export interface Naming {
	field(part: Part): string;
	name(part: Part): string;
}

const FIELD_LABELS: Record<Part, string> = {
	header: 'Header Text',
	headerExample: 'Header Example',
	headerHandle: 'Header Handle',
	body: 'Body',
	bodyExamples: 'Body Examples',
	footer: 'Footer',
	buttons: 'Buttons',
};

const JSON_LABELS: Record<Part, string> = {
	header: 'The HEADER text',
	headerExample: 'The HEADER example (example.header_text)',
	headerHandle: 'The HEADER handle (example.header_handle)',
	body: 'The BODY text',
	bodyExamples: 'The BODY examples (example.body_text)',
	footer: 'The FOOTER text',
	buttons: 'The BUTTONS component',
};

export const FIELDS: Naming = { field: (part) => FIELD_LABELS[part], name: (part) => FIELD_LABELS[part] };
export const JSON_COMPONENTS: Naming = { field: () => JSON_FIELD, name: (part) => JSON_LABELS[part] };

export function parseTemplateName(value: unknown): string {
	const field = 'Name';
	if (isEmptyValue(value)) {
		throw new InputError(field, 'Name is empty', 'Enter a name of lowercase letters, digits and underscores, e.g. order_shipped');
	}
	const name = textValue(value, field);
	if (charCount(name) > TEMPLATE_LIMITS.name) {
		throw new InputError(field, `Name is ${charCount(name)} characters; Meta allows ${TEMPLATE_LIMITS.name}`, 'Shorten the name');
	}
	if (!NAME.test(name)) {
		const suggestion = name.toLowerCase().replace(/[^a-z0-9_]+/g, '_').replace(/^_+|_+$/g, '');
		throw new InputError(
			field,
			`Name "${name}" may only contain lowercase letters, digits and underscores`,
			`Meta accepts names like order_shipped${suggestion !== '' ? `; try "${suggestion}"` : ''}`,
		);
	}
	return name;
}

export function parseCategory(value: unknown): string {
	const given = (scalarText(value) ?? '').trim().toUpperCase();
	if ((TEMPLATE_CATEGORIES as readonly string[]).includes(given)) return given;
	throw new InputError(
		'Category',
		isEmptyValue(value) ? 'Category is empty' : `Category "${String(scalarText(value) ?? kindOf(value))}" is not one Meta accepts`,
		'Use MARKETING, UTILITY or AUTHENTICATION',
	);
}

export function parseLanguage(value: unknown, field = 'Language'): string {
	if (isEmptyValue(value)) throw new InputError(field, `${field} is empty`, 'Choose a language, or type a code such as en_US');
	const code = textValue(value, field);
	if (TEMPLATE_LANGUAGES.some(([known]) => known === code) || LANGUAGE_CODE.test(code)) return code;
	const hint = /-/.test(code) ? `; write it with an underscore: "${code.replace('-', '_')}"` : '';
	throw new InputError(
		field,
		`${field} "${code}" is not a language code Meta accepts`,
		`Use a code from Meta's list, such as en, en_US, pt_BR or fil${hint}`,
	);
}

/** Meta's rules for a list of components, naming the parameter to fix. */
export function checkComponents(value: unknown, naming: Naming): TemplateComponent[] {
	if (!Array.isArray(value)) {
		throw new InputError(JSON_FIELD, `${JSON_FIELD} must be a list of components, not ${kindOf(value)}`, `e.g. ${COMPONENTS_EXAMPLE}`);
	}
	const seen = new Map<string, TemplateComponent>();
	value.forEach((component, index) => {
		const type = isRecord(component) && typeof component.type === 'string' ? component.type.toUpperCase() : undefined;
		if (type === undefined || !(COMPONENT_TYPES as readonly string[]).includes(type)) {
			throw new InputError(
				JSON_FIELD,
				`Component ${index + 1} has no type Rampwin takes (${isRecord(component) ? String(component.type) : kindOf(component)})`,
				'Give each component a "type" of HEADER, BODY, FOOTER or BUTTONS',
			);
		}
		if (seen.has(type)) {
			throw new InputError(JSON_FIELD, `There is more than one ${type} component`, `A template has at most one ${type}`);
		}
		seen.set(type, component as TemplateComponent);
	});
	const header = seen.get('HEADER');
	const body = seen.get('BODY');
	const footer = seen.get('FOOTER');
	const buttons = seen.get('BUTTONS');
	if (body === undefined) {
		throw new InputError(naming.field('body'), 'The template has no body', `Every template needs a body, e.g. ${COMPONENTS_EXAMPLE}`);
	}
	if (header !== undefined) checkHeader(header, naming);
	checkBody(body, naming);
	if (footer !== undefined) {
		const text = limitedText(footer.text, naming, 'footer', TEMPLATE_LIMITS.footer);
		if (variablesIn(text, naming, 'footer').length > 0) {
			throw new InputError(naming.field('footer'), `${naming.name('footer')} has a variable`, 'A footer takes no variables; move it to the body');
		}
	}
	if (buttons !== undefined) checkButtons(buttons, naming);
	return value as TemplateComponent[];
}

function checkHeader(header: TemplateComponent, naming: Naming): void {
	const format = typeof header.format === 'string' ? header.format.toUpperCase() : '';
	if (!(HEADER_FORMATS as readonly string[]).includes(format)) {
		throw new InputError(JSON_FIELD, `The HEADER format "${String(header.format)}" is not one Rampwin takes`, 'Use TEXT, IMAGE, VIDEO or DOCUMENT');
	}
	const example = isRecord(header.example) ? header.example : {};
	if (format !== 'TEXT') {
		const handles = example.header_handle;
		if (!Array.isArray(handles) || handles.length === 0 || handles.some((handle) => typeof handle !== 'string' || handle.trim() === '')) {
			throw new InputError(
				naming.field('headerHandle'),
				`The ${format.toLowerCase()} header has no handle`,
				format === 'DOCUMENT'
					? "Give the handle from a template media upload (Rampwin's upload takes no document from binary data)"
					: 'Give the handle from a template media upload, or choose Binary File so the node uploads the file first',
			);
		}
		return;
	}
	const text = limitedText(header.text, naming, 'header', TEMPLATE_LIMITS.headerText);
	const count = numbered(variablesIn(text, naming, 'header'), naming, 'header');
	if (count > TEMPLATE_LIMITS.headerVariables) {
		throw new InputError(naming.field('header'), `${naming.name('header')} has ${count} variables; Meta allows 1 in a header`, 'Keep one variable, {{1}}, in the header and move the others to the body');
	}
	checkExamples(flatExamples(example.header_text), count, naming, 'headerExample', 'the header');
}

function checkBody(body: TemplateComponent, naming: Naming): void {
	const text = limitedText(body.text, naming, 'body', TEMPLATE_LIMITS.body);
	const count = numbered(variablesIn(text, naming, 'body'), naming, 'body');
	const example = isRecord(body.example) ? body.example : {};
	const rows = example.body_text;
	if (rows !== undefined && (!Array.isArray(rows) || rows.length > 1 || (rows.length === 1 && !Array.isArray(rows[0])))) {
		throw new InputError(naming.field('bodyExamples'), `${naming.name('bodyExamples')} must be one list of examples`, 'Write them as [["Asha", "#1042"]]: one list, one value per variable');
	}
	checkExamples(Array.isArray(rows) && Array.isArray(rows[0]) ? (rows[0] as unknown[]) : undefined, count, naming, 'bodyExamples', 'the body');
}

function checkButtons(component: TemplateComponent, naming: Naming): void {
	const field = naming.field('buttons');
	const buttons = component.buttons;
	if (!Array.isArray(buttons) || buttons.length === 0) {
		throw new InputError(field, 'The buttons component has no buttons', 'Add a button, or leave the buttons out');
	}
	if (buttons.length > TEMPLATE_LIMITS.buttons) {
		throw new InputError(field, `The template has ${buttons.length} buttons; Meta allows ${TEMPLATE_LIMITS.buttons}`, 'Remove buttons');
	}
	const types = buttons.map((button, index) => {
		const type = isRecord(button) && typeof button.type === 'string' ? button.type.toUpperCase() : '';
		if (!(BUTTON_TYPES as readonly string[]).includes(type)) {
			throw new InputError(field, `Button ${index + 1} has no type Rampwin takes`, 'Use QUICK_REPLY, URL or PHONE_NUMBER');
		}
		checkButton(button as Record<string, unknown>, type, index, naming);
		return type;
	});
	const count = (type: string) => types.filter((candidate) => candidate === type).length;
	const limits: Array<[string, number, string]> = [
		['QUICK_REPLY', TEMPLATE_LIMITS.quickReplyButtons, 'quick reply buttons'],
		['URL', TEMPLATE_LIMITS.urlButtons, 'URL buttons'],
		['PHONE_NUMBER', TEMPLATE_LIMITS.phoneNumberButtons, 'phone number button'],
	];
	for (const [type, max, what] of limits) {
		if (count(type) > max) {
			throw new InputError(field, `The template has ${count(type)} ${what.replace(/button$/, 'buttons')}; Meta allows ${max}`, `Keep at most ${max} ${what}`);
		}
	}
	// Quick replies and the other buttons form two groups; Meta refuses them interleaved.
	const switches = types.filter((type, index) => index > 0 && (type === 'QUICK_REPLY') !== (types[index - 1] === 'QUICK_REPLY')).length;
	if (switches > 1) {
		throw new InputError(field, 'Quick reply buttons are mixed in among the other buttons', 'Put all quick reply buttons together, before or after the URL and phone number buttons');
	}
}

function checkButton(button: Record<string, unknown>, type: string, index: number, naming: Naming): void {
	const field = naming.field('buttons');
	const name = `Button ${index + 1}`;
	const text = typeof button.text === 'string' ? button.text : '';
	if (text.trim() === '') throw new InputError(field, `${name} has no text`, 'Give every button the text it shows');
	if (charCount(text) > TEMPLATE_LIMITS.buttonText) {
		throw new InputError(field, `${name} text "${text}" is ${charCount(text)} characters; Meta allows ${TEMPLATE_LIMITS.buttonText}`, 'Shorten the button text');
	}
	if (type === 'URL') {
		const url = typeof button.url === 'string' ? button.url.trim() : '';
		if (!/^https?:\/\/[^\s/]+/i.test(url)) {
			throw new InputError(field, `${name} URL "${url}" is not an http or https address`, 'Use a public address such as https://example.com/orders/{{1}}');
		}
		if (charCount(url) > TEMPLATE_LIMITS.url) {
			throw new InputError(field, `${name} URL is ${charCount(url)} characters; Meta allows ${TEMPLATE_LIMITS.url}`, 'Shorten the address');
		}
		const variables = [...url.matchAll(VARIABLE)];
		if (variables.length > 1 || (variables.length === 1 && (variables[0][1].trim() !== '1' || !url.endsWith(variables[0][0])))) {
			throw new InputError(field, `${name} URL may only end with one variable, {{1}}`, 'Write the address as https://example.com/orders/{{1}}');
		}
		checkExamples(flatExamples(button.example), variables.length, naming, 'buttons', `${name} URL`);
	}
	if (type === 'PHONE_NUMBER') {
		const phone = typeof button.phone_number === 'string' ? button.phone_number.trim() : '';
		if (!/^\+?\d{5,}$/.test(phone) || phone.length > TEMPLATE_LIMITS.phoneNumber) {
			throw new InputError(field, `${name} phone number "${phone}" is not a phone number Meta accepts`, `Use the number with its country code, digits only, e.g. +919876543210 (up to ${TEMPLATE_LIMITS.phoneNumber} characters)`);
		}
	}
}

/** Text of 1 to `max` characters, counted as WhatsApp counts them. */
function limitedText(value: unknown, naming: Naming, part: Part, max: number): string {
	const name = naming.name(part);
	if (typeof value !== 'string' || value.trim() === '') {
		throw new InputError(naming.field(part), `${name} is empty`, `Enter ${name.replace(/^The /, 'the ').toLowerCase()} (up to ${max} characters)`);
	}
	const length = charCount(value);
	if (length > max) {
		throw new InputError(naming.field(part), `${name} is ${length} characters; Meta allows ${max}`, `Shorten it by ${length - max} characters`);
	}
	return value;
}

/** The numbers of the variables in a text, in order of appearance; a named one is refused. */
function variablesIn(text: string, naming: Naming, part: Part): number[] {
	return [...text.matchAll(VARIABLE)].map((match) => {
		const inner = match[1].trim();
		if (!/^\d+$/.test(inner)) {
			throw new InputError(naming.field(part), `${naming.name(part)} has the variable ${match[0]}, which is not numbered`, VARIABLE_HINT);
		}
		return Number(inner);
	});
}

/** How many distinct variables there are, once they are known to be numbered 1, 2, 3 … in order. */
function numbered(numbers: number[], naming: Naming, part: Part): number {
	let next = 1;
	for (const number of numbers) {
		if (number === next) next++;
		else if (number > next) {
			const expected = `{{${next}}}`;
			throw new InputError(naming.field(part), `${naming.name(part)} has {{${number}}} where ${expected} should come first`, VARIABLE_HINT);
		}
	}
	return next - 1;
}

function checkExamples(examples: unknown[] | undefined, count: number, naming: Naming, part: Part, of: string): void {
	const field = naming.field(part);
	const given = examples ?? [];
	if (count === 0 && given.length === 0) return;
	const what = naming.name(part);
	if (given.length !== count) {
		const variables = `${count} variable${count === 1 ? '' : 's'}`;
		throw new InputError(
			field,
			count > 0 && given.length === 0
				? `${capitalise(of)} has ${variables} but no example`
				: `${capitalise(of)} has ${variables} but ${given.length} example${given.length === 1 ? '' : 's'}`,
			count > 0
				? `Meta rejects a template without a sample value for every variable: ${count === 1 ? `give one in ${what}, for {{1}}` : `give ${count} in ${what}, one for each of {{1}} to {{${count}}}, in order`}`
				: `Remove the examples from ${what}, or add the variables they are for`,
		);
	}
	given.forEach((example, index) => {
		if (typeof example !== 'string' || example.trim() === '') {
			throw new InputError(field, `The example for {{${index + 1}}} in ${of} is empty`, 'Give a realistic sample value, e.g. Asha or #1042');
		}
	});
}

function flatExamples(value: unknown): unknown[] | undefined {
	if (value === undefined) return undefined;
	return Array.isArray(value) ? value : [value];
}

function capitalise(text: string): string {
	return text.charAt(0).toUpperCase() + text.slice(1);
}
