import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { scenarioJsonSchema } from './json-schema';

/** `npm run schema`: writes public/scenario.schema.json, served with the app for editors. */
export const DEFAULT_SCHEMA_PATH = resolve(
  dirname(fileURLToPath(import.meta.url)),
  '../../../public/scenario.schema.json',
);

export function writeJsonSchema(path = DEFAULT_SCHEMA_PATH): string {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`);
  return path;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  console.log(`wrote ${writeJsonSchema()}`);
}
