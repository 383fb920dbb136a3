#!/usr/bin/env node
// Writes schema.json from the TypeScript sources (the component provider's own analyzer), or with
// --check fails when the committed file differs from what the code produces.
const { writeFileSync, readFileSync } = require("fs");
const path = require("path");
const { schemaFromSources } = require("../bin/provider/schemagen");

const file = path.resolve(__dirname, "../schema.json");
schemaFromSources().then((text) => {
    const schema = JSON.stringify(JSON.parse(text), null, 2) + "\n";
    if (process.argv.includes("--check")) {
        if (readFileSync(file, "utf8") !== schema) {
            process.stderr.write("schema.json is stale: run `npm run schema`\n");
            process.exitCode = 1;
        }
        return;
    }
    writeFileSync(file, schema);
}).catch((e) => { process.stderr.write(`${e.stack}\n`); process.exitCode = 1; });
