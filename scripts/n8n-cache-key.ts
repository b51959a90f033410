// Prints the part of CI's n8n cache key that says what the cache holds: the Node runtime
// and the n8n versions that scripts/lib/n8n.ts installs. A change to either starts a new
// cache; edits elsewhere in that file keep the old one.
import { N8N_VERSIONS, NODE_MAJOR } from './lib/n8n';

console.log([`node${NODE_MAJOR}`, ...N8N_VERSIONS.map((version) => `n8n${version}`)].join('-'));
