import { InputError } from '../../nodes/Rampwin/helpers/errors';

/** The InputError that `run` throws; the test fails when it throws nothing, or something else. */
export function refusal(run: () => unknown): InputError {
	try {
		run();
	} catch (error) {
		if (error instanceof InputError) return error;
		throw error;
	}
	throw new Error('expected an InputError');
}
