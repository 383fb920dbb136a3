// What a custom AMI gets beyond its bootstrap: the EC2_WINDOWS access entry Windows nodes need
// (max-pods: tests/userdata/maxpods.test.ts).
import { expect } from "chai";
import { BootstrapWriter, OsFamily } from "../../src";
import { baseArgs, decodedUserData, run } from "../support/harness";

describe("Windows access entry", () => {
    it("is created for the node role on request, and warned about otherwise", async () => {
        const asked = await run(() => baseArgs({ osFamily: OsFamily.Windows, createWindowsAccessEntry: true, launchTemplate: { imageId: "ami-1" } }), { preview: true });
        const entries = asked.recorder.ofType("aws:eks/accessEntry:AccessEntry");
        expect(entries.map((e) => e.inputs)).to.deep.equal([{ clusterName: "prod", principalArn: "arn:aws:iam::123456789012:role/nodes", type: "EC2_WINDOWS" }]);
        expect(asked.warnings).to.deep.equal([]);
        const notAsked = await run(() => baseArgs({ osFamily: OsFamily.Windows, launchTemplate: { imageId: "ami-1" } }), { preview: true });
        expect(notAsked.recorder.ofType("aws:eks/accessEntry:AccessEntry")).to.deep.equal([]);
        expect(notAsked.warnings.join()).to.contain("[windows-access-entry]");
    });
});

describe("scripts around a custom AMI's bootstrap", () => {
    it("Windows: the user's PowerShell, Start-EKSBootstrap.ps1, then afterBootstrap", async () => {
        const r = await run(() => baseArgs({ osFamily: OsFamily.Windows, createWindowsAccessEntry: true, launchTemplate: { imageId: "ami-1",
            userData: { content: "Write-Output before", afterBootstrap: "Write-Output after" } } }), { preview: true });
        const text = decodedUserData(r)!;
        const at = (s: string) => text.indexOf(s);
        expect(at("Write-Output before")).to.be.greaterThan(-1).and.lessThan(at("Start-EKSBootstrap.ps1"));
        expect(at("Start-EKSBootstrap.ps1")).to.be.lessThan(at("Write-Output after"));
    });

    it("with bootstrap User, writes no bootstrap of its own and needs no cluster facts", async () => {
        const call = "/etc/eks/bootstrap.sh prod --apiserver-endpoint https://x.eks.amazonaws.com --b64-cluster-ca Q0E= --dns-cluster-ip 10.100.0.10";
        const r = await run(() => baseArgs({ osFamily: OsFamily.AmazonLinux2, cluster: { name: "prod" },
            launchTemplate: { imageId: "ami-1", userData: { bootstrap: BootstrapWriter.User, content: `#!/bin/bash\n${call}\n` } } }), { preview: true });
        expect(r.error).to.equal(undefined);
        const text = decodedUserData(r)!;
        expect(text.split("/etc/eks/bootstrap.sh").length - 1).to.equal(1);
    });
});
