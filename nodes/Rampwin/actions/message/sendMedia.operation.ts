import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { checkMediaFile, parseHttpUrl } from '../../helpers/message/media';
import type { ParameterReader } from '../parameters';
import type { RampwinRequest } from '../../transport';
import { uploadFirst } from '../upload';
import { messageOutput, messageParameters, messageRequest, type MessageBody } from './common';
import type { OperationOption } from '../operation';

export { defaults, identity } from './common';

export const option: OperationOption = { name: 'Send Media', action: 'Send a media message', description: 'Send an image, video, audio file or document, from a URL or from binary data. Free-form: only within 24 hours of the contact\'s last message.' };

export const description: INodeProperties[] = messageParameters('sendMedia', [
	{
		displayName: 'Source',
		name: 'source',
		type: 'options',
		default: 'url',
		description: 'Where the file comes from',
		options: [
			{ name: 'File URL', value: 'url', description: 'A public address WhatsApp can download the file from' },
			{
				name: 'Binary File',
				value: 'binary',
				description: "A file from the input item's binary data; the node uploads it to Rampwin first",
			},
		],
	},
	{
		displayName: 'File URL',
		name: 'fileUrl',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. https://example.com/brochure.pdf',
		description:
			'A public http(s) address of the file. WhatsApp takes JPG or PNG images up to 5 MB, MP4 video and MP3, AAC or OGG audio up to 16 MB, and PDF, DOC, DOCX or XLSX documents up to 100 MB.',
		displayOptions: { show: { source: ['url'] } },
	},
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		required: true,
		default: 'data',
		placeholder: 'e.g. data',
		hint: 'The name of the input binary field containing the file to send',
		description:
			'The binary field of the input item that holds the file: a JPG or PNG image up to 5 MB, MP4 video or MP3, AAC or OGG audio up to 16 MB, or a PDF, DOC, DOCX or XLSX document up to 100 MB',
		displayOptions: { show: { source: ['binary'] } },
	},
]);

export async function build(
	this: IExecuteFunctions,
	itemIndex: number,
	params: ParameterReader,
): Promise<RampwinRequest> {
	if (params.get('source', itemIndex, 'url') !== 'binary') {
		return messageRequest(this, itemIndex, params, () => ({
			file_url: parseHttpUrl(params.get('fileUrl', itemIndex), 'File URL'),
		}));
	}
	// Recipient and channel are checked before the file is read.
	const request = messageRequest(this, itemIndex, params, () => ({}));
	request.before = await uploadFirst(this, itemIndex, params, {
		check: (file) => checkMediaFile(file),
		path: '/api/media/upload',
		field: 'file',
		refused: {
			subject: 'the file',
			badRequestHint: 'Check that the file is a type and size WhatsApp accepts. Nothing was sent to the contact.',
		},
		answer: {
			field: 'url',
			missing: "Rampwin did not return the uploaded file's address",
			description: 'The upload answer had no "url". Nothing was sent to the contact.',
		},
		use: (url) => ((request.body as MessageBody).file_url = url),
	});
	return request;
}

export const output = messageOutput;
