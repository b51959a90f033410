import { createHmac } from 'node:crypto';

import { InputError } from '../../nodes/Rampwin/helpers/errors';
import { waitButtons } from '../../nodes/Rampwin/helpers/message/wait/buttons';
import { answerId, findAnswerIds, resumeUrl } from '../../nodes/Rampwin/helpers/message/wait/token';

const BASE = 'https://n8n.example.com/webhook-waiting';
const NODE = '6a0f1e2d-3c4b-4a59-8e7f-0a1b2c3d4e03';
const sign = (approved: string) => {
	const url = new URL(`${BASE}/231/${NODE}`);
	url.searchParams.set('approved', approved);
	url.searchParams.set('signature', createHmac('sha256', 'secret').update(`${url.pathname}${url.search}`).digest('hex'));
	return url.toString();
};

describe('answerId', () => {
	test('carries the execution, the node, the choice and n8n\'s signature, and rebuilds the signed link exactly', () => {
		const signed = sign('false');
		const id = answerId(signed, 'decline');
		expect(id).toMatch(/^rwsw1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.d\.[A-Za-z0-9_-]{43}$/);
		expect(id.length).toBeLessThan(128);
		const [answer] = findAnswerIds(id);
		expect(answer).toEqual({ executionId: '231', nodeId: NODE, choice: 'decline', signature: new URL(signed).searchParams.get('signature') });
		expect(resumeUrl(BASE, answer)).toBe(signed);
	});

	test('refuses a link that would not come back the same (an unknown form of link)', () => {
		expect(() => answerId(`${sign('true')}&extra=1`, 'approve')).toThrow(InputError);
		expect(() => answerId(sign('true').replace(/signature=\w+/, 'signature=abc'), 'approve')).toThrow(InputError);
	});
});

describe('findAnswerIds', () => {
	const id = answerId(sign('true'), 'approve');

	test('finds the id anywhere: in JSON with escaped slashes, form-encoded, in plain text, twice counted once', () => {
		for (const body of [
			JSON.stringify({ a: { b: [{ id }] } }).replace(/\//g, '\\/'),
			`payload=${encodeURIComponent(JSON.stringify({ id }))}&x=1`,
			`tapped ${id}, then ${id}`,
		]) {
			expect(findAnswerIds(body)).toHaveLength(1);
		}
	});

	test('ignores what only looks like one: a signature run on or cut short, a dotted node id', () => {
		expect(findAnswerIds(`${id}x`)).toEqual([]);
		expect(findAnswerIds(id.slice(0, -2))).toEqual([]);
		const dots = id.replace(/^(rwsw1\.[^.]+\.)[^.]+/, `$1${Buffer.from('..').toString('base64url')}`);
		expect(findAnswerIds(dots)).toEqual([]);
		expect(findAnswerIds('{"text":"hello"}')).toEqual([]);
	});
});

describe('waitButtons', () => {
	test('builds Send Buttons\' message, naming Send and Wait\'s fields in its refusals', () => {
		const message = waitButtons('Approve?', [
			{ label: 'Yes', id: 'a', field: 'Approve Button Label' },
			{ label: 'No', id: 'd', field: 'Disapprove Button Label' },
		]);
		expect(message).toEqual({ type: 'button', body: { text: 'Approve?' }, action: { buttons: [{ type: 'reply', reply: { id: 'a', title: 'Yes' } }, { type: 'reply', reply: { id: 'd', title: 'No' } }] } });
		expect(() => waitButtons('Approve?', [{ label: 'Yes', id: 'x'.repeat(257), field: 'Approve Button Label' }])).toThrow(/has 257 characters; WhatsApp allows 256/);
		expect(() => waitButtons('Approve?', [{ label: 'Yes', id: 'x'.repeat(256), field: 'Approve Button Label' }])).not.toThrow();
		expect(() =>
			waitButtons('Approve?', [
				{ label: 'Same', id: 'a', field: 'Approve Button Label' },
				{ label: 'Same', id: 'd', field: 'Disapprove Button Label' },
			]),
		).toThrow(/Both buttons are labelled "Same"/);
	});
});
