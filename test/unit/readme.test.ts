import { readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');

test('the README shows the example workflow exactly as examples/ ships it', () => {
	const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
	const section = readme.slice(readme.indexOf('## Example workflow'));
	const block = /```json\n([\s\S]*?)\n```/.exec(section);
	expect(block).not.toBeNull();
	const example = readFileSync(path.join(root, 'examples', 'sync-contacts.workflow.json'), 'utf8');
	expect(JSON.parse(block![1])).toEqual(JSON.parse(example));
});
