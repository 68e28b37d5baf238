/**
 * Runs TypeScript sources directly (benchmarks, test child processes): `node -r ./scripts/ts-register.js file.ts`.
 * Each .ts file is transpiled on load with the project's TypeScript (no type check: `npm test` does that).
 */
const fs = require('node:fs');
const ts = require('typescript');

// `.ts` is tried before `.json`, so `./x` finds x.ts when a card's x.json template sits beside it
const loadJson = require.extensions['.json'];
delete require.extensions['.json'];
require.extensions['.ts'] = function register(module, filename) {
  const source = fs.readFileSync(filename, 'utf8');
  const { outputText } = ts.transpileModule(source, {
    fileName: filename,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true, sourceMap: false, inlineSourceMap: true },
  });
  module._compile(outputText, filename);
};
require.extensions['.json'] = loadJson;
