import { InputError } from '../../nodes/Rampwin/helpers/errors';
import {
	buildButtonsMessage,
	buildListMessage,
	parseSectionsJson,
	type ButtonsInput,
	type ListInput,
} from '../../nodes/Rampwin/helpers/message/interactive';
import { parseHttpUrl } from '../../nodes/Rampwin/helpers/message/media';
import { parseText } from '../../nodes/Rampwin/helpers/message/text';
import { charCount } from '../../nodes/Rampwin/helpers/values';

function refusal(run: () => unknown): { field: string; message: string; hint: string } {
	try {
		run();
	} catch (error) {
		if (error instanceof InputError) return { field: error.field, message: error.message, hint: error.hint };
		throw error;
	}
	throw new Error('expected an InputError');
}

const EMOJI = '😀'; // one code point, two UTF-16 code units

describe('charCount', () => {
	test.each([
		['abc', 3],
		[EMOJI, 1],
		['👍🏽', 2], // thumbs up + skin tone modifier
		['é', 1], // precomposed
		['e\u0301', 2], // e + combining accent
		['', 0],
	])('%p has %p characters', (text, expected) => {
		expect(charCount(text)).toBe(expected);
	});
});

describe('parseText', () => {
	test.each([
		['Hello', 'Hello'],
		['  Hi,\n\n  there  \n', '  Hi,\n\n  there  \n'],
		[42, '42'],
		[true, 'true'],
	])('%j is sent as %j', (value, expected) => {
		expect(parseText(value)).toBe(expected);
	});

	test.each([
		['4096 letters', 'a'.repeat(4096)],
		['4096 emoji (8192 UTF-16 units)', EMOJI.repeat(4096)],
	])('%s pass', (_case, text) => {
		expect(parseText(text)).toBe(text);
	});

	test.each([
		[undefined, 'Text is empty', 'Enter the message to send'],
		['', 'Text is empty', 'Enter the message to send'],
		[' \n\t ', 'Text is empty', 'Enter the message to send'],
		[
			'a'.repeat(4097),
			'Text has 4097 characters; WhatsApp allows 4096',
			'Shorten Text to 4096 characters or fewer, or send it as two messages',
		],
		[
			EMOJI.repeat(4097),
			'Text has 4097 characters; WhatsApp allows 4096',
			'Shorten Text to 4096 characters or fewer, or send it as two messages',
		],
		[{ a: 1 }, 'Text must be text, not an object', 'Map a single text value into Text'],
		[['a'], 'Text must be text, not a list', 'Map a single text value into Text'],
	])('%p is refused', (value, message, hint) => {
		expect(refusal(() => parseText(value))).toEqual({ field: 'Text', message, hint });
	});
});

describe('parseHttpUrl', () => {
	test.each([
		['https://example.com/photo.jpg', 'https://example.com/photo.jpg'],
		[' http://example.com/a?b=1&c=%20 ', 'http://example.com/a?b=1&c=%20'],
		['HTTPS://Example.com/A.PNG', 'HTTPS://Example.com/A.PNG'],
		['https://127.0.0.1:8080/x', 'https://127.0.0.1:8080/x'],
	])('%p is kept as %p', (value, expected) => {
		expect(parseHttpUrl(value, 'File URL')).toBe(expected);
	});

	const hostHint = 'Check the host name after the //, e.g. https://example.com/photo.jpg';
	const schemeHint = 'Use a public address that starts with https:// or http://, e.g. https://example.com/photo.jpg';
	test.each([
		['', 'File URL is empty', 'Enter a public http or https address, e.g. https://example.com/photo.jpg'],
		[undefined, 'File URL is empty', 'Enter a public http or https address, e.g. https://example.com/photo.jpg'],
		[5, 'File URL must be text, not a number', 'Map a single address into File URL'],
		['ftp://example.com/a.pdf', 'File URL "ftp://example.com/a.pdf" is not an http or https address', schemeHint],
		['example.com/a.pdf', 'File URL "example.com/a.pdf" is not an http or https address', schemeHint],
		['https:example.com', 'File URL "https:example.com" is not an http or https address', schemeHint],
		['/uploads/a.pdf', 'File URL "/uploads/a.pdf" is not an http or https address', schemeHint],
		[
			'https://example.com/my file.pdf',
			'File URL "https://example.com/my file.pdf" contains a space',
			'Encode spaces in the address as %20',
		],
		['https://', 'File URL "https://" is not a valid address', hostHint],
		['https://exa%mple.com', 'File URL "https://exa%mple.com" is not a valid address', hostHint],
	])('%p is refused', (value, message, hint) => {
		expect(refusal(() => parseHttpUrl(value, 'File URL'))).toEqual({ field: 'File URL', message, hint });
	});

	test('a long address is shortened in the message', () => {
		expect(refusal(() => parseHttpUrl(`ftp://${'a'.repeat(50)}`, 'File URL')).message).toBe(
			`File URL "ftp://${'a'.repeat(34)}…" is not an http or https address`,
		);
	});
});

