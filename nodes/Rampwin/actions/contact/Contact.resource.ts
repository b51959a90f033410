import { resourceProperties } from '../descriptions';
import type { Operation } from '../operation';
import * as assign from './assign.operation';
import * as create from './create.operation';
import * as upsert from './upsert.operation';

export const displayName = 'Contact';

export const operations = { create, upsert, assign } satisfies Record<string, Operation>;

export const description = resourceProperties('contact', operations, 'create');
