import { InputError } from '../../nodes/Rampwin/helpers/errors';
import { checkMediaFile, MEDIA_LIMITS, type MediaFile } from '../../nodes/Rampwin/helpers/message/media';

const refused = (message: string, hint: string, field = 'Input Binary Field'): InputError =>
	expect.objectContaining({ field, message, hint }) as InputError;

const MB = 1048576;
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const ACCEPTED =
	'Send an image as JPG or PNG (up to 5 MB), a video as MP4 (16 MB), audio as MP3, AAC or OGG (16 MB), ' +
	'or a document as PDF, DOC, DOCX or XLSX (100 MB)';

test('the limits are the reference\'s, with MB read as 1024 × 1024 bytes', () => {
	expect(MEDIA_LIMITS).toEqual({
		image: { maxMegabytes: 5, maxBytes: 5242880, plural: 'images' },
		video: { maxMegabytes: 16, maxBytes: 16777216, plural: 'videos' },
		audio: { maxMegabytes: 16, maxBytes: 16777216, plural: 'audio files' },
		document: { maxMegabytes: 100, maxBytes: 104857600, plural: 'documents' },
	});
});

describe('each accepted type at its size limit', () => {
	test.each([
		['photo.jpg', 'image/jpeg', 5 * MB, 'image'],
		['photo.png', 'image/png', 5 * MB, 'image'],
		['clip.mp4', 'video/mp4', 16 * MB, 'video'],
		['song.mp3', 'audio/mpeg', 16 * MB, 'audio'],
		['voice.aac', 'audio/aac', 16 * MB, 'audio'],
		['voice.ogg', 'audio/ogg', 16 * MB, 'audio'],
		['report.pdf', 'application/pdf', 100 * MB, 'document'],
		['letter.doc', 'application/msword', 100 * MB, 'document'],
		['letter.docx', DOCX, 100 * MB, 'document'],
		['sheet.xlsx', XLSX, 100 * MB, 'document'],
	])('%s (%s, %d bytes) passes as %s', (fileName, mimeType, size, kind) => {
		expect(checkMediaFile({ fileName, mimeType, size })).toEqual({ kind, mimeType, fileName });
	});
});

describe('one byte over the limit', () => {
	const UNDER_5 = 'Compress or shorten the file to 5 MB (5,242,880 bytes) or less';
	const UNDER_16 = 'Compress or shorten the file to 16 MB (16,777,216 bytes) or less';
	const UNDER_100 = 'Compress or shorten the file to 100 MB (104,857,600 bytes) or less';
	test.each([
		[
			'photo.jpg',
			'image/jpeg',
			5 * MB + 1,
			'File "photo.jpg" (JPG image) is 5,242,881 bytes; WhatsApp accepts images up to 5 MB',
			UNDER_5,
		],
		[
			'photo.png',
			'image/png',
			5 * MB + 1,
			'File "photo.png" (PNG image) is 5,242,881 bytes; WhatsApp accepts images up to 5 MB',
			UNDER_5,
		],
		[
			'clip.mp4',
			'video/mp4',
			16 * MB + 1,
			'File "clip.mp4" (MP4 video) is 16,777,217 bytes; WhatsApp accepts videos up to 16 MB',
			UNDER_16,
		],
		[
			'song.mp3',
			'audio/mpeg',
			16 * MB + 1,
			'File "song.mp3" (MP3 audio) is 16,777,217 bytes; WhatsApp accepts audio files up to 16 MB',
			UNDER_16,
		],
		[
			'voice.aac',
			'audio/aac',
			16 * MB + 1,
			'File "voice.aac" (AAC audio) is 16,777,217 bytes; WhatsApp accepts audio files up to 16 MB',
			UNDER_16,
		],
		[
			'voice.ogg',
			'audio/ogg',
			16 * MB + 1,
			'File "voice.ogg" (OGG audio) is 16,777,217 bytes; WhatsApp accepts audio files up to 16 MB',
			UNDER_16,
		],
		[
			'report.pdf',
			'application/pdf',
			100 * MB + 1,
			'File "report.pdf" (PDF document) is 104,857,601 bytes; WhatsApp accepts documents up to 100 MB',
			UNDER_100,
		],
		[
			'letter.doc',
			'application/msword',
			100 * MB + 1,
			'File "letter.doc" (DOC document) is 104,857,601 bytes; WhatsApp accepts documents up to 100 MB',
			UNDER_100,
		],
		[
			'letter.docx',
			DOCX,
			100 * MB + 1,
			'File "letter.docx" (DOCX document) is 104,857,601 bytes; WhatsApp accepts documents up to 100 MB',
			UNDER_100,
		],
		[
			'sheet.xlsx',
			XLSX,
			100 * MB + 1,
			'File "sheet.xlsx" (XLSX document) is 104,857,601 bytes; WhatsApp accepts documents up to 100 MB',
			UNDER_100,
		],
	])('%s (%s, %d bytes) is refused', (fileName, mimeType, size, message, hint) => {
		expect(() => checkMediaFile({ fileName, mimeType, size })).toThrow(refused(message, hint));
	});

	test('a clearly larger file is given in MB', () => {
		expect(() => checkMediaFile({ fileName: 'scan.pdf', mimeType: 'application/pdf', size: 120 * MB })).toThrow(
			'File "scan.pdf" (PDF document) is 120.0 MB; WhatsApp accepts documents up to 100 MB',
		);
	});

	test('5 MB read as 1000 × 1000 bytes is not refused', () => {
		expect(checkMediaFile({ fileName: 'a.png', mimeType: 'image/png', size: 5000001 }).kind).toBe('image');
	});
});

