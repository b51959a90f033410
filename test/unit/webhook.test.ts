import { RampwinTrigger } from '../../nodes/Rampwin/RampwinTrigger.node';
import { itemsFromBody } from '../../nodes/Rampwin/trigger/payload';
import { RepeatFilter } from '../../nodes/Rampwin/trigger/repeats';
import { newToken, sameToken, withToken } from '../../nodes/Rampwin/trigger/token';

describe('webhook token', () => {
	test('a new token has 192 random bits, URL-safe, and differs each time', () => {
		const tokens = Array.from({ length: 50 }, newToken);
		expect(new Set(tokens).size).toBe(50);
		for (const token of tokens) {
			expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
			expect(Buffer.from(token, 'base64url')).toHaveLength(24);
		}
	});

	test.each<[unknown, boolean]>([
		['secret-token', true],
		['secret-tokeN', false],
		['secret-token ', false],
		['secret', false],
		['', false],
		[undefined, false],
		[['secret-token'], false],
		[42, false],
	])('sameToken(%p) is %p', (given, same) => {
		expect(sameToken(given, 'secret-token')).toBe(same);
	});

	test('the token goes into the query, keeping what the URL had', () => {
		expect(withToken('https://n8n.example.com/webhook/abc/webhook', 'T0k')).toBe('https://n8n.example.com/webhook/abc/webhook?token=T0k');
		expect(withToken('https://n8n.example.com/webhook/abc/webhook?x=1&token=old', 'new')).toBe(
			'https://n8n.example.com/webhook/abc/webhook?x=1&token=new',
		);
	});
});

describe('repeat filter', () => {
	test('the same body within the window is a repeat; after it, or in another scope, it is not', () => {
		const filter = new RepeatFilter();
		expect(filter.seen('a', '{"x":1}', 0, 1000)).toBe(false);
		expect(filter.seen('a', '{"x":1}', 999, 1000)).toBe(true);
		expect(filter.seen('b', '{"x":1}', 999, 1000)).toBe(false);
		expect(filter.seen('a', '{"x":2}', 999, 1000)).toBe(false);
		expect(filter.seen('a', '{"x":1}', 1000, 1000)).toBe(false);
		expect(filter.seen('a', Buffer.from('{"x":1}'), 1500, 1000)).toBe(true);
	});

	test('a scope keeps at most 10,000 bodies, the oldest going first', () => {
		const filter = new RepeatFilter();
		for (let i = 0; i < 10_001; i++) filter.seen('a', `body ${i}`, 0, 60_000);
		expect(filter.seen('a', 'body 0', 1, 60_000)).toBe(false);
		expect(filter.seen('a', 'body 10000', 1, 60_000)).toBe(true);
	});

	test('forgetting a scope forgets its bodies', () => {
		const filter = new RepeatFilter();
		filter.seen('a', 'x', 0, 1000);
		filter.forget('a');
		expect(filter.seen('a', 'x', 1, 1000)).toBe(false);
	});
});

describe('what a delivery becomes', () => {
	test.each<[string, unknown[]]>([
		['{"event":"message_incoming","from":"91"}', [{ event: 'message_incoming', from: '91' }]],
		['\ufeff{"a":1}', [{ a: 1 }]],
		['[{"a":1},{"a":2}]', [{ a: 1 }, { a: 2 }]],
		['[1,"two",null]', [{ body: 1 }, { body: 'two' }, { body: null }]],
		['[]', []],
		['"just text"', [{ body: '"just text"' }]],
		['42', [{ body: '42' }]],
		['status=read&id=7', [{ body: 'status=read&id=7' }]],
		['{"broken": ', [{ body: '{"broken": ' }]],
		['', [{ body: '' }]],
	])('%p', (raw, items) => {
		expect(itemsFromBody(raw)).toEqual(items);
	});
});

describe('trigger description', () => {
	const { description } = new RampwinTrigger();
	const property = (name: string) => description.properties.find((p) => p.name === name);

	test('keeps the public names workflows depend on', () => {
		expect(description.name).toBe('rampwinTrigger');
		expect(description.credentials).toEqual([{ name: 'rampwinApi', required: true, testedBy: 'rampwinApiTest' }]);
		expect(property('integrationId')?.displayName).toBe('Channel ID');
		expect(property('events')?.default).toEqual(['message_incoming']);
		expect(property('events')?.options?.map((option) => (option as { value: string }).value).sort()).toEqual([
			'channel_update',
			'message_incoming',
			'message_outgoing',
			'message_status',
			'template_update',
		]);
		expect(property('registration')?.default).toBe('automatic');
		expect(property('registration')?.options?.map((option) => (option as { value: string }).value)).toEqual(['automatic', 'manual']);
	});

	test('answers at once, and warns that the channel keeps one webhook', () => {
		expect(description.webhooks).toEqual([expect.objectContaining({ name: 'default', httpMethod: 'POST', responseMode: 'onReceived' })]);
		expect(property('oneWebhookNotice')?.type).toBe('notice');
		expect(String(property('oneWebhookNotice')?.displayName)).toMatch(/one webhook per channel/);
	});
});
