import { hasExpression } from '../../nodes/Rampwin/helpers/parameters';
import { DEFAULT_OPTIONS, optionsDescription } from '../../nodes/Rampwin/actions/options';
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
	expect(shown).toEqual(DEFAULT_OPTIONS);
});
