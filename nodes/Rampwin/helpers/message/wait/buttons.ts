import { InputError } from '../../errors';
import { charCount, quote } from '../../values';
import { buildButtonsMessage, MESSAGE_LIMITS } from '../interactive';
import { longText } from '../text';

export interface ChatButton {
	/** The text on the button, from Approval Options. */
	label: string;
	/** Its answer id (token.ts). */
	id: string;
	/** The panel field the label comes from, named in errors. */
	field: string;
}

/**
 * Send Buttons' message for a WhatsApp Buttons question: the question as the body, one reply
 * button per answer. WhatsApp's limits (body 1024, title 20, id 256) are checked here, naming
 * Send and Wait's own fields, before anything is sent.
 */
export function waitButtons(message: unknown, buttons: ChatButton[]): ReturnType<typeof buildButtonsMessage> {
	const limits = MESSAGE_LIMITS.buttons;
	const bodyText = longText(message, 'Message', limits.bodyText, 'Enter the question to send');
	for (const { label, id, field } of buttons) {
		if (charCount(label) > limits.title) {
			throw new InputError(field, `${field} ${quote(label)} has ${charCount(label)} characters; a WhatsApp button allows ${limits.title}`, `Shorten ${field} to ${limits.title} characters or fewer`);
		}
		if (id.length > limits.id) {
			throw new InputError(
				'Response Type',
				`The reply id of the ${quote(label)} button has ${id.length} characters; WhatsApp allows ${limits.id}`,
				"The id carries the execution's and this node's IDs, and this node's ID is unusually long: copy the node in the editor (the copy gets a new, short ID) or choose Approval as the Response Type",
			);
		}
	}
	if (buttons.length === 2 && buttons[0].label === buttons[1].label) {
		throw new InputError(buttons[1].field, `Both buttons are labelled ${quote(buttons[0].label)}`, 'Give the two buttons different labels: WhatsApp needs them apart');
	}
	return buildButtonsMessage({ bodyText, buttons: buttons.map(({ label, id }) => ({ title: label, id })) });
}
