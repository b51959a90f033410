import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { parseChannelId } from '../../helpers/channel';
import { InputError } from '../../helpers/errors';
import { TemplatePages } from '../../helpers/template/list';
import type { RampwinRequest, SendResult } from '../../transport';
import { BASE_URL_FIX } from '../answers';
import { checkInput } from '../checkInput';
import { showOnly } from '../descriptions';
import type { OperationOption } from '../operation';
import { DEFAULT_OPTIONS, optionsDescription } from '../options';
import type { ParameterReader } from '../parameters';
import { templateChannelId, TEMPLATES_PATH } from './common';

export const identity = [['channel_id', 'integrationId']] as const;

export const defaults = DEFAULT_OPTIONS;

/** The page size asked for; the reference states no largest size, so a short page does not end the list. */
const PAGE_SIZE = 100;

/** A guard against a server that never answers an empty page. */
const MAX_PAGES = 1000;

export const option: OperationOption = { name: 'Get Many', action: 'Get many templates', description: "List a channel's WhatsApp templates with their name, language and approval status" };

export const description: INodeProperties[] = showOnly('template', 'getMany', [
	templateChannelId,
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	},
	{
		...optionsDescription,
		description: 'Whether Rampwin asks Meta first, and how requests to Rampwin are sent',
		options: [
			...(optionsDescription.options as INodeProperties[]).filter((option) => option.name !== 'defaultCountryCode' && option.name !== 'timeout'),
			{
				displayName: 'Sync From Meta',
				name: 'isSyncMessage',
				type: 'boolean',
				default: false,
				description: "Whether Rampwin should fetch the templates and their status from Meta before answering (slower), instead of reading its own copy. Use it to see a template's latest approval status.",
			},
			...(optionsDescription.options as INodeProperties[]).filter((option) => option.name === 'timeout'),
		],
	},
]);

/** The Limit each request was built with, read once in build() for output(). */
const limits = new WeakMap<RampwinRequest, number>();

export function build(this: IExecuteFunctions, itemIndex: number, params: ParameterReader): RampwinRequest {
	const channel = checkInput(this, itemIndex, () => parseChannelId(params.get('integrationId', itemIndex)));
	const limit = readLimit(this, itemIndex, params);
	const sync = params.get('options.isSyncMessage', itemIndex, false) === true;
	const read = new TemplatePages();
	const request: RampwinRequest = {
		...pageRequest(channel, 1, limit, sync),
		// The transport asks for each next page in order, once per run of this item.
		nextPage: (body, pages) => {
			const page = read.add(body);
			// An unreadable, empty or repeated page ends the paging; output() reports an unreadable one.
			if ('problem' in page || page.added === 0) return undefined;
			// A short page does not end the list: Rampwin may cap the page size below ours.
			if (read.templates.length >= limit || pages >= MAX_PAGES) return undefined;
			return pageRequest(channel, pages + 1, limit, sync);
		},
	};
	limits.set(request, limit);
	return request;
}

function pageRequest(channel: string, page: number, limit: number, sync: boolean): RampwinRequest {
	return {
		method: 'GET',
		path: TEMPLATES_PATH,
		// Pages are counted from 1, as the reference's example asks for page=1. Rampwin syncs
		// from Meta before the first page; the later pages read what it synced.
		qs: {
			channel_id: channel,
			isPagination: true,
			page,
			page_size: Math.min(PAGE_SIZE, limit),
			...(sync && page === 1 && { isSyncMessage: true }),
		},
		// A read: every transient failure is retried.
		safety: 'idempotent',
		refused: {
			subject: 'the template list',
			badRequestHint: 'Rampwin answers 400 for a missing or unknown channel. Check the Channel ID.',
		},
	};
}

/** Infinity with Return All; otherwise the Limit, a whole number from 1. */
function readLimit(ctx: IExecuteFunctions, itemIndex: number, params: ParameterReader): number {
	if (params.get('returnAll', itemIndex, false) === true) return Number.POSITIVE_INFINITY;
	return checkInput(ctx, itemIndex, () => {
		const limit = Number(params.get('limit', itemIndex, 50));
		if (!Number.isInteger(limit) || limit < 1) {
			throw new InputError('Limit', `Limit ${String(params.get('limit', itemIndex, 50))} is not a whole number from 1`, 'Set Limit to 1 or more, or turn on Return All');
		}
		return limit;
	});
}

/** One output item per template, across every page, up to the Limit. */
export function output(this: IExecuteFunctions, result: SendResult, request: RampwinRequest, itemIndex: number): IDataObject[] {
	const pages = result.outcome === 'ok' ? (result.pages ?? [result.body]) : [undefined];
	const read = new TemplatePages();
	for (const [index, page] of pages.entries()) {
		const found = read.add(page);
		if ('problem' in found) {
			throw new NodeOperationError(this.getNode(), `Item ${itemIndex}: Rampwin's template list could not be read (page ${index + 1}: ${found.problem})`, {
				itemIndex,
				description: `The node looks for the templates in the answer's "data": a list, or an object holding one list. It fails rather than report no templates. ${BASE_URL_FIX}`,
			});
		}
	}
	return (read.templates as IDataObject[]).slice(0, limits.get(request) ?? Number.POSITIVE_INFINITY);
}
