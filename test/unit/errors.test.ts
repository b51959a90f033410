import { messageOf } from '../../nodes/Rampwin/transport/errors';

describe("Rampwin's words in an answer", () => {
	test.each<[string, unknown, string | undefined]>([
		['a message', { success: false, message: ' Contact already exists ' }, 'Contact already exists'],
		['an errors object', { success: false, errors: { name: 'must be lowercase', body: 'too long' } }, 'name: must be lowercase; body: too long'],
		['both', { success: false, message: 'Validation failed', errors: { name: 'taken' } }, 'Validation failed (name: taken)'],
		['lists of errors', { errors: { name: ['too long', 'not lowercase'] } }, 'name: too long; not lowercase'],
		['a nested object: two levels, then as JSON', { errors: { components: { body: { text: 'x' } } } }, 'components: body: {"text":"x"}'],
		['an errors text', { errors: 'Invalid template' }, 'Invalid template'],
		['nothing useful', { success: false, message: '', errors: {} }, undefined],
		['not JSON', '<html>502</html>', undefined],
	])('%s', (_name, body, said) => {
		expect(messageOf(body)).toBe(said);
	});

	test('long details are cut', () => {
		const said = messageOf({ errors: { name: 'x'.repeat(400) } }) ?? '';
		expect(said.length).toBeLessThanOrEqual(301);
		expect(said.endsWith('…')).toBe(true);
	});
});
