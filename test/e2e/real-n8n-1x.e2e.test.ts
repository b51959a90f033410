// The end-to-end suite in real n8n 1.x (test/e2e/real-n8n.ts); the other line has its own file.
import { realN8nSuite } from './real-n8n';

realN8nSuite('1');
