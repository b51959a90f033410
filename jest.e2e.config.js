/**
 * End-to-end tests in real n8n (npm run test:e2e). Each n8n CLI call takes seconds, most of it
 * waiting, so two files run at a time: each has its own n8n, sandbox and ports.
 */
/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test/e2e'],
	testMatch: ['**/*.e2e.test.ts'],
	testTimeout: 120_000,
	maxWorkers: 2,
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }],
	},
};
