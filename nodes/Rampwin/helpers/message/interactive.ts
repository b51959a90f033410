import { InputError } from '../errors';
import { isEmptyValue, isRecord, kindOf, parseJson, quote } from '../values';
import { parseHttpUrl } from './media';
import { label, longText } from './text';

// WhatsApp's limits for interactive messages (Meta's Cloud API), as the Rampwin reference restates them.
export const MESSAGE_LIMITS = {
	buttons: { min: 1, max: 3, bodyText: 1024, title: 20, id: 256, footerText: 60 },
	list: {
		bodyText: 4096,
		buttonText: 20,
		footerText: 60,
		sections: 10,
		rows: 10,
		sectionTitle: 24,
		rowTitle: 24,
		rowDescription: 72,
		rowId: 200,
	},
} as const;

interface InteractiveButtons {
	type: 'button';
	body: { text: string };
	action: { buttons: Array<{ type: 'reply'; reply: { id: string; title: string } }> };
	header?: { type: 'image'; image: { link: string } };
	footer?: { text: string };
}

interface ListRow {
	id: string;
	title: string;
	description?: string;
}

interface ListSection {
	title?: string;
	rows: ListRow[];
}

interface InteractiveList {
	type: 'list';
	body: { text: string };
	action: { button: string; sections: ListSection[] };
	footer?: { text: string };
}

export interface ButtonsInput {
	bodyText: unknown;
	/** The "Buttons" fixed collection: its `{ button: [...] }` value, or that list itself. */
	buttons: unknown;
	headerImageUrl?: unknown;
	footerText?: unknown;
}

export interface ListInput {
	bodyText: unknown;
	buttonText: unknown;
	/**
	 * The "Sections" fixed collection (`{ section: [{ title, rows: { row: [...] } }] }`), or
	 * sections in the API's shape (`[{ title, rows: [...] }]`), or that as JSON text.
	 */
	sections: unknown;
	footerText?: unknown;
	/** The parameter the sections came from, named in errors: "Sections" or "Sections (JSON)". */
	sectionsField?: string;
}

const SECTIONS_FIELD = 'Sections';
const SECTIONS_JSON_FIELD = 'Sections (JSON)';
const SECTIONS_EXAMPLE =
	'[{"title": "Pizzas", "rows": [{"id": "margherita", "title": "Margherita", ' +
	'"description": "Tomato and mozzarella"}]}]';

export function buildButtonsMessage(input: ButtonsInput): InteractiveButtons {
	const limits = MESSAGE_LIMITS.buttons;
	const text = longText(input.bodyText, 'Body Text', limits.bodyText, 'Enter the message shown above the buttons');
	const entries = collectionEntries(input.buttons, 'button');
	if (entries === undefined) {
		throw new InputError(
			'Buttons',
			`Buttons must be a list of buttons, not ${kindOf(input.buttons)}`,
			'Add the buttons in the Buttons parameter, each with a title and an optional ID',
		);
	}
	const count = entries.length;
	if (count < limits.min || count > limits.max) {
		throw new InputError(
			'Buttons',
			`There ${count === 1 ? 'is 1 button' : `are ${count} buttons`}; WhatsApp allows ${limits.min} to ${limits.max}`,
			count === 0 ? 'Add at least one button' : `Remove ${plural(count - limits.max, 'button')}`,
		);
	}
	const ids = new Map<string, number>();
	const titles = new Map<string, number>();
	const buttons = entries.map((entry, index) => {
		const position = index + 1;
		const name = `Button ${position}`;
		const fields = entryFields(entry, ['id', 'title'], name, 'Buttons');
		const title = label(fields.title, 'Buttons', `${name} title`, limits.title);
		if (title === undefined) {
			throw new InputError(
				'Buttons',
				`${name} has no title`,
				'Give every button a title (the text on the button), or remove the empty button',
			);
		}
		const titleTwin = titles.get(title);
		if (titleTwin !== undefined) {
			throw new InputError(
				'Buttons',
				`${name} title ${quote(title)} is the same as button ${titleTwin}'s title`,
				'Give every button its own title',
			);
		}
		const givenId = label(fields.id, 'Buttons', `${name} ID`, limits.id);
		const id = givenId ?? title;
		const idTwin = ids.get(id);
		if (idTwin !== undefined) {
			throw new InputError(
				'Buttons',
				`${name} ID ${quote(id)}${defaulted(givenId)} is the same as button ${idTwin}'s ID`,
				'Give every button its own ID',
			);
		}
		ids.set(id, position);
		titles.set(title, position);
		return { type: 'reply' as const, reply: { id, title } };
	});
	const message: InteractiveButtons = { type: 'button', body: { text }, action: { buttons } };
	if (!isEmptyValue(input.headerImageUrl)) {
		message.header = { type: 'image', image: { link: parseHttpUrl(input.headerImageUrl, 'Header Image URL') } };
	}
	const footer = label(input.footerText, 'Footer Text', 'Footer Text', limits.footerText);
	if (footer !== undefined) message.footer = { text: footer };
	return message;
}

