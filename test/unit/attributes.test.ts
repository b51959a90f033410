import {
	ATTRIBUTE_TYPES,
	buildCustomAttributes,
	coerceAttributeValue,
	splitList,
} from '../../nodes/Rampwin/helpers/contact/attributes';
import { InputError } from '../../nodes/Rampwin/helpers/errors';

describe('splitList', () => {
	test('trims entries and drops empty ones', () => {
		expect(splitList(' a, b ,,c , ')).toEqual(['a', 'b', 'c']);
		expect(splitList('')).toEqual([]);
	});
});

describe('coerceAttributeValue', () => {
	test.each([
		['string', 'ACTIVE', 'ACTIVE'],
		['string', 42, '42'],
		['string', { a: 1 }, '{"a":1}'],
		['number', '500', 500],
		['number', ' -12.5 ', -12.5],
		['number', '1e3', 1000],
		['number', 7, 7],
		['boolean', 'true', true],
		['boolean', ' FALSE ', false],
		['boolean', false, false],
		['array', 'a, b', ['a', 'b']],
		['array', [1, 'x'], [1, 'x']],
		['array', 5, [5]],
		['json', '{"plan":"gold","n":[1,2]}', { plan: 'gold', n: [1, 2] }],
		['json', '3', 3],
		['json', { kept: true }, { kept: true }],
	] as const)('%s %p becomes %p', (type, value, expected) => {
		expect(coerceAttributeValue(type, value, 'Custom attribute "x"')).toEqual(expected);
	});

	test.each([
		['number', 'five', /should be a number, but got "five"/],
		['number', '1,000', /should be a number/],
		['number', '0x10', /should be a number/],
		['number', 'Infinity', /should be a number/],
		['number', true, /should be a number, but got true/],
		['boolean', 'yes', /should be true or false, but got "yes"/],
		['boolean', 1, /should be true or false/],
		['json', '{plan: gold}', /is not valid JSON/],
	] as const)('%s %p is refused', (type, value, message) => {
		expect(() => coerceAttributeValue(type, value, 'Custom attribute "x"')).toThrow(message);
	});
});

describe('buildCustomAttributes', () => {
	test('types every value and leaves out empty ones', () => {
		expect(
			buildCustomAttributes([
				{ name: 'plan_status', type: 'string', value: 'ACTIVE' },
				{ name: ' recharge_amount ', type: 'number', value: '500' },
				{ name: 'is_vip', type: 'boolean', value: 'true' },
				{ name: 'interests', type: 'array', value: 'a, b' },
				{ name: 'meta', type: 'json', value: '{"k":[1]}' },
				{ name: 'untyped', value: 'text' },
				{ name: 'blank', type: 'number', value: '  ' },
			]),
		).toEqual({
			plan_status: 'ACTIVE',
			recharge_amount: 500,
			is_vip: true,
			interests: ['a', 'b'],
			meta: { k: [1] },
			untyped: 'text',
		});
	});

	test('returns an object whose prototype is untouched', () => {
		const result = buildCustomAttributes([{ name: 'a', type: 'json', value: '{"__proto__":{"x":1}}' }]);
		expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
		expect(({} as Record<string, unknown>).x).toBeUndefined();
	});

	test.each([
		[[{ name: '', value: 'x' }], /#1 has no name/],
		[[{ name: '  ', value: 'x' }], /#1 has no name/],
		[[{ name: 'a', value: '1' }, { name: 'a ', value: '2' }], /"a" is defined more than once/],
		[[{ name: 'phone_number', value: '1' }], /"phone_number" clashes with a built-in contact field/],
		[[{ name: 'full_name', value: 'x' }], /clashes/],
		[[{ name: 'integration_id', value: 'x' }], /clashes/],
		[[{ name: 'zipcode', value: 'x' }], /clashes/],
		[[{ name: 'tags', value: 'x' }], /clashes/],
		[[{ name: 'first_name', value: 'x' }], /clashes/],
		[[{ name: '__proto__', value: 'x' }], /"__proto__" is not an allowed name/],
		[[{ name: 'constructor', value: 'x' }], /not an allowed name/],
		[[{ name: 'prototype', value: 'x' }], /not an allowed name/],
		[[{ name: 'a', type: 'date', value: 'x' }], /unknown type "date"/],
	])('%j is refused', (entries, message) => {
		expect(() => buildCustomAttributes(entries)).toThrow(message);
	});

	test('errors name the Custom Attributes field', () => {
		expect(() => buildCustomAttributes([{ name: 'n', type: 'number', value: 'x' }])).toThrow(
			expect.objectContaining({ field: 'Custom Attributes' }) as InputError,
		);
	});

	test('every type the helper knows is listed', () => {
		expect([...ATTRIBUTE_TYPES].sort()).toEqual(['array', 'boolean', 'json', 'number', 'string']);
	});
});
