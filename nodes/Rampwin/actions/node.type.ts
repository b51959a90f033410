import type { AllEntities } from 'n8n-workflow';

export type NodeMap = {
	contact: 'create' | 'upsert' | 'assign';
};

export type RampwinType = AllEntities<NodeMap>;
