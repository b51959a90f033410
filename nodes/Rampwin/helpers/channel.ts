import { requiredText } from './values';

/** The Channel ID of every resource and of the trigger. */
export function parseChannelId(value: unknown): string {
	return requiredText(value, 'Channel ID', 'Copy the channel ID from Rampwin');
}
