// schema.json from the TypeScript sources, by the SDK's own analyzer (src/args.ts, src/component.ts):
// what `npm run schema` writes and the drift test compares. The provider serves the written file;
// this runs only when the schema is (re)generated — it loads the TypeScript compiler and takes seconds.
//
// Two things are added to what the analyzer writes:
// - it maps every TypeScript `number` to the schema's `number` (a float in Go, Java, Python and .NET),
//   so the properties src/args.ts declares with its `Integer` alias are written as `integer` here,
//   read from the same sources with the compiler;
// - the package's metadata, from package.json (the one place it is written): repository, homepage,
//   license, keywords, publisher, and `pluginDownloadURL` as the `git://` form of the repository,
//   by which `pulumi plugin install` and `pulumi package add` fetch the provider at a git tag.
import { readFileSync } from "fs";
import * as path from "path";
import * as ts from "typescript";
import { ComponentProvider } from "@pulumi/pulumi/provider/experimental";
import { ManagedNodeGroup } from "../component";
import { PACKAGE_DIR, PACKAGE_NAME } from "./index";

/** The args interface of the component, whose properties are the resource's inputProperties. */
const ARGS_INTERFACE = "ManagedNodeGroupArgs";
const INTEGER_ALIAS = "Integer";

/** The schema the code declares, as JSON text. */
export async function schemaFromSources(): Promise<string> {
    const text = await new ComponentProvider({ name: PACKAGE_NAME, dirname: PACKAGE_DIR, components: [ManagedNodeGroup] }).getSchema();
    return JSON.stringify(withMetadata(withIntegers(JSON.parse(text) as SchemaDoc, integerProperties())));
}

interface PackageJson { repository?: { url?: string }; homepage?: string; license?: string; keywords?: string[] }

/** The repository's https URL from package.json's `repository.url` (`git+https://….git`). */
export function repositoryUrl(pkg: PackageJson): string {
    const match = /^(?:git\+)?(https:\/\/github\.com\/[\w.-]+\/[\w.-]+?)(?:\.git)?$/.exec(pkg.repository?.url ?? "");
    if (match === null) throw new Error(`schemagen: package.json repository.url is not a GitHub https URL: ${pkg.repository?.url}`);
    return match[1];
}

/** The analyzer's schema with the package's metadata, in the order of Pulumi's own schemas. */
function withMetadata(schema: SchemaDoc): SchemaDoc {
    const pkg = JSON.parse(readFileSync(path.join(PACKAGE_DIR, "package.json"), "utf8")) as PackageJson;
    const repository = repositoryUrl(pkg);
    const { name, version, description, ...rest } = schema as SchemaDoc & { name: string; version: string; description?: string };
    return {
        name, version, description,
        keywords: pkg.keywords, homepage: pkg.homepage, license: pkg.license, repository,
        publisher: new URL(repository).pathname.split("/")[1],
        pluginDownloadURL: `git://${repository.replace(/^https:\/\//, "")}`,
        ...rest,
    } as SchemaDoc;
}

interface SchemaProperty { type?: string; items?: SchemaProperty; additionalProperties?: SchemaProperty }
interface SchemaObject { properties?: Record<string, SchemaProperty>; inputProperties?: Record<string, SchemaProperty> }
interface SchemaDoc { resources?: Record<string, SchemaObject>; types?: Record<string, SchemaObject> }

/** Interface name → the names of its properties (own or inherited) declared with `Integer`. */
export function integerProperties(file = path.join(PACKAGE_DIR, "src", "args.ts")): Map<string, Set<string>> {
    const program = ts.createProgram([file], { strict: true, noEmit: true });
    const checker = program.getTypeChecker();
    const source = program.getSourceFile(file);
    if (source === undefined) throw new Error(`schemagen: cannot read ${file}`);
    const found = new Map<string, Set<string>>();
    for (const statement of source.statements) {
        if (!ts.isInterfaceDeclaration(statement)) continue;
        const names = new Set<string>();
        for (const property of checker.getPropertiesOfType(checker.getTypeAtLocation(statement))) {
            const declaration = property.valueDeclaration;
            if (declaration && ts.isPropertySignature(declaration) && declaration.type && mentionsInteger(declaration.type)) {
                names.add(property.name);
            }
        }
        if (names.size > 0) found.set(statement.name.text, names);
    }
    return found;
}

/** `Integer`, `pulumi.Input<Integer>`, `pulumi.Input<pulumi.Input<Integer>[]>`: an integer or a list of them. */
function mentionsInteger(node: ts.TypeNode): boolean {
    if (ts.isTypeReferenceNode(node)) {
        if (ts.isIdentifier(node.typeName) && node.typeName.text === INTEGER_ALIAS) return true;
        return (node.typeArguments ?? []).some(mentionsInteger);
    }
    if (ts.isArrayTypeNode(node)) return mentionsInteger(node.elementType);
    return false;
}

/** The schema with each `Integer` property (and list item) typed `integer`; fails on a property it cannot place. */
function withIntegers(schema: SchemaDoc, integers: Map<string, Set<string>>): SchemaDoc {
    const objects = new Map<string, Record<string, SchemaProperty> | undefined>();
    for (const [token, type] of Object.entries(schema.types ?? {})) objects.set(token.split(":").pop()!, type.properties);
    for (const resource of Object.values(schema.resources ?? {})) objects.set(ARGS_INTERFACE, resource.inputProperties);
    for (const [name, properties] of integers) {
        // An interface only extended (EbsVolume) is not a schema type; its properties are in the ones that extend it.
        if (!objects.has(name)) continue;
        const declared = objects.get(name);
        for (const property of properties) {
            let target = declared?.[property];
            while (target?.items) target = target.items;
            if (target?.type !== "number") {
                throw new Error(`schemagen: ${name}.${property} is declared Integer but the schema has no number property there`);
            }
            target.type = "integer";
        }
    }
    return schema;
}
