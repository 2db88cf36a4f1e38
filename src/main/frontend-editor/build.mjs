// Builds the studio's playbook editor (bpmn-js's Modeler, the Camunda 7 properties panel, element
// templates and their chooser) into src/main/resources/static/workspace/static/editor/ (committed, so
// that the application needs only Java and Maven). `npm run check` builds it in memory and fails when
// the result differs from the committed files by a byte: CI runs it after `npm ci`.
//
// The editor's page allows no inline styles (CSP style-src 'self'). The patches below take the
// style attributes out of the markup the vendored code writes with innerHTML (their styles are
// classes in src/editor.css instead). Each must match exactly as often as expected: a version that
// changed under them fails the build rather than breaking the page's policy without a word.
import { build } from 'esbuild';
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const target = join(here, '..', 'resources', 'static', 'workspace', 'static', 'editor');
const check = process.argv.includes('--check');

/** [file the patch is for, what it says, what it says instead, how often it appears] */
const PATCHES = [
  [/bpmn-js-properties-panel[\\/]dist[\\/]index\.esm\.js$/,
    `domify('<div style="height: 100%" tabindex="-1" class="bio-properties-panel-container"></div>')`,
    `domify('<div tabindex="-1" class="bio-properties-panel-container"></div>')`, 1],
  [/bpmn-js-properties-panel[\\/]dist[\\/]index\.esm\.js$/,
    `domify('<div style="flex: none; height: auto" class="bio-properties-panel bio-theme-parent bio-properties-panel-header-container"></div>')`,
    `domify('<div class="bio-properties-panel bio-theme-parent bio-properties-panel-header-container"></div>')`, 1],
];

/**
 * [file, how many style attributes it has]: bpmn-js's icons for aligning and distributing elements
 * (the popup menu of a multiple selection) draw with style attributes; the same declarations as
 * SVG presentation attributes (fill="none" for style="fill:none") draw the same and are no inline style.
 */
const SVG_STYLES = [
  [/bpmn-js[\\/]lib[\\/]features[\\/]align-elements[\\/]AlignElementsIcons\.js$/, 21],
  [/bpmn-js[\\/]lib[\\/]features[\\/]distribute-elements[\\/]DistributeElementsIcons\.js$/, 6],
];

function presentationAttributes(source, path, times) {
  const found = source.match(/ style="[^"]*"/g) || [];
  if (found.length !== times) {
    throw new Error(`${relative(here, path)} has ${found.length} (not ${times}) style attributes`);
  }
  return source.replace(/ style="([^"]*)"/g, (whole, declarations) => declarations.split(';')
    .filter((declaration) => declaration.trim())
    .map((declaration) => {
      const [name, value] = declaration.split(':').map((part) => part.trim());
      if (!/^[a-z-]+$/.test(name) || !/^[a-zA-Z0-9.#-]+$/.test(value)) {
        throw new Error(`${relative(here, path)}: cannot make an attribute of ${declaration}`);
      }
      return ` ${name}="${value}"`;
    }).join(''));
}

const patchSvgStyles = {
  name: 'patch-svg-styles',
  setup(b) {
    for (const [file, times] of SVG_STYLES) {
      b.onLoad({ filter: file }, async (args) => ({
        contents: presentationAttributes(await readFile(args.path, 'utf8'), args.path, times),
        loader: 'js',
      }));
    }
  },
};

const patchVendored = {
  name: 'patch-vendored',
  setup(b) {
    // One loader per file (esbuild runs only the first that matches), with every patch of that file.
    const files = [...new Set(PATCHES.map(([file]) => file.source))];
    for (const file of files) {
      b.onLoad({ filter: new RegExp(file) }, async (args) => {
        let source = await readFile(args.path, 'utf8');
        for (const [, from, to, times] of PATCHES.filter(([f]) => f.source === file)) {
          const found = source.split(from).length - 1;
          if (found !== times) {
            throw new Error(`${relative(here, args.path)} has ${found} (not ${times}) of: ${from}`);
          }
          source = source.split(from).join(to);
        }
        return { contents: source, loader: 'js' };
      });
    }
  },
};

const result = await build({
  entryPoints: { editor: join(here, 'src', 'editor.js'), 'editor-css': join(here, 'src', 'editor.css') },
  bundle: true,
  minify: true,
  format: 'iife',
  target: ['es2020'],
  legalComments: 'eof',
  charset: 'utf8',
  outdir: target,
  entryNames: '[name]',
  assetNames: '[name]',
  loader: { '.woff2': 'file' },
  write: false,
  logLevel: 'warning',
  plugins: [patchVendored, patchSvgStyles],
});

const files = result.outputFiles.map((file) => ({
  path: file.path.replace(/editor-css\.css$/, 'editor.css'),
  contents: file.contents,
}));
let differs = false;
for (const file of files) {
  const name = relative(join(here, '..', '..', '..'), file.path);
  if (check) {
    const committed = await readFile(file.path).catch(() => null);
    if (!committed || Buffer.compare(committed, Buffer.from(file.contents)) !== 0) {
      console.error(`${name} differs from what the build makes: run npm run build in src/main/frontend-editor and commit it`);
      differs = true;
    }
  } else {
    await mkdir(dirname(file.path), { recursive: true });
    await writeFile(file.path, file.contents);
    console.log(`${name}: ${file.contents.length} bytes`);
  }
}
if (differs) {
  process.exit(1);
}
