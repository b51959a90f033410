import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { parseChannelId } from '../../helpers/channel';
import { parseEmail } from '../../helpers/contact/contact';
import type { ParameterReader } from '../parameters';
import { parsePhone } from '../../helpers/phone/phone';
import { showOnly } from '../descriptions';
import { checkInput } from '../checkInput';
import { DEFAULT_OPTIONS, optionsDescription } from '../options';
import type { RampwinRequest, SendResult } from '../../transport';
import { phoneNumber } from '../common';
import { contactChannelId, readDefaultCountryCode } from './common';
import type { OperationOption } from '../operation';
import { answerMessage, BASE_URL_FIX, confirmedAnswer } from '../answers';

interface AssignBody {
	integration_id: string;
	team_member_email: string;
	/** The form the reference shows for this endpoint: a string of digits, no +. */
	phone_number: string;
}

export const identity = [['phone_number', 'phoneNumber'], ['team_member_email', 'teamMemberEmail'], ['integration_id', 'integrationId']] as const;

export const defaults = DEFAULT_OPTIONS;

export const option: OperationOption = { name: 'Assign to Team Member', action: 'Assign a contact to a team member', description: 'Route an existing contact to a team member by their Rampwin e-mail. The contact must exist; use Create or Update first if unsure.' };

export const description: INodeProperties[] = showOnly('contact', 'assign', [
	contactChannelId,
	phoneNumber('The', 'The contact must already exist on the channel.'),
	{
		displayName: 'Team Member Email',
		name: 'teamMemberEmail',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. agent@yourcompany.com',
		description: 'The e-mail address the team member signs in to Rampwin with',
	},
	optionsDescription,
]);

export function build(this: IExecuteFunctions, itemIndex: number, params: ParameterReader): RampwinRequest {
	const body = checkInput(
		this,
		itemIndex,
		(): AssignBody => ({
			integration_id: parseChannelId(params.get('integrationId', itemIndex)),
			team_member_email: parseEmail(params.get('teamMemberEmail', itemIndex), 'Team Member Email'),
			phone_number: parsePhone(params.get('phoneNumber', itemIndex), readDefaultCountryCode(params, itemIndex)),
		}),
	);
	return {
		method: 'POST',
		path: '/api/contacts/assign',
		body,
		// Assigning the same member twice leaves the same assignment.
		safety: 'idempotent',
		refused: {
			subject: 'the assignment',
			badRequestHint: 'Rampwin answers 400 when the contact is not on this channel or no team member has this e-mail. Create the contact first (Create or Update), and check the e-mail in Rampwin\'s team settings.',
		},
	};
}

export function output(this: IExecuteFunctions, result: SendResult, request: RampwinRequest, itemIndex: number): IDataObject {
	const { phone_number, team_member_email } = request.body as AssignBody;
	const response = confirmedAnswer(this, result, itemIndex, 'the assignment', BASE_URL_FIX);
	return { phone_number, team_member_email, assigned: true, message: answerMessage(response, 'Team member assigned') };
}
