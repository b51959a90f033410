import { resourceProperties } from '../descriptions';
import type { Operation } from '../operation';
import * as sendAndWait from './sendAndWait.operation';
import * as sendButtons from './sendButtons.operation';
import * as sendList from './sendList.operation';
import * as sendMedia from './sendMedia.operation';
import * as sendText from './sendText.operation';

export const displayName = 'Message';

export const operations = { sendText, sendMedia, sendButtons, sendList, sendAndWait } satisfies Record<string, Operation>;

export const description = resourceProperties('message', operations, 'sendText');