describe('buildButtonsMessage', () => {
	const minimal: ButtonsInput = { bodyText: 'Pick one', buttons: { button: [{ title: 'Yes' }] } };

	test('a minimal message: the ID defaults to the title, no header or footer', () => {
		expect(buildButtonsMessage(minimal)).toStrictEqual({
			type: 'button',
			body: { text: 'Pick one' },
			action: { buttons: [{ type: 'reply', reply: { id: 'Yes', title: 'Yes' } }] },
		});
	});

	test('every field, from the fixed collection', () => {
		expect(
			buildButtonsMessage({
				bodyText: 'Hi {{name}},\nwhen shall we call?',
				buttons: {
					button: [
						{ id: 'today', title: 'Today' },
						{ id: '', title: ' Tomorrow ' },
						{ id: ' later ', title: 'Later' },
					],
				},
				headerImageUrl: ' https://example.com/banner.png ',
				footerText: ' Reply STOP to opt out ',
			}),
		).toStrictEqual({
			type: 'button',
			body: { text: 'Hi {{name}},\nwhen shall we call?' },
			action: {
				buttons: [
					{ type: 'reply', reply: { id: 'today', title: 'Today' } },
					{ type: 'reply', reply: { id: 'Tomorrow', title: 'Tomorrow' } },
					{ type: 'reply', reply: { id: 'later', title: 'Later' } },
				],
			},
			header: { type: 'image', image: { link: 'https://example.com/banner.png' } },
			footer: { text: 'Reply STOP to opt out' },
		});
	});

	test('the entries may be given as a plain list, with numbers from an expression', () => {
		expect(buildButtonsMessage({ bodyText: 7, buttons: [{ id: 1, title: 2 }] }).action.buttons).toStrictEqual([
			{ type: 'reply', reply: { id: '1', title: '2' } },
		]);
	});

	test.each([undefined, null, '', ' \n '])('a header image URL of %j is left out', (headerImageUrl) => {
		expect(buildButtonsMessage({ ...minimal, headerImageUrl })).not.toHaveProperty('header');
	});

	test.each([
		['a title of 20 letters', { buttons: [{ title: 't'.repeat(20) }] }],
		['a title of 20 emoji', { buttons: [{ title: EMOJI.repeat(20) }] }],
		['an ID of 256 characters', { buttons: [{ id: 'i'.repeat(256), title: 'A' }] }],
		['a body of 1024 characters', { bodyText: 'b'.repeat(1024) }],
		['3 buttons', { buttons: [{ title: 'A' }, { title: 'B' }, { title: 'C' }] }],
		['an ID equal to its own title', { buttons: [{ id: 'A', title: 'A' }, { id: 'b', title: 'B' }] }],
	])('%s passes', (_case, change) => {
		expect(() => buildButtonsMessage({ ...minimal, ...change })).not.toThrow();
	});

	test.each([
		[
			'a title of 21 characters',
			{ buttons: [{ title: 'A' }, { title: 'Book a demo now please' }] },
			'Buttons',
			'Button 2 title "Book a demo now please" has 22 characters; WhatsApp allows 20',
			'Shorten button 2 title to 20 characters or fewer',
		],
		[
			'a title of 21 emoji',
			{ buttons: [{ title: EMOJI.repeat(21) }] },
			'Buttons',
			`Button 1 title "${EMOJI.repeat(21)}" has 21 characters; WhatsApp allows 20`,
			'Shorten button 1 title to 20 characters or fewer',
		],
		[
			'an ID of 257 characters',
			{ buttons: [{ id: 'i'.repeat(257), title: 'A' }] },
			'Buttons',
			`Button 1 ID "${'i'.repeat(40)}…" has 257 characters; WhatsApp allows 256`,
			'Shorten button 1 ID to 256 characters or fewer',
		],
		[
			'a body of 1025 characters',
			{ bodyText: 'b'.repeat(1025) },
			'Body Text',
			'Body Text has 1025 characters; WhatsApp allows 1024',
			'Shorten Body Text to 1024 characters or fewer',
		],
		[
			'4 buttons',
			{ buttons: [{ title: 'A' }, { title: 'B' }, { title: 'C' }, { title: 'D' }] },
			'Buttons',
			'There are 4 buttons; WhatsApp allows 1 to 3',
			'Remove 1 button',
		],
		['no buttons', { buttons: { button: [] } }, 'Buttons', 'There are 0 buttons; WhatsApp allows 1 to 3', 'Add at least one button'],
		['an empty collection', { buttons: {} }, 'Buttons', 'There are 0 buttons; WhatsApp allows 1 to 3', 'Add at least one button'],
		['no body', { bodyText: ' ' }, 'Body Text', 'Body Text is empty', 'Enter the message shown above the buttons'],
		[
			'a button without a title',
			{ buttons: [{ title: 'A' }, { id: 'b', title: ' ' }] },
			'Buttons',
			'Button 2 has no title',
			'Give every button a title (the text on the button), or remove the empty button',
		],
		[
			'two equal titles',
			{ buttons: [{ id: 'a', title: 'Yes' }, { id: 'b', title: 'No' }, { id: 'c', title: 'Yes' }] },
			'Buttons',
			'Button 3 title "Yes" is the same as button 1\'s title',
			'Give every button its own title',
		],
		[
			'two equal IDs',
			{ buttons: [{ id: 'x', title: 'Yes' }, { id: 'x', title: 'No' }] },
			'Buttons',
			'Button 2 ID "x" is the same as button 1\'s ID',
			'Give every button its own ID',
		],
		[
			'an ID taken from a title that another button uses as its ID',
			{ buttons: [{ id: 'No', title: 'Yes' }, { title: 'No' }] },
			'Buttons',
			'Button 2 ID "No" (taken from its title) is the same as button 1\'s ID',
			'Give every button its own ID',
		],
		[
			'a header that is not a web address',
			{ headerImageUrl: 'banner.png' },
			'Header Image URL',
			'Header Image URL "banner.png" is not an http or https address',
			'Use a public address that starts with https:// or http://, e.g. https://example.com/photo.jpg',
		],
		[
			'buttons that are not a list',
			{ buttons: 'Yes, No' },
			'Buttons',
			'Buttons must be a list of buttons, not a string',
			'Add the buttons in the Buttons parameter, each with a title and an optional ID',
		],
		[
			'a button that is not an object',
			{ buttons: ['Yes'] },
			'Buttons',
			'Button 1 must be an object with id, title, not a string',
			'Give button 1 as an object with id, title',
		],
		[
			'a button with an unknown key',
			{ buttons: [{ title: 'Yes', payload: 'y' }] },
			'Buttons',
			'Button 1 has an unknown key "payload"',
			'Use only these keys: id, title',
		],
		[
			'a title that is an object',
			{ buttons: [{ title: { text: 'Yes' } }] },
			'Buttons',
			'Button 1 title must be text, not an object',
			'Map a single text value into Button 1 title',
		],
	])('%s is refused', (_case, change, field, message, hint) => {
		expect(refusal(() => buildButtonsMessage({ ...minimal, ...change }))).toEqual({ field, message, hint });
	});
});

