import { Rampwin } from '../../nodes/Rampwin/Rampwin.node';
import { RampwinTrigger } from '../../nodes/Rampwin/RampwinTrigger.node';

const trigger = new RampwinTrigger().description;

describe("the trigger's texts in the editor", () => {
	test('the notice leads with what activation does, in two short sentences, and links to the rest', () => {
		const notice = trigger.properties.find((property) => property.name === 'oneWebhookNotice')?.displayName ?? '';
		const text = notice.replace(/<[^>]+>/g, '');
		expect(text).toMatch(/^Activating this workflow replaces the channel's current webhook in Rampwin/);
		expect(text.split(/(?<=\.)\s+/)).toHaveLength(2);
		expect(text.split(/\s+/).length).toBeLessThanOrEqual(25);
		expect(notice).toMatch(/<a href="https:\/\/github\.com\/rampwin\/n8n-nodes-rampwin\/blob\/main\/docs\/trigger\.md" target="_blank">/);
	});

	test("the nodes panel's one Rampwin entry describes the package, whichever node it takes the text from", () => {
		expect(trigger.description).toBe(new Rampwin().description.description);
		expect(trigger.description).toMatch(/contacts/);
		expect(trigger.description).toMatch(/messages/);
		expect(trigger.description).toMatch(/templates/);
		expect(trigger.description).toMatch(/start a workflow/);
	});
});
