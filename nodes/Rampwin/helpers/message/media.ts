import { InputError } from '../errors';
import { article, isEmptyValue, kindOf, quote } from '../values';

type MediaKind = 'image' | 'video' | 'audio' | 'document';

export interface MediaFile {
	fileName?: string;
	mimeType?: string;
	fileExtension?: string;
	/** The content's length in bytes (not n8n's human-readable `fileSize`). */
	size: number;
}

interface CheckedMediaFile {
	kind: MediaKind;
	mimeType: string;
	fileName: string;
}

interface MediaFormat {
	name: string;
	kind: MediaKind;
	mimeType: string;
	/** Other spellings seen in the wild for the same format. */
	otherMimeTypes: readonly string[];
	extensions: readonly string[];
}

/**
 * The reference gives sizes in "MB" without saying which. We read MB as 1024 × 1024 bytes,
 * the larger reading, so that only a file that is too large under either reading is refused.
 */
const MEGABYTE = 1024 * 1024;

/** What the Rampwin reference says WhatsApp accepts, per kind. */
export const MEDIA_LIMITS: Readonly<Record<MediaKind, { maxMegabytes: number; maxBytes: number; plural: string }>> = {
	image: { maxMegabytes: 5, maxBytes: 5 * MEGABYTE, plural: 'images' },
	video: { maxMegabytes: 16, maxBytes: 16 * MEGABYTE, plural: 'videos' },
	audio: { maxMegabytes: 16, maxBytes: 16 * MEGABYTE, plural: 'audio files' },
	document: { maxMegabytes: 100, maxBytes: 100 * MEGABYTE, plural: 'documents' },
};

const MEDIA_FORMATS: readonly MediaFormat[] = [
	{ name: 'JPG', kind: 'image', mimeType: 'image/jpeg', otherMimeTypes: ['image/jpg'], extensions: ['jpg', 'jpeg'] },
	{ name: 'PNG', kind: 'image', mimeType: 'image/png', otherMimeTypes: [], extensions: ['png'] },
	{ name: 'MP4', kind: 'video', mimeType: 'video/mp4', otherMimeTypes: [], extensions: ['mp4'] },
	{ name: 'MP3', kind: 'audio', mimeType: 'audio/mpeg', otherMimeTypes: ['audio/mp3'], extensions: ['mp3'] },
	{ name: 'AAC', kind: 'audio', mimeType: 'audio/aac', otherMimeTypes: ['audio/x-aac'], extensions: ['aac'] },
	{ name: 'OGG', kind: 'audio', mimeType: 'audio/ogg', otherMimeTypes: [], extensions: ['ogg'] },
	{ name: 'PDF', kind: 'document', mimeType: 'application/pdf', otherMimeTypes: [], extensions: ['pdf'] },
	{ name: 'DOC', kind: 'document', mimeType: 'application/msword', otherMimeTypes: [], extensions: ['doc'] },
	{
		name: 'DOCX',
		kind: 'document',
		mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
		otherMimeTypes: [],
		extensions: ['docx'],
	},
	{
		name: 'XLSX',
		kind: 'document',
		mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
		otherMimeTypes: [],
		extensions: ['xlsx'],
	},
];

/** Types that say nothing about the content; the file's extension decides instead. */
const GENERIC_MIME_TYPES = new Set(['application/octet-stream', 'binary/octet-stream', 'application/unknown']);

const ACCEPTED_HINT =
	'Send an image as JPG or PNG (up to 5 MB), a video as MP4 (16 MB), audio as MP3, AAC or OGG (16 MB), ' +
	'or a document as PDF, DOC, DOCX or XLSX (100 MB)';

/**
 * Finds which kind of WhatsApp media a binary file is, and refuses a type or size the
 * reference does not accept. The MIME type decides; the extension (given, or from the file
 * name) decides only when the MIME type is missing or generic.
 */
/** Who refuses a type the reference does not list, and what they take instead. */
const WHATSAPP_MEDIA = { who: 'WhatsApp media messages', hint: ACCEPTED_HINT };

