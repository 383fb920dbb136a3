// Start-up cost of the provider process, and the one trick that removes most of it.
//
// `require("@pulumi/pulumi")` (which every @pulumi/aws module does) loads the SDK's runtime index,
// and that index loads the function serializer (`runtime/closure/serializeClosure.js`, which loads
// the TypeScript compiler) and the code-path calculator (`runtime/closure/codePaths.js`, which
// loads @npmcli/arborist) at once: measured here, 663 ms and 767 modules of which those two take
// about 460 ms. Only `pulumi.runtime.serializeFunction` and `computeCodePaths` (closures shipped
// to the cloud, e.g. Lambda callbacks) ever use them, and a component provider never does.
//
// So the provider's entry, before it loads anything else, puts a stand-in for each of those two
// files in Node's module cache: each export is a function that loads the real file on its first
// call and forwards to it. Nothing changes for a caller — it just pays the load when it calls.
// If a later SDK moves or renames those files, a stand-in is not installed (the file is checked
// first) and the process merely starts slower. Tested in tests/provider/startup.test.ts; measured
// in bench/engine.js ("provider ready").
import * as fs from "fs";
import * as path from "path";
import Module from "module";

const LAZY_FILES = ["runtime/closure/serializeClosure.js", "runtime/closure/codePaths.js"];

/** The SDK's own directory, found without loading it. */
function sdkDir(): string {
    return path.dirname(require.resolve("@pulumi/pulumi/package.json"));
}

/** Installs the stand-ins; returns the files it replaced (none when the SDK is already loaded). */
export function deferClosureModules(): string[] {
    const dir = sdkDir();
    const installed: string[] = [];
    for (const rel of LAZY_FILES) {
        const file = path.join(dir, rel);
        if (require.cache[file] !== undefined || !fs.existsSync(file)) continue;
        let real: Record<string, unknown> | undefined;
        const load = (): Record<string, unknown> => {
            if (real === undefined) {
                delete require.cache[file];
                // eslint-disable-next-line @typescript-eslint/no-require-imports
                real = require(file) as Record<string, unknown>;
            }
            return real;
        };
        // Any export the SDK reads is a forwarding function: the runtime index copies these references at load.
        const exports = new Proxy({}, {
            get: (_target, key) => (key === "__esModule" ? true : typeof key === "symbol" ? undefined
                : (...args: unknown[]) => (load()[key] as (...a: unknown[]) => unknown)(...args)),
        });
        const stand = new Module(file);
        stand.filename = file;
        stand.loaded = true;
        stand.exports = exports;
        require.cache[file] = stand;
        installed.push(file);
    }
    return installed;
}
