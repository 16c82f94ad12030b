// `npm run lint:api`: validates the AsyncAPI document (argument: its file) with the AsyncAPI
// parser and its built-in rules; any diagnostic (error, warning, information or hint) fails.
import { Parser } from '@asyncapi/parser';
import { readFile } from 'node:fs/promises';

const file = process.argv[2];
if (!file) throw new Error('usage: asyncapi-check.mjs <asyncapi.json>');
const { document, diagnostics } = await new Parser().parse(await readFile(file, 'utf8'));
for (const d of diagnostics) console.error(`${file}: ${d.code} ${d.message} at ${JSON.stringify(d.path)}`);
if (!document || diagnostics.length > 0) process.exit(1);
console.log(`${file}: a valid AsyncAPI ${document.version()} document, no diagnostics`);
