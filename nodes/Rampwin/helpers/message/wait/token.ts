import { InputError } from '../../errors';

/**
 * The reply id of a WhatsApp Buttons answer: what the Rampwin Trigger needs to rebuild the signed
 * link n8n made for that answer (n8n's getSignedResumeUrl), and nothing else:
 *
 *     rwsw1.<execution id>.<node id>.<a|d|s>.<n8n's signature>
 *
 * ids in base64url, the choice as a letter (a: Approve, d: Decline, s: Approve, the only button),
 * n8n's HMAC-SHA256 signature (64 hex digits) as 43 base64url characters. Only letters, digits,
 * `-`, `_` and `.`: no JSON encoder, form encoding or URL escapes them, so the id can be found
 * as it is anywhere in a body whose shape is not known. Whoever holds it can answer, as whoever
 * holds a link can; the trigger never logs it.
 */
export const ANSWER_ID_PREFIX = 'rwsw1';

export type ChatChoice = 'approve' | 'decline' | 'sole';

export interface ChatAnswer {
	executionId: string;
	nodeId: string;
	choice: ChatChoice;
	/** n8n's signature, hex, as its link carries it. */
	signature: string;
}

const LETTERS: Record<ChatChoice, string> = { approve: 'a', decline: 'd', sole: 's' };
const CHOICES: Record<string, ChatChoice> = { a: 'approve', d: 'decline', s: 'sole' };
const PART = '[A-Za-z0-9_-]';
// Nothing is asked of the character before: form encoding puts %22 (a digit) right there.
const ANSWER_ID = new RegExp(`${ANSWER_ID_PREFIX}\\.(${PART}{1,256})\\.(${PART}{1,256})\\.([ads])\\.(${PART}{43})(?!${PART})`, 'g');

/**
 * The reply id for one answer, from the link n8n signed for it. The link is rebuilt from the id
 * at once and must come back the same, so that the trigger's rebuild can be trusted.
 */
export function answerId(signedUrl: string, choice: ChatChoice): string {
	const url = new URL(signedUrl);
	const segments = url.pathname.split('/');
	const [executionId, nodeId] = segments.slice(-2).map(decodeURIComponent);
	const signature = url.searchParams.get('signature') ?? '';
	const id = [ANSWER_ID_PREFIX, encode(executionId), encode(nodeId), LETTERS[choice], Buffer.from(signature, 'hex').toString('base64url')].join('.');
	const base = `${url.origin}${segments.slice(0, -2).join('/')}`;
	const [parsed] = findAnswerIds(id);
	if (!/^[0-9a-f]{64}$/.test(signature) || parsed === undefined || resumeUrl(base, parsed) !== signedUrl) {
		throw new InputError('Response Type', "n8n's answer link for WhatsApp Buttons has a form this node does not know", 'Choose Approval (links) as the Response Type, and report your n8n version to the node\'s authors');
	}
	return id;
}

/** Every distinct answer id in a text (a raw delivery body), in order. */
export function findAnswerIds(text: string): ChatAnswer[] {
	const found = new Map<string, ChatAnswer>();
	for (const [whole, execution, node, letter, signature] of text.matchAll(ANSWER_ID)) {
		const bytes = Buffer.from(signature, 'base64url');
		const [executionId, nodeId] = [decode(execution), decode(node)];
		// n8n's execution ids are digits; a node id of dots would be a path step, not a name.
		if (bytes.length !== 32 || !/^[A-Za-z0-9_-]+$/.test(executionId) || /^\.*$/.test(nodeId) || found.has(whole)) continue;
		found.set(whole, { executionId, nodeId, choice: CHOICES[letter], signature: bytes.toString('hex') });
	}
	return [...found.values()];
}

/**
 * The link n8n signed for an answer (getSignedResumeUrl({ approved }) in n8n-core 1.x and 2.x):
 * `<waiting base>/<execution>/<node>?approved=…&signature=…`.
 */
export function resumeUrl(waitingBase: string, answer: ChatAnswer): string {
	const url = new URL(`${waitingBase.replace(/\/+$/, '')}/${encodeURIComponent(answer.executionId)}/${encodeURIComponent(answer.nodeId)}`);
	url.searchParams.set('approved', answer.choice === 'decline' ? 'false' : 'true');
	url.searchParams.set('signature', answer.signature);
	return url.toString();
}

function encode(text: string): string {
	return Buffer.from(text, 'utf8').toString('base64url');
}

function decode(text: string): string {
	return Buffer.from(text, 'base64url').toString('utf8');
}
