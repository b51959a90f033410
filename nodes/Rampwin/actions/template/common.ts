import type { INodeProperties } from 'n8n-workflow';

import { channelId } from '../common';

/** The channel whose templates are listed or created: the same Channel ID as elsewhere. */
export const templateChannelId: INodeProperties = channelId('whose templates these are');

export const TEMPLATES_PATH = '/api/message-templates/official-templates';