describe.each([
	['buttons', (footerText: unknown) => buildButtonsMessage({ bodyText: 'Pick one', buttons: [{ title: 'Yes' }], footerText })],
	[
		'list',
		(footerText: unknown) =>
			buildListMessage({ bodyText: 'Pick one', buttonText: 'Menu', sections: [{ rows: [{ title: 'Yes' }] }], footerText }),
	],
])('the footer of a %s message', (_kind, build) => {
	test('60 characters pass, trimmed', () => {
		expect(build(` ${'f'.repeat(60)} `).footer).toStrictEqual({ text: 'f'.repeat(60) });
	});

	test('61 characters are refused', () => {
		expect(refusal(() => build('f'.repeat(61)))).toEqual({
			field: 'Footer Text',
			message: `Footer Text "${'f'.repeat(40)}…" has 61 characters; WhatsApp allows 60`,
			hint: 'Shorten Footer Text to 60 characters or fewer',
		});
	});

	test.each([undefined, null, '', ' \n '])('%j is left out', (footerText) => {
		expect(build(footerText)).not.toHaveProperty('footer');
	});
});

function rows(count: number, prefix: string): Array<{ id: string; title: string }> {
	return Array.from({ length: count }, (_, index) => ({ id: `${prefix}${index + 1}`, title: `${prefix} ${index + 1}` }));
}

