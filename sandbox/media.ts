import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';

import { inject } from './faults';
import { send } from './json';
import type { RecordedRequest, SandboxState } from './types';


/** The reference does not give the upload's error shape; this one follows the other endpoints'. */
export const NO_FILE = 'No file uploaded';

/** `POST /api/media/upload`: multipart/form-data with the file in the field `file`. */
export async function uploadMedia(server: SandboxState, req: RecordedRequest, res: ServerResponse): Promise<void> {
	const file = await fileField(req);
	if (typeof file === 'string') {
		server.lastRejection = file;
		return send(res, 400, { success: false, message: NO_FILE });
	}
	// Attempts are counted per file name; `every` applies to the first number in it.
	const fault = server.faultBefore(`upload ${file.name}`, Number(/\d+/.exec(file.name)?.[0] ?? 1), res);
	if (fault === true) return;
	const safeName = file.name.replace(/[^\w.-]+/g, '_').replace(/^[._]+/, '').slice(-100) || 'file';
	server.uploads.push({
		filename: file.name,
		contentType: file.type,
		bytes: Buffer.from(await file.arrayBuffer()),
		url: `${server.baseUrl}/uploads/${randomBytes(6).toString('hex')}/${safeName}`,
		receivedAt: req.receivedAt,
	});
	if (fault?.afterCreate) return inject(fault, res);
	send(res, 200, { success: true, url: server.uploads[server.uploads.length - 1].url });
}

/** The file in the field `file`, or why there is none. */
async function fileField(req: RecordedRequest): Promise<File | string> {
	const contentType = String(req.headers['content-type'] ?? '');
	if (!/^multipart\/form-data/i.test(contentType)) return 'content-type must be multipart/form-data';
	try {
		const form = await new Request('http://upload', {
			method: 'POST',
			headers: { 'content-type': contentType },
			body: req.bytes,
		}).formData();
		const file = form.get('file');
		if (!(file instanceof File)) return 'no file in the field "file"';
		return file.size > 0 ? file : 'the file is empty';
	} catch (error) {
		return `the multipart body does not parse: ${(error as Error).message}`;
	}
}

/** `GET /uploads/…`: public, like the URLs Rampwin hands out. */
export function serveUpload(server: SandboxState, req: RecordedRequest, res: ServerResponse): void {
	const upload = server.uploads.find((stored) => new URL(stored.url).pathname === req.path);
	if (upload === undefined) return send(res, 404, { success: false, message: 'Not found' });
	res
		.writeHead(200, {
			'content-type': upload.contentType || 'application/octet-stream',
			'content-length': String(upload.bytes.length),
		})
		.end(upload.bytes);
}
