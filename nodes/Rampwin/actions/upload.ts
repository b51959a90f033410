import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { MediaFile } from '../helpers/message/media';
import { multipartBody, newBoundary } from '../helpers/message/multipart';
import type { RampwinRequest, SendResult } from '../transport';
import { answerText } from './answers';
import { checkInput } from './checkInput';
import type { ParameterReader } from './parameters';

interface FileUpload {
	/** Checks the file's name, type and size; throws InputError to refuse it. */
	check: (file: MediaFile) => { fileName: string; mimeType: string };
	/** Rampwin's endpoint and the multipart field the file goes in. */
	path: string;
	qs?: IDataObject;
	field: string;
	refused: RampwinRequest['refused'];
	/** The answer's field that the main request needs, and the error when it is missing. */
	answer: { field: string; missing: string; description: string };
	/** Puts the answer's value into the main request. */
	use: (value: string) => void;
}

/**
 * The item's binary file (Input Binary Field), checked and uploaded before the main request:
 * Send Media's file and a template's header. A file n8n knows to be too large is refused
 * unread. Uploading again only stores another copy, so the upload is safe to retry, and its
 * key lets a re-run reuse it.
 */
export async function uploadFirst(
	ctx: IExecuteFunctions,
	itemIndex: number,
	params: ParameterReader,
	upload: FileUpload,
): Promise<NonNullable<RampwinRequest['before']>> {
	const property = String(params.get('binaryPropertyName', itemIndex, 'data'));
	const binary = ctx.helpers.assertBinaryData(itemIndex, property);
	const check = (size: number) =>
		checkInput(ctx, itemIndex, () =>
			upload.check({ fileName: binary.fileName, mimeType: binary.mimeType, fileExtension: binary.fileExtension, size }),
		);
	if (typeof binary.bytes === 'number') check(binary.bytes);
	const data = await ctx.helpers.getBinaryDataBuffer(itemIndex, property);
	const file = check(data.length);
	const { body, contentType } = multipartBody({ field: upload.field, fileName: file.fileName, mimeType: file.mimeType, data }, newBoundary());
	return {
		key: `${binary.id ?? ''} ${file.fileName} ${file.mimeType} ${data.length}`,
		request: { method: 'POST', path: upload.path, qs: upload.qs, body, contentType, safety: 'idempotent', refused: upload.refused },
		apply: (result: SendResult) => {
			const value = answerText(result, upload.answer.field);
			if (value === undefined) {
				throw new NodeOperationError(ctx.getNode(), `Item ${itemIndex}: ${upload.answer.missing}`, {
					itemIndex,
					description: upload.answer.description,
				});
			}
			upload.use(value);
		},
	};
}
