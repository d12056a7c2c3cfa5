// Parses Terraform files with HashiCorp's HCL parser (@cdktf/hcl2json, the Go
// parser compiled to WebAssembly) and prints {"<file>": <parsed>, …} as JSON.
// `container_definitions = jsonencode(X)` is an expression to the parser; X is
// parsed again as a value so its members can be compared too, and put beside
// it as "container_definitions_value".
//
// Usage: node hcl2json.js <dir holding node_modules> <file.tf>…
'use strict';
const fs = require('fs');
const path = require('path');

async function main() {
  const [moduleDir, ...files] = process.argv.slice(2);
  let hcl;
  try {
    hcl = require(path.join(moduleDir, 'node_modules', '@cdktf', 'hcl2json'));
  } catch (e) {
    console.error(`@cdktf/hcl2json is not installed under ${moduleDir}: ${e.message}`);
    process.exit(3);
  }
  const out = {};
  for (const file of files) {
    let parsed;
    try {
      parsed = await hcl.parse(path.basename(file), fs.readFileSync(file, 'utf8'));
    } catch (e) {
      console.error(`${file}: ${e.message}`);
      process.exit(1);
    }
    for (const byLabel of Object.values(parsed.resource || {}))
      for (const blocks of Object.values(byLabel))
        for (const block of blocks) {
          const v = block.container_definitions;
          const m = typeof v === 'string' && /^\$\{jsonencode\(([\s\S]*)\)\}$/.exec(v);
          if (!m) continue;
          const inner = await hcl.parse('jsonencode.tf', `locals {\n  value = ${m[1]}\n}\n`);
          block.container_definitions_value = inner.locals[0].value;
        }
    out[file] = parsed;
  }
  process.stdout.write(JSON.stringify(out));
}

main().catch((e) => {
  console.error(e && e.stack ? e.stack : String(e));
  process.exit(1);
});
