import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * What n8n's request helper throws when a request gets no answer, as each n8n line throws
 * it, kept in test/fixtures/network-errors/n8n-core-<major>.json. test/node/network-errors
 * captures them through the real helper and checks them against these files.
 */

/** The failures captured, each provoked for real over loopback. */
export const SCENARIOS = [
	'resetBeforeAnswer',
	'closedAfterProcessed',
	'refused',
	'dnsFailure',
	'timeout',
	'cancelled',
	'tlsUntrustedCertificate',
	'tlsToPlainHttp',
] as const;
export type Scenario = (typeof SCENARIOS)[number];

/** An error as thrown, reduced to what reading it can use: no stack, request, config or node. */
export interface ErrorShape {
	ctor: string;
	name?: string;
	message?: string;
	code?: string;
	httpCode?: string;
	cause?: ErrorShape;
}

export const FIXTURES = path.resolve(__dirname, '../fixtures/network-errors');

export function fixtureFile(major: string): string {
	return path.join(FIXTURES, `n8n-core-${major}.json`);
}

export function readFixtures(major: string): Record<Scenario, ErrorShape> | undefined {
	const file = fixtureFile(major);
	return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<Scenario, ErrorShape>) : undefined;
}

/** Ports, addresses and OpenSSL's per-process pointers vary from run to run. */
function steady(message: string): string {
	return message
		.replace(/\b[0-9A-F]{12,}\b/g, '<hex>')
		.replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:<port>')
		.replace(/:\d+:\n?$/, ':<line>:')
		.trim();
}

export function shapeOf(error: unknown, depth = 0): ErrorShape | undefined {
	if (depth > 5 || error === null || typeof error !== 'object') return undefined;
	const record = error as Record<string, unknown>;
	const shape: ErrorShape = { ctor: record.constructor?.name ?? 'Object' };
	if (typeof record.name === 'string') shape.name = record.name;
	if (typeof record.message === 'string') shape.message = steady(record.message);
	if (typeof record.code === 'string') shape.code = record.code;
	if (typeof record.httpCode === 'string') shape.httpCode = record.httpCode;
	const cause = shapeOf(record.cause, depth + 1);
	if (cause) shape.cause = cause;
	return shape;
}

/** An object that reads like the error a shape was taken from, for the pure table test. */
export function rebuild(shape: ErrorShape): Record<string, unknown> {
	const { ctor: _ctor, cause, ...rest } = shape;
	return cause ? { ...rest, cause: rebuild(cause) } : { ...rest };
}

/** The shape without its messages: what must stay the same for the reading to hold. */
export function skeleton(shape: ErrorShape | undefined): unknown {
	if (!shape) return undefined;
	return { ctor: shape.ctor, code: shape.code, httpCode: shape.httpCode, cause: skeleton(shape.cause) };
}
