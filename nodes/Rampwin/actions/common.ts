import type { INodeProperties } from 'n8n-workflow';

/** Channel ID, for every resource and the trigger; `role` ends the description: what the channel is to them. */
export function channelId(role: string): INodeProperties {
	return {
		displayName: 'Channel ID',
		name: 'integrationId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 64f1c2a9e4b0a1b2c3d4e5f6',
		description: `The ID of the Rampwin WhatsApp channel (integration) ${role}`,
	};
}

/** Phone Number; `whose` starts the description, `sentence` adds what the operation does with the number. */
export function phoneNumber(whose: 'The' | "The recipient's", sentence?: string): INodeProperties {
	const rules = `${whose} WhatsApp number with its country code, e.g. +91 98765 43210. Spaces, dashes and brackets are removed; 00 in front counts as +, and WhatsApp IDs such as 919876543210@c.us are accepted. For national numbers, set Default Country Code in Options.`;
	return {
		displayName: 'Phone Number',
		name: 'phoneNumber',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. +91 98765 43210',
		description: sentence === undefined ? rules : `${rules} ${sentence}`,
	};
}
