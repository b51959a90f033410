/** A file part for a multipart/form-data body. */
interface FilePart {
	field: string;
	fileName: string;
	mimeType: string;
	data: Buffer;
}

/**
 * Builds a multipart/form-data body with one file part, as bytes. n8n's request helper
 * sends a Buffer as it is on every n8n line, where a FormData object is handled
 * differently from one version to the next.
 */
export function multipartBody(part: FilePart, boundary: string): { body: Buffer; contentType: string } {
	const name = (value: string) => value.replace(/["\r\n\\]/g, '_');
	const head =
		`--${boundary}\r\n` +
		`Content-Disposition: form-data; name="${name(part.field)}"; filename="${name(part.fileName)}"\r\n` +
		`Content-Type: ${part.mimeType.replace(/[\r\n]/g, '')}\r\n\r\n`;
	return {
		body: Buffer.concat([Buffer.from(head, 'utf8'), part.data, Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8')]),
		contentType: `multipart/form-data; boundary=${boundary}`,
	};
}

/** A boundary that cannot occur in the file by chance (RFC 2046 allows up to 70 characters). */
export function newBoundary(random: () => number = Math.random): string {
	let text = '';
	while (text.length < 24) text += Math.floor(random() * 36 ** 6).toString(36);
	return `----RampwinN8n${text.slice(0, 24)}`;
}
