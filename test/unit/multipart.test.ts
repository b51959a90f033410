import { multipartBody, newBoundary } from '../../nodes/Rampwin/helpers/message/multipart';

describe('multipartBody', () => {
	test('one file part, bytes intact, that a standard parser reads back', async () => {
		const data = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff]);
		const { body, contentType } = multipartBody(
			{ field: 'file', fileName: 'logo.png', mimeType: 'image/png', data },
			'----RampwinN8nabc123',
		);
		expect(contentType).toBe('multipart/form-data; boundary=----RampwinN8nabc123');
		const form = await new Request('http://localhost/', { method: 'POST', headers: { 'content-type': contentType }, body }).formData();
		const file = form.get('file') as File;
		expect(file.name).toBe('logo.png');
		expect(file.type).toBe('image/png');
		expect(Buffer.from(await file.arrayBuffer())).toEqual(data);
	});

	test('quotes and line breaks in a file name cannot break the header', () => {
		const { body } = multipartBody(
			{ field: 'file', fileName: 'a"b\r\nX-Evil: 1.pdf', mimeType: 'application/pdf', data: Buffer.from('x') },
			'B',
		);
		expect(body.toString('utf8')).toBe(
			'--B\r\nContent-Disposition: form-data; name="file"; filename="a_b__X-Evil: 1.pdf"\r\nContent-Type: application/pdf\r\n\r\nx\r\n--B--\r\n',
		);
	});

	test('boundaries are long, distinct and within RFC 2046', () => {
		const boundaries = new Set(Array.from({ length: 50 }, () => newBoundary()));
		expect(boundaries.size).toBe(50);
		for (const boundary of boundaries) expect(boundary).toMatch(/^----RampwinN8n[0-9a-z]{24}$/);
	});
});
