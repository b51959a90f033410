import type { AllEntities } from 'n8n-workflow';

export type NodeMap = {
	contact: 'create';
};

export type RampwinType = AllEntities<NodeMap>;