/** Reads the "Sections (JSON)" parameter: JSON text is parsed; a value from an expression is kept. */
export function parseSectionsJson(value: unknown, field = SECTIONS_JSON_FIELD): unknown {
	if (typeof value !== 'string') return value;
	if (value.trim() === '') {
		throw new InputError(field, `${field} is empty`, `Enter the sections as JSON, e.g. ${SECTIONS_EXAMPLE}`);
	}
	const parsed = parseJson(value);
	if ('value' in parsed) return parsed.value;
	throw new InputError(
		field,
		`${field} is not valid JSON: ${parsed.reason}`,
		`Check quotes, commas and brackets, e.g. ${SECTIONS_EXAMPLE}`,
	);
}

export function buildListMessage(input: ListInput): InteractiveList {
	const limits = MESSAGE_LIMITS.list;
	const bodyHint = 'Enter the message shown above the list button';
	const text = longText(input.bodyText, 'Body Text', limits.bodyText, bodyHint);
	const button = label(input.buttonText, 'Button Text', 'Button Text', limits.buttonText);
	if (button === undefined) {
		throw new InputError(
			'Button Text',
			'Button Text is empty',
			'Enter the label of the button that opens the list, e.g. Menu',
		);
	}
	const sections = buildSections(input);
	const message: InteractiveList = { type: 'list', body: { text }, action: { button, sections } };
	const footer = label(input.footerText, 'Footer Text', 'Footer Text', limits.footerText);
	if (footer !== undefined) message.footer = { text: footer };
	return message;
}

