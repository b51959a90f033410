import { runRampwin, type RampwinRunOptions } from '../harness/rampwin-workflow';
import type { RampwinServer } from '../../sandbox/rampwin-server';
import { useRampwinServer } from '../harness/server';

let server: RampwinServer;
useRampwinServer((started) => (server = started));

const assign = (options: Partial<Omit<RampwinRunOptions, 'server'>>) =>
	runRampwin({
		server,
		items: [{ phone: '+91 98765 43210', email: 'agent@rampwin.test' }],
		...options,
		parameters: { operation: 'assign', teamMemberEmail: '={{ $json.email }}', ...options.parameters },
	});

/** A contact created through Create, which stores the digits-only form Assign looks up. */
async function seedContact(): Promise<void> {
	const { error } = await runRampwin({ server, items: [{ phone: '+91 98765 43210', name: 'Asha' }] });
	expect(error).toBeUndefined();
	server.requests.length = 0;
	server.attempts.clear();
}

describe('Contact > Assign to Team Member through n8n-core', () => {
	test('assigns an existing contact, sending every field as a string', async () => {
		await seedContact();
		const { output, error } = await assign({});
		expect(error).toBeUndefined();
		const [request] = server.requests;
		expect(request.path).toBe('/api/contacts/assign');
		expect(request.query).toEqual({});
		expect(JSON.parse(request.rawBody)).toStrictEqual({
			integration_id: 'chan-1',
			team_member_email: 'agent@rampwin.test',
			phone_number: '919876543210',
		});
		expect(server.contacts.get('chan-1 919876543210')?.assigned_to).toBe('agent@rampwin.test');
		expect(output).toEqual([
			{
				json: {
					phone_number: '919876543210',
					team_member_email: 'agent@rampwin.test',
					assigned: true,
					message: 'Team member assigned successfully',
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	test('a missing contact fails with Rampwin\'s message and what to do', async () => {
		const { error } = await assign({});
		expect(error?.message).toBe('Rampwin refused the assignment: Invalid team member or contact not found');
		expect(error?.description).toMatch(/Create the contact first/);
		expect(server.requests).toHaveLength(1);
	});

	test('an unknown team member fails the same way, and is not retried', async () => {
		await seedContact();
		const { output } = await assign({
			items: [{ phone: '+91 98765 43210', email: 'nobody@rampwin.test' }],
			continueOnFail: true,
		});
		expect(server.requests).toHaveLength(1);
		expect(output).toEqual([
			{
				json: {
					error: 'Rampwin refused the assignment: Invalid team member or contact not found',
					errorDescription: expect.stringMatching(/no team member has this e-mail/),
					phone_number: '+91 98765 43210',
					team_member_email: 'nobody@rampwin.test',
					integration_id: 'chan-1',
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	test('an e-mail that is not an address is refused before sending', async () => {
		const { error } = await assign({ items: [{ phone: '+91 98765 43210', email: 'agent at rampwin' }] });
		expect(error?.message).toBe('Item 0: Team Member Email "agent at rampwin" is not a valid address');
		expect(error?.description).toMatch(/^Field "Team Member Email":/);
		expect(server.requests).toHaveLength(0);
	});

	test('is retried after a reset once Rampwin has assigned: idempotent', async () => {
		await seedContact();
		server.fault = { kind: 'reset', afterCreate: true, times: 1 };
		const { output, error } = await assign({ parameters: { options: { maxRetries: 2 } } });
		expect(error).toBeUndefined();
		expect(server.requests).toHaveLength(2);
		expect(output[0].json.assigned).toBe(true);
	});
});
