// Messages about @pulumi/aws name the version the user's project has installed, and the inputs
// an override may set are that version's: read from a fake installed package of another version.
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { AWS_TABLE_VERSION, LAUNCH_TEMPLATE_INPUT_NAMES, NODE_GROUP_INPUT_NAMES } from "../../src/facts/awsinputs";
import { awsInputs } from "../../src/facts/installedaws";
import { review } from "../../src/model/review";
import { baseArgs } from "../support/harness";

/** A project whose node_modules holds a @pulumi/aws `version` with these files. */
function project(version: string, files: Record<string, string>): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "eks-nodegroup-aws-"));
    const aws = path.join(dir, "node_modules", "@pulumi", "aws");
    fs.mkdirSync(aws, { recursive: true });
    fs.writeFileSync(path.join(aws, "package.json"), JSON.stringify({ name: "@pulumi/aws", version }));
    for (const [file, text] of Object.entries(files)) {
        fs.mkdirSync(path.dirname(path.join(aws, file)), { recursive: true });
        fs.writeFileSync(path.join(aws, file), text);
    }
    return dir;
}

/** A constructor as Pulumi's codegen writes it: state inputs, then args inputs and outputs. */
const constructor = (inputs: string[], style: "new" | "old" = "new") => [
    "            resourceInputs[\"arn\"] = state?.arn;",
    ...inputs.map((i) => style === "new" ? `            resourceInputs["${i}"] = args?.${i};` : `            resourceInputs["${i}"] = args ? args.${i} : undefined;`),
    "            resourceInputs[\"arn\"] = undefined /*out*/;",
].join("\n");

async function overrideErrors(args: Record<string, unknown>, cwd: string): Promise<string[]> {
    const before = process.cwd();
    process.chdir(cwd);
    try {
        return (await review({ ...baseArgs(), ...args })).findings.filter((f) => f.ruleId === "overrides-inputs").map((f) => `${f.path}: ${f.message}`);
    } finally {
        process.chdir(before);
    }
}

describe("the installed @pulumi/aws", () => {
    const dirs: string[] = [];
    after(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
    const fake = (version: string, files: Record<string, string>) => {
        const dir = project(version, files);
        dirs.push(dir);
        return dir;
    };

    it("this repository's own install: its version named, its inputs read; at the development pin, the table's inputs exactly", () => {
        const root = path.join(__dirname, "../..");
        const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as { devDependencies: Record<string, string> };
        expect(AWS_TABLE_VERSION).to.equal(pkg.devDependencies["@pulumi/aws"]);
        // The support matrix (scripts/matrix.js) installs the peer range's lowest and newest over the pin.
        const installed = (JSON.parse(fs.readFileSync(path.join(root, "node_modules/@pulumi/aws/package.json"), "utf8")) as { version: string }).version;
        const nodeGroup = awsInputs("nodeGroup", [root]);
        const launchTemplate = awsInputs("launchTemplate", [root]);
        expect(nodeGroup.source).to.equal(`(@pulumi/aws ${installed})`);
        expect(launchTemplate.source).to.equal(`(@pulumi/aws ${installed})`);
        if (installed === AWS_TABLE_VERSION) {
            expect([...nodeGroup.names].sort()).to.deep.equal([...NODE_GROUP_INPUT_NAMES].sort());
            expect([...launchTemplate.names].sort()).to.deep.equal([...LAUNCH_TEMPLATE_INPUT_NAMES].sort());
        } else {
            // Another version's inputs, read from its modules: the ones every 7.x has, at least.
            for (const name of ["clusterName", "nodeRoleArn", "subnetIds", "scalingConfig", "launchTemplate"]) expect(nodeGroup.names, name).to.include(name);
            for (const name of ["imageId", "userData", "metadataOptions", "blockDeviceMappings"]) expect(launchTemplate.names, name).to.include(name);
        }
    });

    it("an older version: its own inputs (either codegen style) and its version in the message", async () => {
        const dir = fake("7.44.0", {
            "eks/nodeGroup.js": constructor(["amiType", "diskSize", "labels", "tags"]),
            "ec2/launchTemplate.js": constructor(["description", "ebsOptimized"], "old"),
        });
        expect(awsInputs("nodeGroup", [dir])).to.deep.equal({ names: new Set(["amiType", "diskSize", "labels", "tags"]), source: "(@pulumi/aws 7.44.0)" });
        expect([...awsInputs("launchTemplate", [dir]).names]).to.deep.equal(["description", "ebsOptimized"]);
        // region is an input of the table's version, not of this (made-up) one: the override would be dropped.
        expect(await overrideErrors({ nodeGroupOverrides: { region: "us-east-1" }, launchTemplateOverrides: { ebsOptimised: true } }, dir)).to.deep.equal([
            "launchTemplateOverrides.ebsOptimised: ebsOptimised is not an input of aws.ec2.LaunchTemplate (@pulumi/aws 7.44.0); did you mean launchTemplateOverrides.ebsOptimized?",
            "nodeGroupOverrides.region: region is not an input of aws.eks.NodeGroup (@pulumi/aws 7.44.0).",
        ]);
    });

    it("a newer version's new input is accepted", async () => {
        const dir = fake("7.60.0", { "eks/nodeGroup.js": constructor([...NODE_GROUP_INPUT_NAMES, "futureSetting"]), "ec2/launchTemplate.js": constructor([...LAUNCH_TEMPLATE_INPUT_NAMES]) });
        expect(await overrideErrors({ nodeGroupOverrides: { futureSetting: true } }, dir)).to.deep.equal([]);
    });

    it("when the installed modules cannot be read, the table stands in and the message says whose it is", async () => {
        const dir = fake("7.44.0", { "eks/nodeGroup.js": "module.exports = {};\n" });
        expect(await overrideErrors({ nodeGroupOverrides: { subnetIdz: ["s"] }, launchTemplateOverrides: { subnetId: "s" } }, dir)).to.deep.equal([
            `launchTemplateOverrides.subnetId: subnetId is not an input of aws.ec2.LaunchTemplate (inputs of @pulumi/aws ${AWS_TABLE_VERSION}, this package's table: ` +
                "the installed @pulumi/aws 7.44.0 has no ec2/launchTemplate.js).",
            `nodeGroupOverrides.subnetIdz: subnetIdz is not an input of aws.eks.NodeGroup (inputs of @pulumi/aws ${AWS_TABLE_VERSION}, this package's table: ` +
                "the installed @pulumi/aws 7.44.0's eks/nodeGroup.js could not be read); did you mean nodeGroupOverrides.subnetIds?",
        ]);
    });
});
