// The OpenAPI contract the app serves at /v3/api-docs, committed as docs/openapi.json (ApiContractTest
// keeps the two equal), validated as an importer reads it: @apidevtools/swagger-parser resolves every
// $ref and checks the document against the OpenAPI schema of its version. Salesforce's External
// Services imports only OpenAPI 2.0 and 3.0, so a 3.1 document fails here too. Redocly's lint runs
// beside this one (npm run lint:openapi).
import { readFileSync } from 'node:fs';
import SwaggerParser from '@apidevtools/swagger-parser';

const file = process.argv[2];
let api;
try {
  api = JSON.parse(readFileSync(file, 'utf8'));
} catch (e) {
  console.log(`${file}: not JSON: ${e.message}`);
  process.exit(1);
}
if (!/^3\.0\.\d+$/.test(api.openapi || '')) {
  console.log(`${file}: OpenAPI ${api.openapi || api.swagger}, not 3.0.x: Salesforce External Services imports 2.0 and 3.0 only`);
  process.exit(1);
}
try {
  await SwaggerParser.validate(file);
} catch (e) {
  console.log(`${file}: ${e.message}`);
  for (const detail of e.details || []) {
    console.log(`  ${detail.instancePath || detail.path || ''} ${detail.message}`);
  }
  process.exit(1);
}
const operations = Object.values(api.paths).flatMap((item) => Object.keys(item)).length;
console.log(`${file}: valid OpenAPI ${api.openapi}, ${operations} operations`);
