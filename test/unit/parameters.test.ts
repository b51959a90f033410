import { hasExpression, lookup, MISSING, parseJsonPath } from '../../nodes/Rampwin/actions/parameters';
import {
	DEFAULT_OPTIONS,
	MESSAGE_DEFAULTS,
	messageOptionsDescription,
	optionsDescription,
} from '../../nodes/Rampwin/actions/options';
import type { INodeProperties } from 'n8n-workflow';

test('hasExpression finds an expression anywhere in a parameter', () => {
	expect(hasExpression('chan-1')).toBe(false);
	expect(hasExpression('={{ $json.phone }}')).toBe(true);
	expect(hasExpression({ city: 'Pune', email: '' })).toBe(false);
	expect(hasExpression({ attribute: [{ name: 'a', value: 'x' }, { name: 'b', value: '={{ 1 }}' }] })).toBe(true);
	expect(hasExpression(5)).toBe(false);
});

test('the Options defaults shown in the editor are the ones the transport uses', () => {
	const shown = Object.fromEntries(
		(optionsDescription.options as INodeProperties[]).map((option) => [option.name, option.default]),
	);
	// Default Country Code is read per item by the operations, and Validate Only by the item
	// loop, not by the transport.
	const { maxWait, ...contactDefaults } = DEFAULT_OPTIONS;
	expect(shown).toEqual({ ...contactDefaults, maxWaitForRampwin: maxWait / 60_000, defaultCountryCode: '', validateOnly: false });
	const { maxPerSecond, maxWait: messageWait, ...messageDefaults } = MESSAGE_DEFAULTS;
	const shownForMessages = Object.fromEntries(
		(messageOptionsDescription.options as INodeProperties[]).map((option) => [option.name, option.default]),
	);
	expect(shownForMessages).toEqual({
		...messageDefaults,
		maxMessagesPerSecond: maxPerSecond,
		maxWaitForRampwin: messageWait / 60_000,
		defaultCountryCode: '',
		hideFromChat: false,
		hideFromChatList: false,
		validateOnly: false,
	});
	expect(MESSAGE_DEFAULTS).toEqual({ maxConcurrency: 20, maxRetries: 3, timeout: 30000, maxWait: 300000, maxPerSecond: 80, keepConnectionsOpen: false });
});

describe('plain $json paths', () => {
	test.each([
		['={{ $json.phone }}', ['phone']],
		['={{$json.contact.mobile}}', ['contact', 'mobile']],
		['={{ $json["first name"] }}', ['first name']],
		["={{ $json['a'].b[\"c d\"] }}", ['a', 'b', 'c d']],
		['={{ $json.$id_2 }}', ['$id_2']],
	])('%s reads %j', (expression, keys) => {
		expect(parseJsonPath(expression)).toEqual(keys);
	});

	test.each([
		'{{ $json.phone }}',
		'={{ $json.phone.trim() }}',
		'={{ $json.phone }} ',
		'=+{{ $json.phone }}',
		'={{ $json.a }}{{ $json.b }}',
		'={{ $json[0] }}',
		'={{ $json[key] }}',
		"={{ $('Items').item.json.phone }}",
		'={{ ($json.phone) }}',
		'={{ $json }}',
	])('%s is left to the expression engine', (expression) => {
		expect(parseJsonPath(expression)).toBeUndefined();
	});

	test('lookup follows own properties only', () => {
		const json = { a: { b: 0, n: null, u: undefined }, list: [1, 2] };
		expect(lookup(json, ['a', 'b'])).toBe(0);
		expect(lookup(json, ['a', 'n'])).toBeNull();
		expect(lookup(json, ['list'])).toEqual([1, 2]);
		expect(lookup(json, ['a', 'u'])).toBe(MISSING);
		expect(lookup(json, ['a', 'x'])).toBe(MISSING);
		expect(lookup(json, ['a', 'b', 'c'])).toBe(MISSING);
		expect(lookup(json, ['constructor'])).toBe(MISSING);
		expect(lookup(json, ['__proto__'])).toBe(MISSING);
		expect(lookup(json, ['list', 'length'])).toBe(2);
	});
});
