// The data tables generated from other projects' published data (instance-types.json, ami-types.json, ebs-volumes.json, aws-constraints.json, kubelet-config.json, bottlerocket-settings.json:
// each names its sources and the script that regenerates it), read from the package's src/data, which
// ships beside bin/ — so the same path serves the compiled code and the TypeScript sources.
import * as fs from "fs";
import * as path from "path";

export function readTable<T>(file: "instance-types.json" | "ami-types.json" | "ebs-volumes.json" | "aws-constraints.json" | "kubelet-config.json" | "bottlerocket-settings.json"): T {
    return JSON.parse(fs.readFileSync(path.resolve(__dirname, "../../src/data", file), "utf8")) as T;
}
