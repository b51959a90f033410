import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';

import { inject } from './faults';
import { isRecord, send } from './json';
import type { RecordedRequest, SandboxState } from './types';

/** A template as the sandbox keeps it, per channel. */
export interface StoredTemplate {
	template_id: string;
	name: string;
	category: string;
	language: string;
	status: string;
	components: unknown[];
}

/** How the list answer is shaped: the sandbox's own (`data.templates`), `data` as the list, or no list at all. */
export type TemplateListShape = 'templates' | 'dataList' | 'noList';

export interface TemplateState extends SandboxState {
	readonly templates: Map<string, StoredTemplate[]>;
	/** The status Meta has for a template (`${channel} ${name}`); a list with isSyncMessage=true copies it over. */
	readonly metaStatuses: Map<string, string>;
	/** Handles the template media upload handed out. */
	readonly templateHandles: Set<string>;
	/** Files the template media upload received, with the handle it answered. */
	readonly templateUploads: Array<{ filename: string; contentType: string; bytes: Buffer; handle: string }>;
	templateListShape: TemplateListShape;
}

/**
 * `GET /api/message-templates/official-templates`. The reference shows only `{ "success": …`;
 * the rest of this answer (`data.templates`, `data.page`, `data.page_size`, `data.total`)
 * is the sandbox's own invention, which the node must not depend on.
 */
export function listTemplates(state: TemplateState, req: RecordedRequest, res: ServerResponse): void {
	const channel = req.query.channel_id;
	if (!channel) return send(res, 400, { success: false, message: 'channel_id is required' });
	const page = Number(req.query.page ?? 1);
	const fault = state.faultBefore(`templates ${channel} page ${page}`, page, res);
	if (fault === true) return;
	const stored = state.templates.get(channel) ?? [];
	if (req.query.isSyncMessage === 'true') {
		for (const template of stored) template.status = state.metaStatuses.get(`${channel} ${template.name}`) ?? template.status;
	}
	let list = stored;
	const size = Number(req.query.page_size ?? 10);
	if (req.query.isPagination === 'true') list = stored.slice((page - 1) * size, page * size);
	const templates = list.map((template) => ({ ...template }));
	if (fault?.afterCreate) return inject(fault, res);
	if (state.templateListShape === 'dataList') return send(res, 200, { success: true, data: templates });
	if (state.templateListShape === 'noList') return send(res, 200, { success: true, data: { page, total: stored.length } });
	send(res, 200, { success: true, data: { templates, page, page_size: size, total: stored.length } });
}

/** `POST /api/message-templates/official-templates`: checked as Meta checks it; the name is unique per channel. */
export function createTemplate(state: TemplateState, req: RecordedRequest, res: ServerResponse): void {
	const body = req.body;
	const errors = isRecord(body) ? templateErrors(body, state) : { body: 'must be a JSON object' };
	if (Object.keys(errors).length > 0) {
		state.lastRejection = JSON.stringify(errors);
		return send(res, 400, { success: false, errors });
	}
	const { channel_id: channel, template_json: template } = body as { channel_id: string; template_json: Omit<StoredTemplate, 'template_id' | 'status'> };
	const fault = state.faultBefore(`template ${channel} ${template.name}`, 1, res);
	if (fault === true) return;
	const stored = state.templates.get(channel) ?? [];
	if (stored.some((existing) => existing.name === template.name)) {
		state.lastRejection = 'already exists';
		if (fault?.afterCreate) return inject(fault, res);
		return send(res, 400, { success: false, errors: { name: `A template named ${template.name} already exists on this channel` } });
	}
	const created: StoredTemplate = { template_id: randomBytes(8).toString('hex'), ...template, status: 'PENDING' };
	stored.push(created);
	state.templates.set(channel, stored);
	if (fault?.afterCreate) return inject(fault, res);
	const { template_id, name, status, category, language } = created;
	send(res, 200, { success: true, data: { template_id, name, status, category, language } });
}

const MEGABYTE = 1024 * 1024;
const ACCEPTED: Record<string, number> = { 'image/jpeg': 5 * MEGABYTE, 'image/png': 5 * MEGABYTE, 'video/mp4': 16 * MEGABYTE };

/** `POST /api/integrations/uploadTemplateMedia?channel_id=…`: the file in `common_file`; the handle at the top level. */
export async function uploadTemplateMedia(state: TemplateState, req: RecordedRequest, res: ServerResponse): Promise<void> {
	if (!req.query.channel_id) return send(res, 400, { success: false, message: 'channel_id is required' });
	let file: File | undefined;
	try {
		const form = await new Request('http://upload', {
			method: 'POST',
			headers: { 'content-type': String(req.headers['content-type'] ?? '') },
			body: req.bytes,
		}).formData();
		const value = form.get('common_file');
		file = value instanceof File ? value : undefined;
	} catch {
		file = undefined;
	}
	if (file === undefined || file.size === 0) return send(res, 400, { success: false, message: 'No file uploaded' });
	const max = ACCEPTED[file.type];
	if (max === undefined) return send(res, 400, { success: false, message: 'Invalid file type' });
	if (file.size > max) return send(res, 400, { success: false, message: 'File too large' });
	const fault = state.faultBefore(`template upload ${file.name}`, 1, res);
	if (fault === true) return;
	const handle = `4::${Buffer.from(file.type).toString('base64')}:${randomBytes(12).toString('hex')}`;
	state.templateHandles.add(handle);
	state.templateUploads.push({ filename: file.name, contentType: file.type, bytes: Buffer.from(await file.arrayBuffer()), handle });
	if (fault?.afterCreate) return inject(fault, res);
	send(res, 200, { success: true, header_handle: handle });
}