export function checkMediaFile(
	file: MediaFile,
	field = 'Input Binary Field',
	accepting: { who: string; hint: string } = WHATSAPP_MEDIA,
): CheckedMediaFile {
	if (typeof file.size !== 'number' || !Number.isFinite(file.size) || file.size < 0) {
		throw new TypeError(`checkMediaFile needs the size in bytes, got ${String(file.size)}`);
	}
	const givenName = file.fileName?.trim() ?? '';
	const subject = givenName === '' ? 'The file' : `File "${givenName}"`;
	const mimeType = normaliseMimeType(file.mimeType);
	const extension = normaliseExtension(file.fileExtension) ?? extensionOf(givenName);
	let format: MediaFormat | undefined;
	if (mimeType !== '' && !GENERIC_MIME_TYPES.has(mimeType)) {
		format = MEDIA_FORMATS.find(
			(candidate) => candidate.mimeType === mimeType || candidate.otherMimeTypes.includes(mimeType),
		);
		if (format === undefined) {
			throw new InputError(
				field,
				`${subject} has type ${mimeType}, which ${accepting.who} do not accept`,
				accepting.hint,
			);
		}
	} else {
		format = MEDIA_FORMATS.find((candidate) => extension !== undefined && candidate.extensions.includes(extension));
		if (format === undefined) {
			const type = mimeType === '' ? 'no type' : `type ${mimeType}`;
			const what = extension === undefined ? 'no file extension' : `the extension .${extension}`;
			throw new InputError(
				field,
				`${subject} has ${type} and ${what}, which ${accepting.who} do not accept`,
				`${accepting.hint}; if the file is one of these, give it the right MIME type or file extension`,
			);
		}
	}
	const limit = MEDIA_LIMITS[format.kind];
	if (file.size === 0) {
		throw new InputError(
			field,
			`${subject} is empty (0 bytes)`,
			`Check that ${field} names the binary property that holds the file`,
		);
	}
	if (file.size > limit.maxBytes) {
		throw new InputError(
			field,
			`${subject} (${format.name} ${format.kind}) is ${formatSize(file.size, limit.maxMegabytes)}; ` +
				`WhatsApp accepts ${limit.plural} up to ${limit.maxMegabytes} MB`,
			`Compress or shorten the file to ${limit.maxMegabytes} MB (${group(limit.maxBytes)} bytes) or less`,
		);
	}
	const fileName =
		givenName === ''
			? `${format.kind}.${format.extensions[0]}`
			: format.extensions.includes(extensionOf(givenName) ?? '')
				? givenName
				: `${givenName}.${format.extensions[0]}`;
	return { kind: format.kind, mimeType: format.mimeType, fileName };
}

/** Send Media's type and size checks, narrowed to what the template upload takes. */
export function checkHeaderFile(file: MediaFile): CheckedMediaFile {
	const hint = 'A template header file must be a JPG or PNG image (up to 5 MB) or an MP4 video (up to 16 MB)';
	const checked = checkMediaFile(file, 'Input Binary Field', { who: 'template headers', hint });
	if (checked.kind !== 'image' && checked.kind !== 'video') {
		throw new InputError('Input Binary Field', `${file.fileName ? `File "${file.fileName}"` : 'The file'} is ${article(checked.kind)} file, which template headers do not take`, hint);
	}
	return checked;
}

function normaliseMimeType(value: string | undefined): string {
	return (value ?? '').split(';')[0].trim().toLowerCase();
}

function normaliseExtension(value: string | undefined): string | undefined {
	const extension = (value ?? '').trim().replace(/^\./, '').toLowerCase();
	return extension === '' ? undefined : extension;
}

function extensionOf(fileName: string): string | undefined {
	const dot = fileName.lastIndexOf('.');
	return dot > 0 ? normaliseExtension(fileName.slice(dot + 1)) : undefined;
}

/** Megabytes to one decimal, or the exact bytes where rounding would hide that the limit is passed. */
function formatSize(bytes: number, maxMegabytes: number): string {
	const megabytes = (bytes / MEGABYTE).toFixed(1);
	return Number(megabytes) > maxMegabytes ? `${megabytes} MB` : `${group(bytes)} bytes`;
}

function group(count: number): string {
	return String(count).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** An absolute http or https address, trimmed, with no spaces inside. */
export function parseHttpUrl(value: unknown, field: string): string {
	const example = 'e.g. https://example.com/photo.jpg';
	if (isEmptyValue(value)) {
		throw new InputError(field, `${field} is empty`, `Enter a public http or https address, ${example}`);
	}
	if (typeof value !== 'string') {
		throw new InputError(
			field,
			`${field} must be text, not ${kindOf(value)}`,
			`Map a single address into ${field}`,
		);
	}
	const url = value.trim();
	if (!/^https?:\/\//i.test(url)) {
		throw new InputError(
			field,
			`${field} ${quote(url)} is not an http or https address`,
			`Use a public address that starts with https:// or http://, ${example}`,
		);
	}
	if (/\s/.test(url)) {
		throw new InputError(
			field,
			`${field} ${quote(url)} contains a space`,
			'Encode spaces in the address as %20',
		);
	}
	let host = '';
	try {
		host = new URL(url).hostname;
	} catch {
		host = '';
	}
	if (host === '') {
		throw new InputError(
			field,
			`${field} ${quote(url)} is not a valid address`,
			`Check the host name after the //, ${example}`,
		);
	}
	return url;
}
