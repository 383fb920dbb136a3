// Preloaded (`node --require`) into a process under test: when it ends (exit, or SIGTERM from the
// test), writes the packages it loaded — the first node_modules folder of every module in Node's
// cache — to the file named by LOADED_AT_EXIT, one a line. A stand-in (src/base/lazysdk.ts: its
// exports are a proxy) is not a loaded module. tests/provider/startup.test.ts reads it.
"use strict";
const fs = require("fs");
const { isProxy } = require("util").types;

const file = process.env.LOADED_AT_EXIT;
let written = false;
function write() {
    if (written || !file) return;
    written = true;
    const packages = new Set();
    for (const [f, mod] of Object.entries(require.cache)) {
        if (mod && isProxy(mod.exports)) continue;
        const m = /node_modules\/((@[^/]+\/)?[^/]+)\//.exec(f);
        if (m) packages.add(m[1]);
    }
    fs.writeFileSync(file, [...packages].sort().join("\n") + "\n");
}
process.on("exit", write);
process.on("SIGTERM", () => { write(); process.exit(0); });
