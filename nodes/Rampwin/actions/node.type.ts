import type { AllEntities } from 'n8n-workflow';

import type { resources } from './resources';

type Resources = typeof resources;

export type NodeMap = { [R in keyof Resources]: keyof Resources[R]['operations'] & string };

export type RampwinType = AllEntities<NodeMap>;
