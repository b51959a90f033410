import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { BURST_LIMITS, type BurstTiming } from './bursts';

const QUIET_SECONDS = 5;
const LONGEST_SECONDS = 30;
/** n8n stops a test listener after 2 minutes; a longer wait would outlive it. */
const MAX_SECONDS = 120;

/** Options › Combine Messages: stored as `options.combineMessages.settings`. */
export const combineMessagesOption: INodeProperties = {
	displayName: 'Combine Messages',
	name: 'combineMessages',
	type: 'fixedCollection',
	placeholder: 'Add Combine Messages',
	default: { settings: { senderField: '', quietPeriod: QUIET_SECONDS, longestWait: LONGEST_SECONDS } },
	description: `One run per burst of messages from one sender, e.g. for an AI agent that should answer once. Each delivery still gets 200 at once. At most ${BURST_LIMITS.maxMessages} messages a burst and ${BURST_LIMITS.maxOpen} open bursts per n8n process: at a cap the run starts early.`,
	options: [
		{
			displayName: 'Settings',
			name: 'settings',
			values: [
				{
					displayName: 'Sender Field',
					name: 'senderField',
					type: 'string',
					required: true,
					default: '',
					placeholder: 'e.g. from, or contact.phone',
					description:
						'The path of the field that names the sender in a delivery. To find it, click Listen for test event, write to the channel once from WhatsApp, and look for your own number in the output. Deliveries without it run alone.',
				},
				{
					displayName: 'Quiet Period (Seconds)',
					name: 'quietPeriod',
					type: 'number',
					typeOptions: { minValue: 0.1, maxValue: MAX_SECONDS, numberPrecision: 1 },
					default: QUIET_SECONDS,
					description: 'The run starts when the sender has sent nothing for this long',
				},
				{
					displayName: 'Longest Wait (Seconds)',
					name: 'longestWait',
					type: 'number',
					typeOptions: { minValue: 0.1, maxValue: MAX_SECONDS, numberPrecision: 1 },
					default: LONGEST_SECONDS,
					description: "The run starts at the latest this long after the burst's first message, however long the sender keeps writing",
				},
			],
		},
	],
};

export interface CombineSettings extends BurstTiming {
	senderField: string;
}

/**
 * The settings, when Combine Messages is on; undefined when it is off. `problem` says what
 * is wrong with settings that are on but unusable, for the activation to refuse them.
 */
export function combineSettings(options: IDataObject): { settings?: CombineSettings; problem?: { message: string; hint: string } } {
	const combine = options.combineMessages as IDataObject | undefined;
	const settings = combine?.settings as IDataObject | undefined;
	if (settings === undefined) return {};
	const senderField = typeof settings.senderField === 'string' ? settings.senderField.trim() : '';
	if (senderField === '') {
		return {
			problem: {
				message: 'Combine Messages has no Sender Field',
				hint: "Enter the path of the field that names the sender, e.g. from. To find it, click Listen for test event and write to the channel once: it is the field that holds your number. Or remove Combine Messages from Options.",
			},
		};
	}
	const quiet = seconds(settings.quietPeriod, QUIET_SECONDS);
	const longest = seconds(settings.longestWait, LONGEST_SECONDS);
	if (quiet === undefined || longest === undefined) {
		return {
			problem: {
				message: 'Combine Messages needs a Quiet Period and a Longest Wait above 0 seconds',
				hint: `Enter seconds from 0.1 to ${MAX_SECONDS}, e.g. 5 and 30`,
			},
		};
	}
	return { settings: { senderField, quietMs: quiet * 1000, longestMs: longest * 1000 } };
}

function seconds(value: unknown, fallback: number): number | undefined {
	const number = value === undefined ? fallback : value;
	if (typeof number !== 'number' || !Number.isFinite(number) || number <= 0) return undefined;
	return Math.min(number, MAX_SECONDS);
}
