import { InputError } from '../../nodes/Rampwin/helpers/errors';
import { waitLimit } from '../../nodes/Rampwin/helpers/message/wait/limit';
import { linkLabel, waitMessage } from '../../nodes/Rampwin/helpers/message/wait/message';
import { choicePage, escapeHtml, PAGE_HEADERS, problemPage, recordedPage } from '../../nodes/Rampwin/helpers/message/wait/page';
import { charCount } from '../../nodes/Rampwin/helpers/values';
import { answerFields } from '../../nodes/Rampwin/actions/message/wait/answer';

const link = { label: 'Approve', url: 'https://n8n.example.com/webhook-waiting/42/node?approved=true&signature=abc' };

describe('escapeHtml', () => {
	test('escapes the five characters that can open markup or close an attribute', () => {
		expect(escapeHtml(`<script>alert("x")</script> & 'y'`)).toBe('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;');
	});

	test('leaves other text, emoji and line breaks as they are', () => {
		expect(escapeHtml('Refund ₹500? ✅\nyes')).toBe('Refund ₹500? ✅\nyes');
	});
});

describe('choicePage', () => {
	test('the message, escaped, with its line breaks, and one button in a form that posts back to the same address', () => {
		const html = choicePage({ message: 'Refund <b>$40</b>?\nOrder "#1042"', button: 'Yes & go' });
		expect(html).toContain('<div class="message">Refund &lt;b&gt;$40&lt;/b&gt;?<br>Order &quot;#1042&quot;</div>');
		expect(html).toContain('<form method="post"><button type="submit">Yes &amp; go</button></form>');
		expect(html).not.toMatch(/<form[^>]*action=/);
		expect(html).not.toContain('<b>');
		expect(html).not.toMatch(/<script/i);
	});

	test('a text box for Free Text, with an escaped error when the answer was empty', () => {
		const html = choicePage({ message: '', button: 'Send', textBox: 'Your <answer>', error: 'Type "something"' });
		expect(html).toContain('<label for="text">Your &lt;answer&gt;</label><p class="error" role="alert">Type &quot;something&quot;</p><textarea id="text" name="text" rows="5" required></textarea>');
		expect(html).not.toContain('class="message"');
	});

	test('the other pages escape what they show', () => {
		expect(problemPage('Bad <link>', 'Use "it"')).toContain('<h1>Bad &lt;link&gt;</h1><p>Use &quot;it&quot;</p>');
		expect(recordedPage()).toContain('Your answer was recorded');
	});

	test('pages are not cached, indexed or scripted', () => {
		expect(PAGE_HEADERS['Cache-Control']).toBe('no-store');
		expect(PAGE_HEADERS['Content-Security-Policy']).toContain("default-src 'none'");
		expect(PAGE_HEADERS['Content-Security-Policy']).not.toContain('script-src');
	});
});

describe('waitMessage', () => {
	test('the message as typed, a blank line, then each link after its label', () => {
		expect(waitMessage('Approve the refund?  ', [link, { label: 'Decline', url: 'https://x/2' }])).toBe(
			`Approve the refund?\n\nApprove: ${link.url}\nDecline: https://x/2`,
		);
	});

	test('refuses an empty message', () => {
		expect(() => waitMessage('  ', [link])).toThrow(new InputError('Message', 'Message is empty', 'Enter the question to send'));
	});

	test('counts the links in WhatsApp\'s 4096 characters, emoji once each', () => {
		const room = 4096 - `\n\nApprove: ${link.url}`.length;
		const full = waitMessage('😀'.repeat(room), [link]);
		expect([full.length, charCount(full)]).toEqual([4096 + room, 4096]);
		let error: InputError | undefined;
		try {
			waitMessage('x'.repeat(room + 1), [link]);
		} catch (caught) {
			error = caught as InputError;
		}
		expect(error?.message).toBe('Message with its answer links has 4097 characters; WhatsApp allows 4096');
		expect(error?.hint).toBe(`Shorten Message to ${room} characters or fewer: the links take the rest`);
	});

	test('a label left empty gets its default', () => {
		expect(linkLabel('', 'Approve Button Label', 'Approve')).toBe('Approve');
		expect(linkLabel(' Yes ', 'Approve Button Label', 'Approve')).toBe('Yes');
	});
});

describe('waitLimit', () => {
	const now = new Date('2026-12-06T08:00:00.000Z');

	test('no limit set: undefined', () => {
		expect(waitLimit(undefined, now)).toBeUndefined();
		expect(waitLimit({}, now)).toBeUndefined();
	});

	test.each([
		[{ limitType: 'afterTimeInterval', resumeAmount: 45, resumeUnit: 'minutes' }, '2026-12-06T08:45:00.000Z'],
		[{ limitType: 'afterTimeInterval', resumeAmount: 1.5, resumeUnit: 'hours' }, '2026-12-06T09:30:00.000Z'],
		[{ limitType: 'afterTimeInterval', resumeAmount: 2, resumeUnit: 'days' }, '2026-12-08T08:00:00.000Z'],
		[{ limitType: 'afterTimeInterval' }, '2026-12-06T09:00:00.000Z'],
		[{ limitType: 'atSpecifiedTime', maxDateAndTime: '2027-01-01T00:00:00.000Z' }, '2027-01-01T00:00:00.000Z'],
	])('%j: until %s', (values, until) => {
		expect(waitLimit(values, now)?.toISOString()).toBe(until);
	});

	test('a date that is no date, or a negative amount, is refused naming Limit Wait Time', () => {
		expect(() => waitLimit({ limitType: 'atSpecifiedTime', maxDateAndTime: 'soon' }, now)).toThrow('Limit Wait Time has no valid date');
		expect(() => waitLimit({ limitType: 'afterTimeInterval', resumeAmount: -1, resumeUnit: 'hours' }, now)).toThrow(InputError);
	});
});

describe('answerFields', () => {
	const now = new Date('2026-12-06T08:00:00.000Z');

	test('an answer through the link, and a time limit that ran out', () => {
		expect(answerFields({ approved: false }, now)).toEqual({ approved: false, respondedAt: '2026-12-06T08:00:00.000Z', answeredVia: 'link', timedOut: false });
		expect(answerFields({ text: 'hi' }, now)).toEqual({ text: 'hi', respondedAt: '2026-12-06T08:00:00.000Z', answeredVia: 'link', timedOut: false });
		expect(answerFields(undefined, now)).toEqual({ timedOut: true });
	});
});
