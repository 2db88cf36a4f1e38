// Checks the Camunda Forms in forms/ the way the engine and the Modeler's form editor need them:
// bpmnlint does not read forms, so these are the few structural rules a hand-edited .form breaks.
import { readdirSync, readFileSync } from 'node:fs';
import { join, basename } from 'node:path';

const dir = process.argv[2] || '../../forms';
const PLATFORM = 'Camunda Platform';
const VERSION = /^7\.24(\.\d+)?$/;
// Components that hold a value need a key: that is the process variable the form reads and writes.
const INPUTS = new Set(['textfield', 'textarea', 'number', 'checkbox', 'checklist', 'radio', 'select',
  'taglist', 'datetime', 'expression', 'filepicker']);

let problems = 0;
const report = (file, where, message) => {
  problems++;
  console.log(`  ${file}  ${where}  ${message}`);
};

const files = readdirSync(dir).filter(f => f.endsWith('.form')).sort();
for (const file of files) {
  let form;
  try {
    form = JSON.parse(readFileSync(join(dir, file), 'utf-8'));
  } catch (e) {
    report(file, '', `is not valid JSON: ${e.message}`);
    continue;
  }
  const id = basename(file, '.form');
  if (form.type !== 'default') report(file, 'type', 'must be "default"');
  if (form.id !== id) report(file, 'id', `must be "${id}" so that camunda:formRef="${id}" finds it`);
  if (form.executionPlatform !== PLATFORM) report(file, 'executionPlatform', `must be "${PLATFORM}"`);
  if (!VERSION.test(String(form.executionPlatformVersion))) {
    report(file, 'executionPlatformVersion', 'must be 7.24');
  }
  if (!Number.isInteger(form.schemaVersion)) report(file, 'schemaVersion', 'is missing');
  const ids = new Set();
  const keys = new Set();
  // scope: the path a group or dynamic list binds its children under ('' at the top): the same key
  // may be used once in each scope (every row of a dynamic list is an object of its own).
  const walk = (components, path, scope) => {
    (components || []).forEach((component, i) => {
      const where = component.id || `${path}[${i}]`;
      if (!component.type) report(file, where, 'has no type');
      if (!component.id) report(file, where, 'has no id');
      else if (ids.has(component.id)) report(file, where, 'id is used twice');
      ids.add(component.id);
      if (INPUTS.has(component.type)) {
        const bound = scope + component.key;
        if (!component.key) report(file, where, `${component.type} has no key (the variable it binds)`);
        else if (keys.has(bound)) report(file, where, `key "${component.key}" is bound twice`);
        keys.add(bound);
      }
      if (component.type === 'dynamiclist') {
        if (!component.path) report(file, where, 'dynamiclist has no path (the list variable its rows bind)');
        else if (keys.has(scope + component.path)) report(file, where, `path "${component.path}" is bound twice`);
        if (component.isRepeating !== true) report(file, where, 'dynamiclist must have "isRepeating": true');
      }
      const inner = component.path ? `${scope}${component.path}.` : scope;
      if (component.path) keys.add(scope + component.path);
      walk(component.components, `${where}.components`, inner);
    });
  };
  walk(form.components, 'components', '');
}

console.log(problems
  ? `\n✖ ${problems} problem(s) in ${files.length} forms`
  : `${files.length} forms checked, no problems`);
process.exit(problems ? 1 : 0);
