// The element templates in .camunda/element-templates/ (the CS managers' palette, made from the code by
// studio/ElementTemplates) against Camunda Modeler's own JSON schema for Camunda 7 templates
// (@camunda/element-templates-json-schema): a template the Modeler would not load fails CI. Beyond the
// schema, what the Modeler also needs to tell templates apart: every id and version once, and a
// dropdown's value among its choices.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import Ajv from 'ajv';

// JSON through require: import attributes need a newer Node than Debian's.
const require = createRequire(import.meta.url);
const schema = require('@camunda/element-templates-json-schema/resources/schema.json');

const dir = process.argv[2];
// The schema annotates itself with keywords of its editors (errorMessage, deprecated ...): not rules.
const ajv = new Ajv({ allErrors: true, strict: false });
const validate = ajv.compile(schema);

let problems = 0;
const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
if (files.length === 0) {
  console.log(`${dir}: no element templates`);
  process.exit(1);
}
for (const name of files) {
  const file = join(dir, name);
  let templates;
  try {
    templates = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    console.log(`${file}: not JSON: ${e.message}`);
    problems++;
    continue;
  }
  if (!validate(templates)) {
    for (const error of validate.errors) {
      const where = error.instancePath.split('/').filter(Boolean);
      const template = where.length && Array.isArray(templates) ? templates[where[0]] : templates;
      console.log(`${file}: ${template && template.id ? template.id : ''}${error.instancePath} ${error.message}`
        + (error.params && Object.keys(error.params).length ? ` ${JSON.stringify(error.params)}` : ''));
      problems++;
    }
    continue;
  }
  const seen = new Set();
  for (const template of Array.isArray(templates) ? templates : [templates]) {
    const key = `${template.id}@${template.version}`;
    if (seen.has(key)) {
      console.log(`${file}: ${template.id} version ${template.version} is there twice`);
      problems++;
    }
    seen.add(key);
    for (const property of template.properties) {
      if (property.type === 'Dropdown' && !(property.choices || []).some((c) => c.value === property.value)) {
        console.log(`${file}: ${template.id}: the dropdown '${property.label}' has the value '${property.value}',`
          + ' which is none of its choices');
        problems++;
      }
    }
  }
}
console.log(problems ? `${problems} problem(s) in the element templates` : 'element templates as the Modeler reads them');
process.exit(problems ? 1 : 0);
