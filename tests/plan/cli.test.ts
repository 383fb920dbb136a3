// The plan command as a user runs it: the built CLI, in a process of its own.
import { spawnSync } from "child_process";
import { expect } from "chai";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import * as path from "path";
import { parse, stringify } from "yaml";

const ROOT = path.resolve(__dirname, "../..");
const CLI = path.join(ROOT, "bin/plan/cli.js");
const PLANS = path.join(ROOT, "examples/plans");

function plan(...args: string[]) {
    const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: "utf8", env: { ...process.env, AWS_EC2_METADATA_DISABLED: "true" } });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("eks-nodegroup plan", function () {
    this.timeout(60000);
    const examples = readdirSync(PLANS).filter((f) => f.endsWith(".yaml") && f !== "invalid.yaml");

    it("has an example for each family, with and without a custom AMI", () => {
        for (const family of ["al2", "al2023", "bottlerocket", "windows"]) {
            expect(examples).to.include(`${family}.yaml`).and.include(`${family}-custom-ami.yaml`);
        }
    });

    for (const file of examples) {
        it(`plans ${file}: exit 0, both resources, the user data decoded`, () => {
            const r = plan("plan", path.join(PLANS, file), "--json");
            expect(r.code, r.stderr).to.equal(0);
            const out = JSON.parse(r.stdout);
            expect(out.valid).to.equal(true);
            // The template and its node group last; before them what the template refers to (EFA's group, a placement group).
            const types = out.resources.map((x: { type: string }) => x.type);
            expect(types.slice(-2)).to.deep.equal(["aws:ec2/launchTemplate:LaunchTemplate", "aws:eks/nodeGroup:NodeGroup"]);
            expect(types.slice(0, -2).every((t: string) => t === "aws:ec2/securityGroup:SecurityGroup" || t === "aws:ec2/placementGroup:PlacementGroup")).to.equal(true);
            const lt = out.resources[types.length - 2].inputs;
            if (lt.userData !== undefined) {
                expect(Buffer.from(lt.userData, "base64").toString("utf8")).to.equal(out.userData);
            }
            if (file.includes("custom-ami")) {
                // The whole bootstrap: endpoint, and the DNS IP (nodeadm derives it from the CIDR itself).
                expect(out.userData).to.match(/gr7\.eu-west-1\.eks\.amazonaws\.com/);
                expect(out.userData).to.contain(file.startsWith("al2023") ? "\"cidr\": \"172.20.0.0/16\"" : "172.20.0.10");
            }
        });
    }

    it("plans the ML examples fully offline: every template and the user data with its max-pods known", () => {
        const expected: Record<string, { types: string[]; maxPods: RegExp; check: (lt: Record<string, any>, ng: Record<string, any>) => void }> = {
            "ml-efa-p5.yaml": {
                types: ["aws:ec2/placementGroup:PlacementGroup", "aws:ec2/securityGroup:SecurityGroup"],
                maxPods: /"maxPods": 100\b/,
                check: (lt) => {
                    expect(lt.networkInterfaces).to.have.length(32);
                    expect(lt.networkInterfaces.slice(1).every((n: Record<string, unknown>) => n.interfaceType === "efa-only")).to.equal(true);
                    expect(lt.vpcSecurityGroupIds).to.equal(undefined);
                },
            },
            "ml-capacity-block.yaml": {
                types: [],
                maxPods: /"maxPods": 250\b/,
                check: (lt, ng) => {
                    expect(lt.instanceMarketOptions).to.deep.equal({ marketType: "capacity-block" });
                    expect(lt.capacityReservationSpecification.capacityReservationTarget.capacityReservationId).to.equal("cr-0123456789abcdef0");
                    expect(lt.instanceType).to.equal("p5.48xlarge");
                    expect(ng.instanceTypes).to.equal(undefined);
                },
            },
            "ml-odcr.yaml": {
                types: [],
                maxPods: /--max-pods=250\b/,
                check: (lt) => {
                    expect(lt.placement).to.deep.equal({ groupName: "training-east-2a" });
                    expect(lt.networkInterfaces.map((n: Record<string, unknown>) => [n.networkCardIndex ?? 0, n.deviceIndex])).to.deep.equal([[0, 0], [1, 1], [2, 1], [3, 1]]);
                },
            },
        };
        for (const [file, want] of Object.entries(expected)) {
            const r = plan("plan", path.join(PLANS, file), "--json");
            expect(r.code, r.stderr).to.equal(0);
            const out = JSON.parse(r.stdout);
            expect(out.diagnostics, file).to.deep.equal([]);
            const types = out.resources.map((x: { type: string }) => x.type);
            expect(types.slice(0, -2), file).to.deep.equal(want.types);
            expect(out.userData, file).to.be.a("string").and.match(want.maxPods);
            want.check(out.resources[types.length - 2].inputs, out.resources[types.length - 1].inputs);
        }
    });

    it("shows max-pods offline for the newest accelerated types (p5en.48xlarge 198, trn1.32xlarge 247): the table knows their vCPUs", () => {
        const dir = mkdtempSync(path.join(tmpdir(), "plan-"));
        const base = parse(readFileSync(path.join(PLANS, "al2023-custom-ami.yaml"), "utf8"));
        for (const [type, maxPods] of [["p5en.48xlarge", 198], ["trn1.32xlarge", 247]] as const) {
            // The example's own maxPods removed, so the component computes it; one on-demand type.
            const file = path.join(dir, `${type}.yaml`);
            writeFileSync(file, stringify({ ...base, instanceTypes: [type], capacityType: "ON_DEMAND",
                launchTemplate: { ...base.launchTemplate, userData: { content: base.launchTemplate.userData.content } } }));
            const r = plan("plan", file, "--json");
            expect(r.code, r.stderr).to.equal(0);
            const out = JSON.parse(r.stdout);
            expect(out.userData, type).to.be.a("string").and.match(new RegExp(`"maxPods": ${maxPods}\\b`));
        }
    });

    describe("invalid variants of the ML examples (examples/plans/invalid)", () => {
        const dir = path.join(PLANS, "invalid");
        for (const file of readdirSync(dir).filter((f) => f.endsWith(".yaml"))) {
            it(`${file}: exit 1 with exactly the finding its header expects, and the fix`, () => {
                const text = readFileSync(path.join(dir, file), "utf8");
                const expectLine = /^# expect: (\S+) (\S+)$/m.exec(text)!;
                const r = plan("plan", path.join(dir, file), "--json");
                expect(r.code, r.stderr).to.equal(1);
                const errors = JSON.parse(r.stdout).diagnostics.filter((d: { severity: string }) => d.severity === "error");
                expect(errors.map((d: { ruleId: string; property: string }) => `${d.ruleId} ${d.property}`)).to.deep.equal([`${expectLine[1]} ${expectLine[2]}`]);
                // Every message says what to do.
                expect(errors[0].message).to.match(/\b(set|use|give|keep|make|move|remove|drop|spread)\b/i);
            });
        }
    });

    it("shows the node group following the cluster's Kubernetes version", () => {
        const out = JSON.parse(plan("plan", path.join(PLANS, "al2023.yaml"), "--json").stdout);
        expect(out.resources.at(-1).inputs.version).to.equal("1.33");
    });

    it("prints a plan for a person", () => {
        const r = plan("plan", path.join(PLANS, "bottlerocket.yaml"));
        expect(r.code).to.equal(0);
        expect(r.stdout).to.contain('+ aws:ec2/launchTemplate:LaunchTemplate "bottlerocket"')
            .and.contain("User data (decoded,").and.contain("  | [settings.kubernetes]")
            .and.contain("AMI type: BOTTLEROCKET_x86_64").and.contain("(known after apply)");
    });

    it("lists every violation with its rule id and property path, and exits 1", () => {
        const r = plan("plan", path.join(PLANS, "invalid.yaml"), "--json");
        expect(r.code).to.equal(1);
        const out = JSON.parse(r.stdout);
        expect(out.valid).to.equal(false);
        expect(out.resources).to.deep.equal([]);
        const errors = out.diagnostics.filter((d: { severity: string }) => d.severity === "error").map((d: { ruleId: string; property: string }) => `${d.ruleId} ${d.property}`);
        expect(errors).to.have.members([
            "lt-no-subnet-in-network-interface launchTemplate.networkInterfaces[0].subnetId",
            "lt-no-iam-instance-profile launchTemplate.iamInstanceProfile",
            "lt-no-shutdown-behavior launchTemplate.instanceInitiatedShutdownBehavior",
            "ng-no-disk-size diskSize",
            "ng-no-remote-access remoteAccess.ec2SshKey",
            "ng-instance-types-conflict instanceTypes",
            "ng-no-release-version-with-custom-ami releaseVersion",
            "ng-name nodeGroupName",
            "ng-scaling scalingConfig.minSize",
            "ng-update-config updateConfig",
            "lt-security-groups-one-place launchTemplate.vpcSecurityGroupIds",
            "custom-ami-os-family osFamily",
        ]);
        const human = plan("plan", path.join(PLANS, "invalid.yaml"));
        expect(human.stdout).to.contain("error   [ng-no-disk-size] diskSize").and.contain("Invalid: 12 errors, 3 warnings");
        expect(human.stderr).to.equal("");
    });

    it("exits 2 on unreadable input", () => {
        const dir = mkdtempSync(path.join(tmpdir(), "plan-"));
        writeFileSync(path.join(dir, "broken.yaml"), "cluster: [unclosed\n");
        writeFileSync(path.join(dir, "list.yaml"), "- a\n- b\n");
        for (const file of ["broken.yaml", "list.yaml", "missing.yaml"]) {
            const r = plan("plan", path.join(dir, file));
            expect(r.code, file).to.equal(2);
            expect(r.stderr, file).to.match(/^eks-nodegroup: /);
            expect(r.stdout).to.equal("");
        }
        expect(plan("plan").code).to.equal(2);
    });
});