function buildSections(input: ListInput): ListSection[] {
	const limits = MESSAGE_LIMITS.list;
	const isJsonText = typeof input.sections === 'string';
	const field = input.sectionsField ?? (isJsonText ? SECTIONS_JSON_FIELD : SECTIONS_FIELD);
	const value = isJsonText ? parseSectionsJson(input.sections, field) : input.sections;
	const entries = collectionEntries(value, 'section');
	if (entries === undefined) {
		throw new InputError(
			field,
			`${field} must be a list of sections, not ${kindOf(value)}`,
			`Give the sections as a list, e.g. ${SECTIONS_EXAMPLE}`,
		);
	}
	if (entries.length === 0) {
		throw new InputError(field, 'The list has no sections', 'Add a section with at least one row');
	}
	if (entries.length > limits.sections) {
		throw new InputError(
			field,
			`There are ${entries.length} sections; WhatsApp allows ${limits.sections}`,
			`Remove ${plural(entries.length - limits.sections, 'section')}`,
		);
	}
	const ids = new Map<string, string>();
	let rowCount = 0;
	return entries.map((entry, sectionIndex) => {
		const name = `Section ${sectionIndex + 1}`;
		const fields = entryFields(entry, ['title', 'rows'], name, field);
		const title = label(fields.title, field, `${name} title`, limits.sectionTitle);
		if (title === undefined && entries.length > 1) {
			throw new InputError(
				field,
				`${name} has no title; WhatsApp requires a title on every section when there are 2 or more`,
				'Give every section a title, e.g. Pizzas, or put all rows in one section',
			);
		}
		const rowEntries = collectionEntries(fields.rows, 'row');
		if (rowEntries === undefined) {
			throw new InputError(
				field,
				`${name} rows must be a list of rows, not ${kindOf(fields.rows)}`,
				'Give each section\'s rows as a list, e.g. [{"id": "margherita", "title": "Margherita"}]',
			);
		}
		if (rowEntries.length === 0) {
			throw new InputError(
				field,
				`${name} has no rows`,
				'Add at least one row to every section, or remove the empty section',
			);
		}
		rowCount += rowEntries.length;
		if (rowCount > limits.rows) {
			const total = entries.reduce<number>((sum, other) => sum + countRows(other), 0);
			throw new InputError(
				field,
				`The sections have ${total} rows in all; WhatsApp allows ${limits.rows}`,
				`Remove ${plural(total - limits.rows, 'row')}, or send a second list`,
			);
		}
		const rows = rowEntries.map((rowEntry, rowIndex) => {
			const rowName = `${name} row ${rowIndex + 1}`;
			const row = entryFields(rowEntry, ['id', 'title', 'description'], rowName, field);
			const rowTitle = label(row.title, field, `${rowName} title`, limits.rowTitle);
			if (rowTitle === undefined) {
				throw new InputError(
					field,
					`${rowName} has no title`,
					'Give every row a title, or remove the empty row',
				);
			}
			const givenId = label(row.id, field, `${rowName} ID`, limits.rowId);
			const id = givenId ?? rowTitle;
			const twin = ids.get(id);
			if (twin !== undefined) {
				throw new InputError(
					field,
					`${rowName} ID ${quote(id)}${defaulted(givenId)} is the same as ${twin.toLowerCase()}'s ID`,
					'Give every row its own ID; IDs must differ across all sections',
				);
			}
			ids.set(id, rowName);
			const built: ListRow = { id, title: rowTitle };
			const description = label(row.description, field, `${rowName} description`, limits.rowDescription);
			if (description !== undefined) built.description = description;
			return built;
		});
		return title === undefined ? { rows } : { title, rows };
	});
}

function countRows(entry: unknown): number {
	if (!isRecord(entry)) return 0;
	return collectionEntries(entry.rows, 'row')?.length ?? 0;
}

/**
 * The entries of a list, or of n8n's fixed collection value `{ [key]: [...] }`; an empty
 * fixed collection (`{}`) has no entries. Undefined when the value is neither.
 */
function collectionEntries(value: unknown, key: string): unknown[] | undefined {
	if (value === undefined || value === null) return [];
	if (Array.isArray(value)) return value;
	if (!isRecord(value)) return undefined;
	const keys = Object.keys(value);
	if (keys.length === 0) return [];
	if (keys.length === 1 && keys[0] === key) {
		const inner = value[key];
		if (inner === undefined || inner === null) return [];
		return Array.isArray(inner) ? inner : undefined;
	}
	return undefined;
}

function entryFields(entry: unknown, allowed: readonly string[], name: string, field: string): Record<string, unknown> {
	const shape = allowed.join(', ');
	if (!isRecord(entry)) {
		throw new InputError(
			field,
			`${name} must be an object with ${shape}, not ${kindOf(entry)}`,
			`Give ${name.toLowerCase()} as an object with ${shape}`,
		);
	}
	const unknown = Object.keys(entry).find((key) => !allowed.includes(key));
	if (unknown !== undefined) {
		throw new InputError(field, `${name} has an unknown key "${unknown}"`, `Use only these keys: ${shape}`);
	}
	return entry;
}

/** Marks an ID that was not given, so the user sees where a clash comes from. */
function defaulted(givenId: string | undefined): string {
	return givenId === undefined ? ' (taken from its title)' : '';
}

function plural(count: number, noun: string): string {
	return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
