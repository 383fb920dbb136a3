// The pinned @pulumi/aws's own type declarations, read as text: the property names of one of its
// interfaces (e.g. `LaunchTemplateArgs` in `ec2/launchTemplate.d.ts`). The surface and impact-table
// tests and the e2e aws mock's schema list inputs from here, so an upgrade of @pulumi/aws shows there.
import { readFileSync } from "fs";
import * as path from "path";

export const AWS_DIR = path.dirname(require.resolve("@pulumi/aws/package.json"));

/** The property names of `export interface NAME {` in FILE (relative to the package), in order. */
export function declaredProperties(file: string, iface: string): string[] {
    const decl = readFileSync(path.join(AWS_DIR, file), "utf8");
    const start = decl.indexOf(`export interface ${iface} {`);
    if (start < 0) throw new Error(`no interface ${iface} in @pulumi/aws/${file}`);
    const body = decl.slice(start);
    return [...body.slice(0, body.indexOf("\n}")).matchAll(/^\s{4}(\w+)\??: /gm)].map((m) => m[1]);
}
