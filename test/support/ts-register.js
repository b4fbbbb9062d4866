// Lets a child Node process run the TypeScript sources as they are, for the tests that start, kill and
// restart real api and worker processes (a process that SIGKILLs cannot be the test's own). It does
// what Jest's transform does: SWC compiles each .ts file to CommonJS, and the @retrowalk/* aliases of
// tsconfig.json resolve to the libraries' sources. Nest 12 itself is ESM, loaded by Node's require(esm).
const Module = require('node:module');
const fs = require('node:fs');
const path = require('node:path');
const { transformSync } = require('@swc/core');

const root = path.resolve(__dirname, '..', '..');
// Every library is @retrowalk/<name> -> libs/<name>/src/index.ts (tsconfig.json's paths).
const alias = /^@retrowalk\/([a-z]+)$/;

const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function resolveAlias(request, ...rest) {
  const match = alias.exec(request);
  const target = match ? path.join(root, 'libs', match[1], 'src', 'index.ts') : request;
  return resolveFilename.call(this, target, ...rest);
};

const options = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
    keepClassNames: true,
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};

Module._extensions['.ts'] = function compileTypeScript(module, filename) {
  const { code } = transformSync(fs.readFileSync(filename, 'utf8'), { ...options, filename });
  module._compile(code, filename);
};
