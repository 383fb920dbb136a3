// One version everywhere a user pins the package: package.json's, which `npm run schema` writes into
// schema.json, and every SDK and plugin metadata generated from it (a stale one would install an old
// plugin beside a new SDK).
import { expect } from "chai";
import { readFileSync } from "fs";
import * as path from "path";

const ROOT = path.resolve(__dirname, "../..");
const read = (file: string) => readFileSync(path.join(ROOT, file), "utf8");
const json = (file: string) => JSON.parse(read(file));
const VERSION = json("package.json").version as string;

describe("the package's version", () => {
    const found: [string, string | undefined][] = [
        ["schema.json", json("schema.json").version],
        ["policy/package.json", json("policy/package.json").version],
        ["sdk/python/setup.py", /^VERSION = "([^"]+)"$/m.exec(read("sdk/python/setup.py"))?.[1]],
        ["sdk/python/eks_nodegroup/pulumi-plugin.json", json("sdk/python/eks_nodegroup/pulumi-plugin.json").version],
        ["sdk/go/eksnodegroup/pulumi-plugin.json", json("sdk/go/eksnodegroup/pulumi-plugin.json").version],
        ["sdk/nodejs/package.json", json("sdk/nodejs/package.json").version],
        ["sdk/java/pom.xml", /<artifactId>eks-nodegroup<\/artifactId>\s*<version>([^<]+)<\/version>/.exec(read("sdk/java/pom.xml"))?.[1]],
        ["sdk/java plugin.json", json("sdk/java/src/main/resources/io/github/eksnodegroup/eks-nodegroup/plugin.json").version],
        ["sdk/dotnet/EksNodegroup.Sdk.csproj", /<Version>([^<]+)<\/Version>/.exec(read("sdk/dotnet/EksNodegroup.Sdk.csproj"))?.[1]],
        ["sdk/dotnet/pulumi-plugin.json", json("sdk/dotnet/pulumi-plugin.json").version],
    ];
    for (const [where, version] of found) {
        it(`is ${VERSION} in ${where}`, () => expect(version).to.equal(VERSION));
    }

    it("is a semantic version, with a CHANGELOG section", () => {
        expect(VERSION).to.match(/^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/);
        expect(read("CHANGELOG.md")).to.contain(`## ${VERSION}`);
    });
});
