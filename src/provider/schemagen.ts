// schema.json from the TypeScript sources, by the SDK's own analyzer (src/args.ts, src/component.ts):
// what `npm run schema` writes and the drift test compares. The provider serves the written file;
// this runs only when the schema is (re)generated — it loads the TypeScript compiler and takes seconds.
import { ComponentProvider } from "@pulumi/pulumi/provider/experimental";
import { ManagedNodeGroup } from "../component";
import { PACKAGE_DIR, PACKAGE_NAME } from "./index";

/** The schema the code declares, as JSON text. */
export function schemaFromSources(): Promise<string> {
    return new ComponentProvider({ name: PACKAGE_NAME, dirname: PACKAGE_DIR, components: [ManagedNodeGroup] }).getSchema();
}