describe('parseSectionsJson', () => {
	test('parses JSON text', () => {
		expect(parseSectionsJson(' [{"title": "A", "rows": [{"id": "a"}]}] ')).toEqual([{ title: 'A', rows: [{ id: 'a' }] }]);
	});

	test('keeps a value an expression already parsed', () => {
		const value = [{ rows: [] }];
		expect(parseSectionsJson(value)).toBe(value);
	});

	test.each([
		['', 'Sections (JSON) is empty', /^Enter the sections as JSON, e\.g\. \[\{"title": "Pizzas"/],
		['[{"title": }]', /^Sections \(JSON\) is not valid JSON: Unexpected token/, /^Check quotes, commas and brackets, e\.g\. \[/],
		["[{'title': 'A'}]", /^Sections \(JSON\) is not valid JSON: /, /^Check quotes, commas and brackets/],
	])('%p is refused', (value, message, hint) => {
		const error = refusal(() => parseSectionsJson(value));
		expect(error.field).toBe('Sections (JSON)');
		expect(error.message).toMatch(message);
		expect(error.hint).toMatch(hint);
	});
});

describe('buildListMessage', () => {
	const SHAPE_HINT =
		'Give the sections as a list, e.g. [{"title": "Pizzas", "rows": [{"id": "margherita", "title": "Margherita", ' +
		'"description": "Tomato and mozzarella"}]}]';
	const minimal: ListInput = {
		bodyText: 'What would you like?',
		buttonText: 'Menu',
		sections: { section: [{ title: '', rows: { row: [{ id: '', title: 'Margherita', description: '' }] } }] },
	};

	test('a minimal list: one untitled section, the row ID defaults to its title, empty values left out', () => {
		expect(buildListMessage(minimal)).toStrictEqual({
			type: 'list',
			body: { text: 'What would you like?' },
			action: { button: 'Menu', sections: [{ rows: [{ id: 'Margherita', title: 'Margherita' }] }] },
		});
	});

	const apiSections = [
		{ title: 'Pizzas', rows: [{ id: 'margherita', title: 'Margherita', description: 'Tomato and mozzarella' }] },
		{ title: 'Drinks', rows: [{ id: 'cola', title: 'Cola' }, { title: 'Water', description: '' }] },
	];
	const expectedList = {
		type: 'list',
		body: { text: 'What would you like?' },
		action: {
			button: 'Menu',
			sections: [
				{ title: 'Pizzas', rows: [{ id: 'margherita', title: 'Margherita', description: 'Tomato and mozzarella' }] },
				{ title: 'Drinks', rows: [{ id: 'cola', title: 'Cola' }, { id: 'Water', title: 'Water' }] },
			],
		},
		footer: { text: 'Prices include VAT' },
	};

	test.each([
		['the API shape', apiSections, undefined],
		['the API shape as JSON text', JSON.stringify(apiSections), 'Sections (JSON)'],
		[
			"n8n's fixed collection shape",
			{
				section: [
					{
						title: 'Pizzas',
						rows: { row: [{ id: 'margherita', title: 'Margherita', description: 'Tomato and mozzarella' }] },
					},
					{ title: 'Drinks', rows: { row: [{ id: 'cola', title: 'Cola', description: '' }, { id: '', title: 'Water', description: ' ' }] } },
				],
			},
			undefined,
		],
		['a mix: { section } with rows as lists', { section: apiSections }, 'Sections (JSON)'],
	])('builds the same list from %s', (_case, sections, sectionsField) => {
		expect(
			buildListMessage({ ...minimal, sections, sectionsField, footerText: ' Prices include VAT ' }),
		).toStrictEqual(expectedList);
	});

	test('the body is kept as typed; labels are trimmed', () => {
		const list = buildListMessage({ ...minimal, bodyText: ' Menu:\n', buttonText: ' Open ' });
		expect(list.body.text).toBe(' Menu:\n');
		expect(list.action.button).toBe('Open');
	});

	const one = (row: Record<string, unknown>): unknown => [{ rows: [row] }];
	test.each([
		['a body of 4096 characters', { bodyText: 'b'.repeat(4096) }],
		['a button text of 20 characters', { buttonText: 'm'.repeat(20) }],
		['10 sections of 1 row', { sections: Array.from({ length: 10 }, (_, i) => ({ title: `S${i}`, rows: rows(1, `s${i}`) })) }],
		['10 rows in all', { sections: [{ title: 'A', rows: rows(4, 'a') }, { title: 'B', rows: rows(6, 'b') }] }],
		['a section title of 24 characters', { sections: [{ title: 's'.repeat(24), rows: rows(1, 'r') }] }],
		['a row title of 24 characters', { sections: one({ title: 't'.repeat(24) }) }],
		['a row title of 24 emoji', { sections: one({ title: EMOJI.repeat(24) }) }],
		['a row description of 72 characters', { sections: one({ title: 'T', description: 'd'.repeat(72) }) }],
		['a row ID of 200 characters', { sections: one({ id: 'i'.repeat(200), title: 'T' }) }],
		[
			'equal row titles with distinct IDs',
			{ sections: [{ title: 'A', rows: [{ id: 'a', title: 'Cola' }] }, { title: 'B', rows: [{ id: 'b', title: 'Cola' }] }] },
		],
	])('%s passes', (_case, change) => {
		expect(() => buildListMessage({ ...minimal, ...change })).not.toThrow();
	});

	test.each([
		[
			'a body of 4097 characters',
			{ bodyText: 'b'.repeat(4097) },
			'Body Text',
			'Body Text has 4097 characters; WhatsApp allows 4096',
			'Shorten Body Text to 4096 characters or fewer',
		],
		[
			'a button text of 21 characters',
			{ buttonText: 'See all our pizzas!!!' },
			'Button Text',
			'Button Text "See all our pizzas!!!" has 21 characters; WhatsApp allows 20',
			'Shorten Button Text to 20 characters or fewer',
		],
		[
			'no button text',
			{ buttonText: '' },
			'Button Text',
			'Button Text is empty',
			'Enter the label of the button that opens the list, e.g. Menu',
		],
		[
			'no body',
			{ bodyText: undefined },
			'Body Text',
			'Body Text is empty',
			'Enter the message shown above the list button',
		],
		[
			'11 sections',
			{ sections: Array.from({ length: 11 }, (_, i) => ({ title: `S${i}`, rows: rows(1, `s${i}`) })) },
			'Sections',
			'There are 11 sections; WhatsApp allows 10',
			'Remove 1 section',
		],
		[
			'11 rows in all',
			{ sections: [{ title: 'A', rows: rows(4, 'a') }, { title: 'B', rows: rows(6, 'b') }, { title: 'C', rows: rows(1, 'c') }] },
			'Sections',
			'The sections have 11 rows in all; WhatsApp allows 10',
			'Remove 1 row, or send a second list',
		],
		[
			'13 rows in one section',
			{ sections: [{ rows: rows(13, 'a') }] },
			'Sections',
			'The sections have 13 rows in all; WhatsApp allows 10',
			'Remove 3 rows, or send a second list',
		],
		['no sections', { sections: [] }, 'Sections', 'The list has no sections', 'Add a section with at least one row'],
		['an empty fixed collection', { sections: {} }, 'Sections', 'The list has no sections', 'Add a section with at least one row'],
		[
			'a section without rows',
			{ sections: { section: [{ title: 'A', rows: {} }] } },
			'Sections',
			'Section 1 has no rows',
			'Add at least one row to every section, or remove the empty section',
		],
		[
			'a section title of 25 characters',
			{ sections: [{ title: 'Wood-fired Neapolitan pie', rows: rows(1, 'r') }] },
			'Sections',
			'Section 1 title "Wood-fired Neapolitan pie" has 25 characters; WhatsApp allows 24',
			'Shorten section 1 title to 24 characters or fewer',
		],
		[
			'an untitled section among two',
			{ sections: [{ title: 'A', rows: rows(1, 'a') }, { title: ' ', rows: rows(1, 'b') }] },
			'Sections',
			'Section 2 has no title; WhatsApp requires a title on every section when there are 2 or more',
			'Give every section a title, e.g. Pizzas, or put all rows in one section',
		],
		[
			'a row title of 25 characters',
			{ sections: [{ rows: [{ title: 'A' }, { title: 'Extra large pepperoni pie' }] }] },
			'Sections',
			'Section 1 row 2 title "Extra large pepperoni pie" has 25 characters; WhatsApp allows 24',
			'Shorten section 1 row 2 title to 24 characters or fewer',
		],
		[
			'a row description of 73 characters',
			{ sections: one({ title: 'T', description: 'd'.repeat(73) }) },
			'Sections',
			`Section 1 row 1 description "${'d'.repeat(40)}…" has 73 characters; WhatsApp allows 72`,
			'Shorten section 1 row 1 description to 72 characters or fewer',
		],
		[
			'a row ID of 201 characters',
			{ sections: one({ id: 'i'.repeat(201), title: 'T' }) },
			'Sections',
			`Section 1 row 1 ID "${'i'.repeat(40)}…" has 201 characters; WhatsApp allows 200`,
			'Shorten section 1 row 1 ID to 200 characters or fewer',
		],
		[
			'a row without a title',
			{ sections: one({ id: 'x', description: 'Nice' }) },
			'Sections',
			'Section 1 row 1 has no title',
			'Give every row a title, or remove the empty row',
		],
		[
			'equal row IDs in different sections',
			{ sections: [{ title: 'A', rows: [{ id: 'p1', title: 'One' }] }, { title: 'B', rows: [{ id: 'x', title: 'X' }, { id: 'p1', title: 'Two' }] }] },
			'Sections',
			'Section 2 row 2 ID "p1" is the same as section 1 row 1\'s ID',
			'Give every row its own ID; IDs must differ across all sections',
		],
		[
			'equal titles and no IDs',
			{ sections: [{ rows: [{ title: 'Cola' }, { title: 'Cola' }] }] },
			'Sections',
			'Section 1 row 2 ID "Cola" (taken from its title) is the same as section 1 row 1\'s ID',
			'Give every row its own ID; IDs must differ across all sections',
		],
		[
			'sections that are a number',
			{ sections: 5 },
			'Sections',
			'Sections must be a list of sections, not a number',
			SHAPE_HINT,
		],
		[
			'JSON that is an object',
			{ sections: '{"title": "A", "rows": []}' },
			'Sections (JSON)',
			'Sections (JSON) must be a list of sections, not an object',
			SHAPE_HINT,
		],
		[
			'a parsed value from the JSON parameter with a wrong shape',
			{ sections: { title: 'A' }, sectionsField: 'Sections (JSON)' },
			'Sections (JSON)',
			'Sections (JSON) must be a list of sections, not an object',
			SHAPE_HINT,
		],
		[
			'a section that is text',
			{ sections: ['Pizzas'] },
			'Sections',
			'Section 1 must be an object with title, rows, not a string',
			'Give section 1 as an object with title, rows',
		],
		[
			'rows that are text',
			{ sections: [{ title: 'A', rows: 'a, b' }] },
			'Sections',
			'Section 1 rows must be a list of rows, not a string',
			'Give each section\'s rows as a list, e.g. [{"id": "margherita", "title": "Margherita"}]',
		],
		[
			'a row with a misspelt key',
			{ sections: one({ title: 'T', desc: 'Nice' }) },
			'Sections',
			'Section 1 row 1 has an unknown key "desc"',
			'Use only these keys: id, title, description',
		],
		[
			'a section with an unknown key',
			{ sections: [{ name: 'A', rows: rows(1, 'a') }] },
			'Sections',
			'Section 1 has an unknown key "name"',
			'Use only these keys: title, rows',
		],
	])('%s is refused', (_case, change, field, message, hint) => {
		expect(refusal(() => buildListMessage({ ...minimal, ...change }))).toEqual({ field, message, hint });
	});

	test('invalid JSON text names the JSON parameter', () => {
		expect(refusal(() => buildListMessage({ ...minimal, sections: '[{' })).field).toBe('Sections (JSON)');
	});
});
