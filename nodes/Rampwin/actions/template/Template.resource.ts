import { resourceProperties } from '../descriptions';
import type { Operation } from '../operation';
import * as create from './create.operation';
import * as getMany from './getMany.operation';

export const displayName = 'Template';

export const operations = { getMany, create } satisfies Record<string, Operation>;

export const description = resourceProperties('template', operations, 'getMany');