/** Meta's rules, written apart from the node's so that each checks the other; keys name the part. */
function templateErrors(body: Record<string, unknown>, state: TemplateState): Record<string, string> {
	const errors: Record<string, string> = {};
	if (typeof body.channel_id !== 'string' || body.channel_id === '') errors.channel_id = 'is required';
	const template = body.template_json;
	if (!isRecord(template)) return { ...errors, template_json: 'is required' };
	const { name, category, language, components } = template;
	if (typeof name !== 'string' || !/^[a-z0-9_]{1,512}$/.test(name)) errors.name = 'must be 1 to 512 lowercase letters, digits or underscores';
	if (!['MARKETING', 'UTILITY', 'AUTHENTICATION'].includes(String(category))) errors.category = 'must be MARKETING, UTILITY or AUTHENTICATION';
	if (typeof language !== 'string' || !/^[a-z]{2,3}(_[A-Z]{2})?$/.test(language)) errors.language = 'must be a language code';
	if (!Array.isArray(components)) return { ...errors, components: 'must be a list' };
	const byType = new Map<string, Record<string, unknown>>();
	for (const component of components) {
		if (!isRecord(component) || !['HEADER', 'BODY', 'FOOTER', 'BUTTONS'].includes(String(component.type))) errors.components = 'unknown component';
		else if (byType.has(String(component.type))) errors.components = `more than one ${String(component.type)}`;
		else byType.set(String(component.type), component);
	}
	const body_ = byType.get('BODY');
	if (body_ === undefined) errors.BODY = 'is required';
	else {
		const count = textErrors(body_.text, 1024, 'BODY', errors);
		const rows = isRecord(body_.example) ? body_.example.body_text : undefined;
		const examples = Array.isArray(rows) && Array.isArray(rows[0]) ? (rows[0] as unknown[]) : [];
		if (examples.length !== count || examples.some((value) => typeof value !== 'string' || value === '')) errors.BODY_example = `needs ${count} example values`;
	}
	const header = byType.get('HEADER');
	if (header?.format === 'TEXT') {
		const count = textErrors(header.text, 60, 'HEADER', errors);
		const examples = isRecord(header.example) && Array.isArray(header.example.header_text) ? header.example.header_text : [];
		if (count > 1) errors.HEADER = 'at most one variable';
		else if (examples.length !== count) errors.HEADER_example = `needs ${count} example values`;
	} else if (header !== undefined) {
		const handles = isRecord(header.example) ? header.example.header_handle : undefined;
		if (!['IMAGE', 'VIDEO', 'DOCUMENT'].includes(String(header.format))) errors.HEADER = 'unknown format';
		else if (!Array.isArray(handles) || typeof handles[0] !== 'string' || handles[0] === '') errors.HEADER_example = 'needs a header_handle';
		else if (handles[0].startsWith('4::') && !state.templateHandles.has(handles[0])) errors.HEADER_example = 'unknown header_handle';
	}
	const footer = byType.get('FOOTER');
	if (footer !== undefined && textErrors(footer.text, 60, 'FOOTER', errors) > 0) errors.FOOTER = 'takes no variables';
	const buttons = byType.get('BUTTONS')?.buttons;
	if (buttons !== undefined) {
		const list = Array.isArray(buttons) ? buttons.filter(isRecord) : [];
		const count = (type: string) => list.filter((button) => button.type === type).length;
		if (list.length < 1 || list.length > 10) errors.BUTTONS = 'must be 1 to 10 buttons';
		else if (count('URL') > 2 || count('PHONE_NUMBER') > 1 || count('QUICK_REPLY') > 10) errors.BUTTONS = 'too many buttons of one kind';
		for (const button of list) {
			if (typeof button.text !== 'string' || button.text === '' || [...button.text].length > 25) errors.BUTTONS = 'button text must be 1 to 25 characters';
			if (button.type === 'URL' && (typeof button.url !== 'string' || button.url.length > 2000 || !/^https?:\/\//.test(button.url))) errors.BUTTONS = 'bad url';
			if (button.type === 'URL' && /\{\{1\}\}$/.test(String(button.url)) && !(Array.isArray(button.example) && typeof button.example[0] === 'string')) errors.BUTTONS = 'url needs an example';
			if (button.type === 'PHONE_NUMBER' && !/^\+\d{6,19}$/.test(String(button.phone_number))) errors.BUTTONS = 'bad phone_number';
		}
	}
	return errors;
}

/** Checks a text's length and numbering; returns how many variables it has. */
function textErrors(value: unknown, max: number, key: string, errors: Record<string, string>): number {
	if (typeof value !== 'string' || value === '' || [...value].length > max) {
		errors[key] = `text must be 1 to ${max} characters`;
		return 0;
	}
	const numbers = [...value.matchAll(/\{\{(.*?)\}\}/g)].map((match) => Number(match[1]));
	const distinct = [...new Set(numbers)];
	if (distinct.some((number, index) => number !== index + 1)) errors[key] = 'variables must be {{1}}, {{2}} … in order';
	return distinct.length;
}
