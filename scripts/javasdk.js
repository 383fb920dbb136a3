#!/usr/bin/env node
// Completes the generated Java SDK (a Gradle project) for Maven: pom.xml with the Gradle build's own
// dependencies, and the resources the Gradle build would write at build time (version.txt, and
// plugin.json, by which the Java host learns that a program needs the eks-nodegroup plugin).
//   node scripts/javasdk.js schema.json sdk/java
const { readFileSync, writeFileSync, mkdirSync } = require("fs");
const path = require("path");

const [schemaFile, dir] = process.argv.slice(2);
const schema = JSON.parse(readFileSync(schemaFile, "utf8"));
const gradle = readFileSync(path.join(dir, "build.gradle"), "utf8");
// The generator's group id (the schema's Java basePackage), which is also where the Java host looks for plugin.json.
const group = /^group = "([\w.]+)"$/m.exec(gradle)?.[1];
if (group === undefined) throw new Error(`${dir}/build.gradle names no group: the generator's output changed`);

const dependencies = [...gradle.matchAll(/^\s*implementation\("([^:"]+):([^:"]+):([^"]+)"\)/gm)]
    .map(([, groupId, artifactId, version]) => [
        "        <dependency>",
        `            <groupId>${groupId}</groupId>`,
        `            <artifactId>${artifactId}</artifactId>`,
        `            <version>${version}</version>`,
        "        </dependency>",
    ].join("\n"));
if (!dependencies.some((d) => d.includes("<groupId>com.pulumi</groupId>"))) {
    throw new Error(`${dir}/build.gradle names no com.pulumi dependency: the generator's output changed`);
}

const escape = (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const template = readFileSync(path.join(__dirname, "templates", "java-sdk.pom.xml"), "utf8");
writeFileSync(path.join(dir, "pom.xml"), template
    .replace("@GROUP@", group)
    .replace("@VERSION@", schema.version)
    .replace("@DESCRIPTION@", escape(schema.description ?? ""))
    .replace("@DEPENDENCIES@", dependencies.join("\n")));

const resources = path.join(dir, "src", "main", "resources", ...group.split("."), schema.name);
mkdirSync(resources, { recursive: true });
writeFileSync(path.join(resources, "version.txt"), schema.version);
writeFileSync(path.join(resources, "plugin.json"),
    JSON.stringify({ resource: true, name: schema.name, version: schema.version, server: schema.pluginDownloadURL }, null, 2) + "\n");
