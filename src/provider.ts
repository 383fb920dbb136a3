// The component provider, for Pulumi programs in other languages: `pulumi-resource-eks-nodegroup`
// (and PulumiPlugin.yaml with a full Pulumi install) serve ManagedNodeGroup through it. The
// schema is inferred from the TypeScript sources in src/ (args.ts, component.ts).
import * as path from "path";
import { componentProviderHost, ComponentProvider } from "@pulumi/pulumi/provider/experimental";
import { ManagedNodeGroup } from "./component";

export const PACKAGE_NAME = "eks-nodegroup";
/** The package root: package.json and tsconfig.json, which the schema analyzer reads. */
export const PACKAGE_DIR = path.resolve(__dirname, "..");

export function componentProvider(): ComponentProvider {
    return new ComponentProvider({ name: PACKAGE_NAME, dirname: PACKAGE_DIR, components: [ManagedNodeGroup] });
}

if (require.main === module) {
    void componentProviderHost({ name: PACKAGE_NAME, dirname: PACKAGE_DIR, components: [ManagedNodeGroup] });
}