describe('type detection', () => {
	test.each([
		[
			'by MIME type, whatever the name says',
			{ fileName: 'photo.dat', mimeType: 'image/png', size: 10 },
			'image',
			'image/png',
			'photo.dat.png',
		],
		[
			'by a MIME type with parameters and capitals',
			{ fileName: 'a.pdf', mimeType: 'Application/PDF; charset=binary', size: 10 },
			'document',
			'application/pdf',
			'a.pdf',
		],
		[
			'by a common alias of the MIME type',
			{ fileName: 'a.jpg', mimeType: 'image/jpg', size: 10 },
			'image',
			'image/jpeg',
			'a.jpg',
		],
		[
			'by the alias audio/mp3',
			{ fileName: 'a.mp3', mimeType: 'audio/mp3', size: 10 },
			'audio',
			'audio/mpeg',
			'a.mp3',
		],
		[
			'by the alias audio/x-aac',
			{ fileName: 'a.aac', mimeType: 'audio/x-aac', size: 10 },
			'audio',
			'audio/aac',
			'a.aac',
		],
		[
			'by the extension when the MIME type is missing',
			{ fileName: 'song.MP3', size: 10 },
			'audio',
			'audio/mpeg',
			'song.MP3',
		],
		[
			'by the extension when the MIME type is generic',
			{ fileName: 'clip.mp4', mimeType: 'application/octet-stream', size: 10 },
			'video',
			'video/mp4',
			'clip.mp4',
		],
		[
			'by binary/octet-stream and the extension',
			{ fileName: 'a.jpeg', mimeType: 'binary/octet-stream', size: 10 },
			'image',
			'image/jpeg',
			'a.jpeg',
		],
		[
			'by the given extension, with a dot and capitals',
			{ fileName: 'sheet', mimeType: '', fileExtension: '.XLSX', size: 10 },
			'document',
			XLSX,
			'sheet.xlsx',
		],
		[
			'by the given extension over the name\'s',
			{ fileName: 'a.bin', fileExtension: 'docx', size: 10 },
			'document',
			DOCX,
			'a.bin.docx',
		],
		['with no file name', { mimeType: 'application/pdf', size: 10 }, 'document', 'application/pdf', 'document.pdf'],
		[
			'with a blank file name',
			{ fileName: '  ', mimeType: 'image/jpeg', size: 10 },
			'image',
			'image/jpeg',
			'image.jpg',
		],
	])('%s', (_case, file: MediaFile, kind, mimeType, fileName) => {
		expect(checkMediaFile(file)).toEqual({ kind, mimeType, fileName });
	});
});

describe('refused types', () => {
	test.each([
		[
			'a GIF',
			{ fileName: 'party.gif', mimeType: 'image/gif', size: 1000 },
			'File "party.gif" has type image/gif, which WhatsApp media messages do not accept',
			ACCEPTED,
		],
		[
			'a GIF without a MIME type',
			{ fileName: 'party.gif', size: 1000 },
			'File "party.gif" has no type and the extension .gif, which WhatsApp media messages do not accept',
			`${ACCEPTED}; if the file is one of these, give it the right MIME type or file extension`,
		],
		[
			'a type the reference does not list',
			{ fileName: 'notes.txt', mimeType: 'text/plain', size: 1000 },
			'File "notes.txt" has type text/plain, which WhatsApp media messages do not accept',
			ACCEPTED,
		],
		[
			'a specific unknown type, even with an accepted extension',
			{ fileName: 'photo.png', mimeType: 'image/webp', size: 1000 },
			'File "photo.png" has type image/webp, which WhatsApp media messages do not accept',
			ACCEPTED,
		],
		[
			'a generic type and no extension',
			{ fileName: 'upload', mimeType: 'application/octet-stream', size: 1000 },
			'File "upload" has type application/octet-stream and no file extension, which WhatsApp media messages do not accept',
			`${ACCEPTED}; if the file is one of these, give it the right MIME type or file extension`,
		],
		[
			'nothing to go by',
			{ size: 1000 },
			'The file has no type and no file extension, which WhatsApp media messages do not accept',
			`${ACCEPTED}; if the file is one of these, give it the right MIME type or file extension`,
		],
		[
			'an empty file',
			{ fileName: 'a.pdf', mimeType: 'application/pdf', size: 0 },
			'File "a.pdf" is empty (0 bytes)',
			'Check that Input Binary Field names the binary property that holds the file',
		],
	])('%s', (_case, file: MediaFile, message, hint) => {
		expect(() => checkMediaFile(file)).toThrow(refused(message, hint));
	});

	test('the field can be named by the caller', () => {
		expect(() => checkMediaFile({ fileName: 'a.gif', size: 1 }, 'Binary Property')).toThrow(
			refused(
				'File "a.gif" has no type and the extension .gif, which WhatsApp media messages do not accept',
				`${ACCEPTED}; if the file is one of these, give it the right MIME type or file extension`,
				'Binary Property',
			),
		);
	});

	test.each([Number.NaN, -1, '10' as unknown as number])('a size of %p is a programming error', (size) => {
		expect(() => checkMediaFile({ fileName: 'a.pdf', size })).toThrow(TypeError);
	});
});
