// docker/docker-compose.yml against the Compose specification's JSON schema (compose-spec's
// schema/compose-spec.json, as shipped in the dclint package's schemas/compose.schema.json, MIT), after
// the variable interpolation Compose does first: the check `docker compose config` makes, without
// Docker's engine. Beyond the schema, what a first `docker compose up` needs: every image pinned to an
// exact version, a healthcheck on every service, every dependency waiting on a condition, and the
// tools (Mailpit, Prometheus, Grafana) published on 127.0.0.1 unless told otherwise, and no bind mount
// of a file the repository does not have.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import Ajv from 'ajv';
import { parseDocument } from 'yaml';

const require = createRequire(import.meta.url);
// dclint's exports name only its code and package.json: the schema is read beside the latter.
const schema = JSON.parse(readFileSync(join(dirname(require.resolve('dclint/package.json')),
  'schemas/compose.schema.json'), 'utf8'));

const file = process.argv[2];
let problems = 0;
const problem = (message) => {
  console.log(`${file}: ${message}`);
  problems++;
};

/**
 * Compose's interpolation: $$ is a dollar, ${VAR:-default} and ${VAR-default} the default when unset,
 * ${VAR:?message} and ${VAR?message} a value the operator must give (a stand-in here), ${VAR} and $VAR
 * the environment's value or nothing. CI's own environment is not the operator's: only the defaults count.
 */
function interpolate(text, where) {
  return text.replace(/\$(\$|\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])((?:[^{}]|\{[^{}]*\})*))?\}|([A-Za-z_][A-Za-z0-9_]*)|)/g,
    (whole, dollar, name, op, arg, bare) => {
      if (dollar === '$') return '$';
      if (bare) return '';
      if (name === undefined) {
        problem(`${where}: a lone $ (write $$ for a dollar)`);
        return whole;
      }
      if (op === undefined) return '';
      if (op.endsWith('-')) return interpolate(arg, where);
      return `operator-sets-${name.toLowerCase()}`;
    });
}

function interpolateAll(value, where) {
  if (typeof value === 'string') return interpolate(value, where);
  if (Array.isArray(value)) return value.map((v, i) => interpolateAll(v, `${where}[${i}]`));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, interpolateAll(v, `${where}.${k}`)]));
  }
  return value;
}

const document = parseDocument(readFileSync(file, 'utf8'), { merge: true });
if (document.errors.length > 0) {
  for (const error of document.errors) problem(`not YAML: ${error.message}`);
  process.exit(1);
}
const compose = interpolateAll(document.toJS(), '');

// Draft-07, Ajv's own draft; the schema names its meta-schema by an address Ajv does not hold
// (https, no #), so it is checked as draft-07 without that name.
const { $schema: draft, ...rules } = schema;
if (!/draft-07/.test(draft)) problem(`the Compose schema is ${draft}, not draft-07: validate it with that draft`);
const ajv = new Ajv({ allErrors: true, strict: false });
const validate = ajv.compile(rules);
if (!validate(compose)) {
  for (const error of validate.errors) {
    problem(`${error.instancePath || '/'} ${error.message}${error.params && error.params.additionalProperty
      ? ` (${error.params.additionalProperty})` : ''}`);
  }
}

const services = compose.services || {};
const tools = new Set(['mailpit', 'prometheus', 'grafana']);
for (const [name, service] of Object.entries(services)) {
  if (service.image) {
    const [, tag = ''] = service.image.split('@')[0].match(/^[^:]+(?::(.+))?$/) || [];
    if (!service.image.includes('@sha256:') && !/\d+\.\d+/.test(tag)) {
      problem(`services.${name}.image ${service.image}: pin an exact version (not latest or a floating tag)`);
    }
  } else if (!service.build) {
    problem(`services.${name}: neither image nor build`);
  }
  if (!service.healthcheck || service.healthcheck.disable) {
    problem(`services.${name}: no healthcheck`);
  }
  const dependsOn = service.depends_on || {};
  if (Array.isArray(dependsOn)) {
    problem(`services.${name}.depends_on: name a condition for each (service_healthy, service_completed_successfully)`);
  } else {
    for (const [other, how] of Object.entries(dependsOn)) {
      if (!services[other]) problem(`services.${name}.depends_on.${other}: no such service`);
      if (!how || how.condition === 'service_started') {
        problem(`services.${name}.depends_on.${other}: wait for service_healthy or service_completed_successfully`);
      }
    }
  }
  // A bind mount of a file that is not there: Docker makes an empty directory in its place.
  for (const volume of service.volumes || []) {
    const source = typeof volume === 'object' ? (volume.type === 'bind' ? volume.source : null) : volume.split(':')[0];
    if (source && /^\.\.?\//.test(source) && !existsSync(resolve(dirname(file), source))) {
      problem(`services.${name}.volumes ${source}: not in the repository (Docker would make it a directory)`);
    }
  }
  if (tools.has(name)) {
    for (const port of service.ports || []) {
      const text = typeof port === 'object' ? `${port.host_ip || ''}:${port.published}:${port.target}` : String(port);
      if (!text.startsWith('127.0.0.1:')) {
        problem(`services.${name}.ports ${text}: publish on 127.0.0.1 by default`);
      }
    }
  }
}
if (Object.keys(services).length === 0) problem('no services');

if (problems > 0) {
  console.log(`${file}: ${problems} problem(s)`);
  process.exit(1);
}
console.log(`${file}: valid against the Compose specification (${Object.keys(services).length} services)`);
