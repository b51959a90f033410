import type { AllEntities } from 'n8n-workflow';

export type NodeMap = {
	contact: 'create' | 'upsert' | 'assign';
	message: 'sendText' | 'sendMedia' | 'sendButtons' | 'sendList';
};

export type RampwinType = AllEntities<NodeMap>;
