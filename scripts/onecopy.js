#!/usr/bin/env node
// Exactly one installed copy of a package, at a version: what the support matrix (scripts/matrix.js)
// and the adoption test (scripts/adoption.sh) both require of @pulumi/pulumi, @pulumi/aws and @pulumi/eks.
//   node scripts/onecopy.js DIR NAME VERSION   (exit 1, saying what is installed, otherwise)
"use strict";
const { spawnSync } = require("child_process");
const fs = require("fs");
const path = require("path");

/** The versions of every copy of `name` installed under `dir`, each with its path. */
function installedCopies(dir, name) {
    // npm ls may exit 1 (a version other than the one package.json pins, in the matrix); its listing is what counts.
    const paths = [...new Set(spawnSync("npm", ["ls", name, "--all", "--parseable"], { cwd: dir, encoding: "utf8" }).stdout.split("\n").filter(Boolean))];
    return paths.map((p) => ({ path: p, version: JSON.parse(fs.readFileSync(path.join(p, "package.json"), "utf8")).version }));
}

/** Throws unless exactly one copy of `name` is installed under `dir`, at `version`. */
function requireOneCopy(dir, name, version) {
    const copies = installedCopies(dir, name);
    if (copies.length !== 1 || copies[0].version !== version) {
        throw new Error(`want one ${name}@${version}, found ${copies.length}: ${copies.map((c) => `${c.version} (${c.path})`).join(", ")}`);
    }
}

module.exports = { installedCopies, requireOneCopy };

if (require.main === module) {
    const [dir, name, version] = process.argv.slice(2);
    try {
        requireOneCopy(dir, name, version);
        process.stdout.write(`one ${name}, at the project's ${version}\n`);
    } catch (e) {
        process.stderr.write(`FAIL: ${e.message}\n`);
        process.exitCode = 1;
    }
}
