import { codeOf } from '../../nodes/Rampwin/transport/fetch';
import { UNKNOWN_FAILURE } from '../../nodes/Rampwin/transport/network';

// How a failed fetch's error is read: undici's own codes as the helper's, the socket's and
// DNS's as they are. The failures themselves, provoked for real, are test/node/keep-open-network's.
describe('codeOf', () => {
	const failed = (cause: unknown) => Object.assign(new TypeError('fetch failed'), { cause });

	test.each([
		[{ code: 'UND_ERR_SOCKET' }, 'ECONNRESET'],
		[{ code: 'UND_ERR_CONNECT_TIMEOUT' }, 'ERR_SOCKET_CONNECTION_TIMEOUT'],
		[{ code: 'UND_ERR_HEADERS_TIMEOUT' }, 'ECONNABORTED'],
		[{ code: 'ERR_SSL_WRONG_VERSION_NUMBER' }, 'EPROTO'],
		[{ code: 'ECONNREFUSED' }, 'ECONNREFUSED'],
		[{ code: 'ENOTFOUND' }, 'ENOTFOUND'],
		[{ code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }, 'DEPTH_ZERO_SELF_SIGNED_CERT'],
	])('%j is read as %s', (cause, code) => {
		expect(codeOf(failed(cause))).toBe(code);
	});

	test('a connection refused on every address of a host: the first address\'s code', () => {
		const aggregate = new AggregateError([{ code: 'ECONNREFUSED' }, { code: 'ENETUNREACH' }]);
		expect(codeOf(failed(aggregate))).toBe('ECONNREFUSED');
	});

	test('no code anywhere, or a DOMException\'s number: unknown', () => {
		expect(codeOf(failed(new Error('bad port')))).toBe(UNKNOWN_FAILURE);
		expect(codeOf(Object.assign(new Error('aborted'), { code: 20 }))).toBe(UNKNOWN_FAILURE);
	});
});
