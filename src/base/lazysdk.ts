// Start-up cost of every process of ours that loads @pulumi/pulumi — the provider, the policy pack,
// `plan` — and the one trick that removes most of it. Each of those entries calls
// deferUnusedSdkModules() before it loads anything else.
//
// `require("@pulumi/pulumi")` (which every @pulumi/aws and @pulumi/policy module does) loads the
// SDK's index, and that index loads at once:
//   - the function serializer (`runtime/closure/serializeClosure.js`, which loads the TypeScript
//     compiler) and the code-path calculator (`runtime/closure/codePaths.js`, which loads
//     @npmcli/arborist with pacote and sigstore): measured, about 460 ms and 480 of the SDK's 767
//     modules. Only `pulumi.runtime.serializeFunction` and `computeCodePaths` (closures shipped to
//     the cloud, e.g. Lambda callbacks) use them; none of our processes does.
//   - the Automation API (`automation/index.js`, which loads execa and js-yaml): ~45 ms. Only
//     `pulumi.automation` reaches it (nothing else in the SDK requires it); none of our processes does.
//
// So a stand-in for each of those files goes into Node's module cache first, and the real file loads
// on first use. Two kinds, by how the SDK reads the file at load:
//   - "functions": the runtime index copies these exports at load (`exports.serializeFunction =
//     serializeClosure_1.serializeFunction`), so every export is a forwarding function that loads the
//     real file on its first call;
//   - "namespace": the index keeps the module object (`exports.automation = automation`), so the
//     stand-in is a proxy that loads the real file on the first property read and then forwards
//     every read, `in`, and key listing to it (`__esModule` is answered without loading: the index's
//     `__importStar` reads it at load).
// Nothing changes for a caller — it just pays the load when it first uses one. If a later SDK moves
// or renames a file, its stand-in is not installed (the file is checked first) and the process merely
// starts slower. Tested in tests/provider/startup.test.ts (the SDK alone, the provider, the policy pack
// and `plan`); measured in bench/startup.js, bench/policy.js and bench/engine.js ("provider ready").
import * as fs from "fs";
import * as path from "path";
import Module from "module";

type Kind = "functions" | "namespace";

/** The SDK files our processes never use, relative to its directory, and how the SDK reads each at load. */
export const DEFERRED_SDK_FILES: ReadonlyArray<readonly [string, Kind]> = [
    ["runtime/closure/serializeClosure.js", "functions"],
    ["runtime/closure/codePaths.js", "functions"],
    ["automation/index.js", "namespace"],
];

/** The SDK's own directory, found without loading it. */
function sdkDir(): string {
    return path.dirname(require.resolve("@pulumi/pulumi/package.json"));
}

type Exports = Record<string | symbol, unknown>;

function standIn(kind: Kind, load: () => Exports): object {
    if (kind === "functions") {
        return new Proxy({}, {
            get: (_target, key) => (key === "__esModule" ? true : typeof key === "symbol" ? undefined
                : (...args: unknown[]) => (load()[key] as (...a: unknown[]) => unknown)(...args)),
        });
    }
    // The proxy's target stays empty; every trap answers from the real module. Keys are reported
    // configurable (a proxy may not claim a non-configurable key its target lacks).
    return new Proxy({}, {
        get: (_target, key) => (key === "__esModule" ? true : load()[key]),
        has: (_target, key) => key in load(),
        ownKeys: () => Reflect.ownKeys(load()),
        getOwnPropertyDescriptor: (_target, key) => {
            const d = Reflect.getOwnPropertyDescriptor(load(), key);
            return d === undefined ? undefined : { ...d, configurable: true };
        },
    });
}

/** Installs the stand-ins; returns the files it replaced (none when the SDK is already loaded). */
export function deferUnusedSdkModules(): string[] {
    const dir = sdkDir();
    const installed: string[] = [];
    for (const [rel, kind] of DEFERRED_SDK_FILES) {
        const file = path.join(dir, rel);
        if (require.cache[file] !== undefined || !fs.existsSync(file)) continue;
        let real: Exports | undefined;
        const load = (): Exports => {
            if (real === undefined) {
                delete require.cache[file];
                // eslint-disable-next-line @typescript-eslint/no-require-imports
                real = require(file) as Exports;
            }
            return real;
        };
        const stand = new Module(file);
        stand.filename = file;
        stand.loaded = true;
        stand.exports = standIn(kind, load);
        require.cache[file] = stand;
        installed.push(file);
    }
    return installed;
}
