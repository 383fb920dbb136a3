// Start-up cost of every process of ours that loads @pulumi/pulumi — the provider, the policy pack,
// `plan` — and the one mechanism in this package for loading a module only when it is first used:
// stand-ins in Node's module cache. Each of those entries calls deferUnusedSdkModules() before it
// loads anything else; the policy pack also calls deferUserDataParsers().
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
// And the rules load the parsers of user data (yaml, smol-toml, toml-eslint-parser, content-type,
// ipaddr.js: ~45 ms, 76 modules) with the userdata/ modules they import, though only the rules that
// read user data call them. The policy pack starts on every preview of every stack it is enabled on,
// most of which declare no node group at all: there they are stood in for too (deferUserDataParsers).
// The provider and `plan` read or write user data for every node group they see, so they do not.
//
// So a stand-in for each of those files goes into Node's module cache first, and the real file loads
// on first use. Two kinds, by how the importer reads the file at load:
//   - "functions": the runtime index copies these exports at load (`exports.serializeFunction =
//     serializeClosure_1.serializeFunction`), so every export is a forwarding function that loads the
//     real file on its first call;
//   - "namespace": the importer keeps the module object (`exports.automation = automation`; our own
//     compiled `const yaml_1 = require("yaml")`, read as `yaml_1.parseAllDocuments` at each call), so
//     the stand-in is a proxy that loads the real file on the first property read and then forwards
//     every read, `in`, and key listing to it (`__esModule` is answered without loading: the
//     importer's `__importStar` reads it at load).
// Nothing changes for a caller — it just pays the load when it first uses one. If a later SDK or
// parser moves or renames a file, its stand-in is not installed (the file is checked first) and the
// process merely starts slower. Two packages that only rare input needs are loaded on first use at
// their one call site instead, in every process (mvdan-sh in userdata/shellcalls.ts, cel-js in
// facts/maxpodsexpression.ts): nothing else imports them. Tested in tests/provider/startup.test.ts (the
// SDK alone, the provider, the policy pack and `plan`) and tests/policy/decodeonce.test.ts (the pack's
// answers with the parsers deferred); measured in bench/startup.js, bench/typescript.js ("pack ready")
// and bench/engine.js ("provider ready").
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

/** The parsers of user data, by package name: the policy pack loads them when a rule first reads user data. */
export const USER_DATA_PARSERS: readonly string[] = ["yaml", "smol-toml", "toml-eslint-parser", "content-type", "ipaddr.js"];

/** Installs a stand-in for each file not loaded yet; returns the files it replaced. */
function defer(files: ReadonlyArray<readonly [string, Kind]>): string[] {
    const installed: string[] = [];
    for (const [file, kind] of files) {
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

/** Installs the SDK's stand-ins; returns the files it replaced (none when the SDK is already loaded). */
export function deferUnusedSdkModules(): string[] {
    const dir = sdkDir();
    return defer(DEFERRED_SDK_FILES.map(([rel, kind]) => [path.join(dir, rel), kind] as const));
}

/** Installs the user-data parsers' stand-ins (each package's entry file, as our modules resolve it); returns the files it replaced. */
export function deferUserDataParsers(): string[] {
    return defer(USER_DATA_PARSERS.map((name) => [require.resolve(name), "namespace"] as const));
}
