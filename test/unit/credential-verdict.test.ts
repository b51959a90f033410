import { verdict } from '../../nodes/Rampwin/methods/credentialTest';

// What the credential test makes of each status Rampwin (or whatever is at the Base URL)
// gives to an empty contact. The statuses the sandbox cannot give are only checked here.
describe('credential test verdict', () => {
	test.each([200, 201, 400])('HTTP %i: the key works', (status) => {
		expect(verdict(status)).toEqual({ status: 'OK', message: 'Connection successful!' });
	});

	test.each([
		[401, /^Rampwin rejected the API key \(HTTP 401\)/],
		[403, /^Rampwin rejected the API key \(HTTP 403\)/],
		[404, /^No Rampwin API at this Base URL \(HTTP 404\)/],
		[429, /^Rampwin is limiting requests \(HTTP 429\), so the key could not be checked/],
		[500, /^Rampwin answered with a server error \(HTTP 500\), so the key could not be checked/],
		[502, /^Rampwin answered with a server error \(HTTP 502\)/],
		[504, /^Rampwin answered with a server error \(HTTP 504\)/],
		[301, /^The Base URL answered HTTP 301, which Rampwin's API does not answer to this test\. Check the Base URL/],
		[405, /^The Base URL answered HTTP 405/],
		[422, /^The Base URL answered HTTP 422/],
	])('HTTP %i fails the test, saying why', (status, message) => {
		const result = verdict(status);
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(message);
	});
});
