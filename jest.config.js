/**
 * Two projects: everything on the n8n-core and n8n-workflow that n8n 2.x ships, and the
 * behaviour tests (test/node: the request helper, webhooks, errors) again on the ones n8n
 * 1.123.81 ships (npm aliases n8n-core-v1 and n8n-workflow-v1), whose internals differ.
 */
const base = {
	testEnvironment: 'node',
	setupFiles: ['<rootDir>/test/setup-env.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }],
	},
};

/** @type {import('jest').Config} */
module.exports = {
	// Jest's default on 2 cores is 1 worker, i.e. one file at a time. Most of the long files
	// (retries, outages) spend their time waiting, so two files at a time halve the run.
	maxWorkers: 2,
	projects: [
		{
			...base,
			displayName: 'n8n 2.x',
			roots: ['<rootDir>/test', '<rootDir>/sandbox'],
			testMatch: ['**/*.test.ts'],
			testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/e2e/'],
		},
		{
			...base,
			displayName: 'n8n 1.x',
			roots: ['<rootDir>/test/node'],
			testMatch: ['**/*.test.ts'],
			testPathIgnorePatterns: [
				'/node_modules/',
				// The AI-tool harness builds on n8n 2.x's tool internals (createNodeAsTool, its schemas).
				'<rootDir>/test/node/tool.test.ts',
			],
			setupFilesAfterEnv: ['<rootDir>/test/setup-n8n-v1.ts'],
			// Every require of n8n-core or n8n-workflow, the package's own included, gets 1.x's copy.
			moduleNameMapper: {
				'^n8n-core(/.*)?$': '<rootDir>/node_modules/n8n-core-v1$1',
				'^n8n-workflow(/.*)?$': '<rootDir>/node_modules/n8n-workflow-v1$1',
				// Tests that listen to n8n's logger get the container n8n-core 1.x uses.
				'^@n8n/(di|backend-common)$': '<rootDir>/node_modules/n8n-core-v1/node_modules/@n8n/$1',
			},
		},
	],
};
