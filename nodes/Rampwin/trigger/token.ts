import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A new secret for the webhook URL: 192 random bits, URL-safe. */
export function newToken(): string {
	return randomBytes(24).toString('base64url');
}

/**
 * Whether a delivery's token is the expected one, compared in constant time. Both sides are
 * hashed first, so neither the compare nor an early length check tells how much was right.
 */
export function sameToken(given: unknown, expected: string): boolean {
	if (typeof given !== 'string' || given === '') return false;
	const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();
	return timingSafeEqual(digest(given), digest(expected));
}

/** The webhook URL n8n gives, with the token as a query parameter. */
export function withToken(url: string, token: string): string {
	const parsed = new URL(url);
	parsed.searchParams.set('token', token);
	return parsed.toString();
}
