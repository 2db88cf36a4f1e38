// Builds the workspace's form viewer into src/main/resources/static/workspace/static/ (committed, so
// that the application needs only Java and Maven). `npm run check` builds it in memory and fails
// when the result differs from the committed files by a byte: CI runs it after `npm ci`.
//
// form-js 1.8.7 is the version Camunda 7.24's Tasklist ships, so a form renders here as it does
// there. It writes a few words itself, in English, and reads dates in the browser's language rather
// than the page's; the patches below put calls to locale.js in their place. Each must match exactly
// as often as expected: a form-js that changed under them fails the build rather than turning
// English again without a word.
import { build } from 'esbuild';
import { readFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const target = join(here, '..', 'resources', 'static', 'workspace', 'static');
const check = process.argv.includes('--check');

/** [what form-js 1.8.7 says, what it says instead, how often it appears] */
const PATCHES = [
  // Dates in the page's language (the person's choice), not the browser's, and read leniently.
  ['dateFormat: getLocaleDateFlatpickrConfig(),',
    'dateFormat: getLocaleDateFlatpickrConfig(__csp.locale()), parseDate: __csp.parseDate,', 1],
  ['placeholder: getLocaleReadableDateFormat(),', 'placeholder: getLocaleReadableDateFormat(__csp.locale()),', 1],
  // "1,200" is twelve hundred on an English or Korean page.
  ["stringValue = stringValue.replaceAll(',', '.');", 'stringValue = __csp.normalizeNumber(stringValue);', 1],
  // Letters in a number field: keep what the person typed and say it is no number, instead of "NaN".
  ["setDisplayValue('NaN');\n      setCachedValue(null);", "setDisplayValue(stringValue);\n      setCachedValue('NaN');", 1],
  // The words form-js writes itself.
  ["children: valueLabel || 'Select'", "children: valueLabel || __csp.text('select', 'Select')", 1],
  ["placeholder: 'Search',", "placeholder: __csp.text('search', 'Search'),", 1],
  ["placeholder: disabled || readonly ? undefined : 'Search',",
    "placeholder: disabled || readonly ? undefined : __csp.text('search', 'Search'),", 1],
  ["\" \", 'Add new']", "\" \", __csp.text('add', 'Add new')]", 1],
  ["\" \", 'Collapse']", "\" \", __csp.text('collapse', 'Collapse')]", 1],
  ['" ", `Expand all (${values.length})`]', '" ", __csp.text(\'expand\', \'Expand all ({0})\', values.length)]', 1],
  ['"aria-label": `Remove list item ${itemIndex + 1}`,', '"aria-label": __csp.text(\'remove\', \'Remove list item {0}\', itemIndex + 1),', 1],
  // Its validation messages: ours, in the person's language, the field's own where the bundle has one.
  ["errors.push('Value is not a number.');", "errors.push(__csp.message('number', field));", 1],
  ["errors.push('Value is expected to ' + (decimalDigits === 0 ? 'be an integer' : `have at most ${decimalDigits} decimal digit${decimalDigits > 1 ? 's' : ''}`) + '.');",
    "errors.push(__csp.message('decimals', field, decimalDigits));", 1],
  ['errors.push(`Field must match pattern ${validation.pattern}.`);', "errors.push(__csp.message('pattern', field));", 1],
  ["errors.push('Field is required.');", "errors.push(__csp.message('required', field));", 1],
  ['errors.push(`Field must have minimum value of ${validation.min}.`);', "errors.push(__csp.message('min', field, validation.min));", 1],
  ['errors.push(`Field must have maximum value of ${validation.max}.`);', "errors.push(__csp.message('max', field, validation.max));", 1],
  ['errors.push(`Field must have minimum length of ${validation.minLength}.`);',
    "errors.push(__csp.message('minLength', field, validation.minLength));", 1],
  ['errors.push(`Field must have maximum length of ${validation.maxLength}.`);',
    "errors.push(__csp.message('maxLength', field, validation.maxLength));", 1],
  ["errors.push('Field must be a valid  international phone number. (e.g. +4930664040900)');",
    "errors.push(__csp.message('phone', field));", 1],
  ["errors.push('Field must be a valid email.');", "errors.push(__csp.message('email', field));", 1],
];

const localeModule = join(here, 'src', 'locale.js');

const patchFormJs = {
  name: 'patch-form-js',
  setup(b) {
    b.onLoad({ filter: /form-js-viewer[\\/]dist[\\/]index\.es\.js$/ }, async (args) => {
      let source = await readFile(args.path, 'utf8');
      for (const [from, to, times] of PATCHES) {
        const found = source.split(from).length - 1;
        if (found !== times) {
          throw new Error(`form-js has ${found} (not ${times}) of: ${from}`);
        }
        source = source.split(from).join(to);
      }
      const locale = relative(dirname(args.path), localeModule).split('\\').join('/');
      return { contents: `import * as __csp from ${JSON.stringify(locale)};\n${source}`, loader: 'js' };
    });
  },
};

const result = await build({
  entryPoints: { 'form-viewer': join(here, 'src', 'form-viewer.js'), 'form-viewer-css': join(here, 'src', 'form-viewer.css') },
  bundle: true,
  minify: true,
  format: 'iife',
  target: ['es2020'],
  legalComments: 'eof',
  charset: 'utf8',
  outdir: target,
  entryNames: '[name]',
  write: false,
  logLevel: 'warning',
  plugins: [patchFormJs],
});

const files = result.outputFiles.map((file) => ({
  path: file.path.replace(/form-viewer-css\.css$/, 'form-viewer.css'),
  contents: file.contents,
}));
let differs = false;
for (const file of files) {
  const name = relative(join(here, '..', '..', '..'), file.path);
  if (check) {
    const committed = await readFile(file.path).catch(() => null);
    if (!committed || Buffer.compare(committed, Buffer.from(file.contents)) !== 0) {
      console.error(`${name} differs from what the build makes: run npm run build in src/main/frontend and commit it`);
      differs = true;
    }
  } else {
    const { writeFile } = await import('node:fs/promises');
    await writeFile(file.path, file.contents);
    console.log(`${name}: ${file.contents.length} bytes`);
  }
}
if (differs) {
  process.exit(1);
}
