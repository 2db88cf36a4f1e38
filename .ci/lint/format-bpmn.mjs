// Playbooks as Camunda Modeler writes them: each bpmn/*.bpmn must be exactly what bpmn-js would save
// (bpmn-moddle with the Camunda and Modeler extensions, formatted), so that opening and saving a
// playbook in the Modeler changes nothing but what the person changed. --write rewrites the files.
import { readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { BpmnModdle } from 'bpmn-moddle';
import { createRequire } from 'node:module';

// JSON through require: import attributes need a newer Node than Debian's.
const require = createRequire(import.meta.url);
const camunda = require('camunda-bpmn-moddle/resources/camunda.json');
const modeler = require('modeler-moddle/resources/modeler.json');

const [dir, flag] = process.argv.slice(2);
const moddle = new BpmnModdle({ camunda, modeler });
let problems = 0;
for (const name of readdirSync(dir).filter((f) => f.endsWith('.bpmn')).sort()) {
  const file = join(dir, name);
  const original = readFileSync(file, 'utf8');
  const { rootElement, warnings } = await moddle.fromXML(original);
  if (warnings.length) {
    warnings.forEach((w) => console.log(`${file}: ${w.message}`));
    problems++;
    continue;
  }
  const { xml } = await moddle.toXML(rootElement, { format: true });
  const saved = xml + '\n';
  if (saved === original) {
    continue;
  }
  if (flag === '--write') {
    writeFileSync(file, saved);
    console.log(`${file}: rewritten as the Modeler saves it`);
  } else {
    const a = original.split('\n');
    const b = saved.split('\n');
    const line = a.findIndex((l, i) => l !== b[i]);
    console.log(`${file}:${line + 1}: not as the Modeler saves it (run: node format-bpmn.mjs ${dir} --write)`);
    console.log(`  file:     ${a[line]}`);
    console.log(`  modeler:  ${b[line]}`);
    problems++;
  }
}
console.log(problems ? `${problems} playbook(s) not as the Modeler writes them` : 'playbooks as the Modeler writes them');
process.exit(problems ? 1 : 0);
