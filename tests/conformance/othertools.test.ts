// User data and templates in the shapes eksctl and terraform-aws-eks generate for managed node
// groups — what EKS accepts from them must pass here too, through the component (as the user's
// content) and through the policy pack (as the raw template). Shapes from eksctl v0.215.0
// (pkg/nodebootstrap/managed_al2.go, al2023.go: Go's mime/multipart, CRLF, a random hex boundary)
// and terraform-aws-eks (templates/linux_user_data.tpl, rendered).
import { expect } from "chai";
import { BootstrapWriter, OsFamily } from "../../src";
import { review } from "../../src/model/review";
import { policies } from "../../src/policy";
import { baseArgs, CA } from "../support/harness";
import { BASE_NODE_GROUP, stack, validate } from "../support/policy";

const boundary = "3f5c4a1e9b7d2c6f8a0e4b1d7c9f2a6e5b3d8c1f0a7e4b2d9c6f3a8e1b5d";

/** As eksctl's createMimeMessage writes it: headers and delimiters with CRLF (Go's mime/multipart), bodies as given. */
function eksctlMime(parts: { headers: string[]; body: string }[]): string {
    let out = `MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=${boundary}\r\n\r\n`;
    parts.forEach((p, i) => { out += `${i === 0 ? "" : "\r\n"}--${boundary}\r\n${p.headers.map((h) => `${h}\r\n`).join("")}\r\n${p.body}`; });
    return `${out}\r\n--${boundary}--\r\n`;
}

const eksctlMaxPods = eksctlMime([{ headers: ["Content-Type: text/x-shellscript", 'Content-Type: charset="us-ascii"'],
    body: "#!/bin/sh\nset -ex\nsed -i 's/KUBELET_EXTRA_ARGS=$2/KUBELET_EXTRA_ARGS=\"$2 --max-pods=58\"/' /etc/eks/bootstrap.sh" }]);

const eksctlNodeConfig = eksctlMime([{ headers: ["Content-Type: application/node.eks.aws"],
    body: "apiVersion: node.eks.aws/v1alpha1\nkind: NodeConfig\nspec:\n  kubelet:\n    config:\n      maxPods: 58\n" }]);

const terraformCustomAmi = `#!/bin/bash
set -e
export HTTP_PROXY=http://proxy.internal:3128
export SERVICE_IPV4_CIDR=10.100.0.0/16
B64_CLUSTER_CA=${CA}
API_SERVER_URL=https://ABCDEF.gr7.eu-west-1.eks.amazonaws.com
/etc/eks/bootstrap.sh prod --kubelet-extra-args '--node-labels=team=ml' --b64-cluster-ca $B64_CLUSTER_CA --apiserver-endpoint $API_SERVER_URL
echo "post bootstrap"
`;

/** `owned`: the content sets what the component owns, so the component refuses it naming the typed input (the pack, with no typed path, passes it). */
interface Case { label: string; family: OsFamily; content: string; customAmi: boolean; amiType?: string; owned?: string }
const CASES: Case[] = [
    { label: "eksctl's Amazon Linux 2 max-pods script (EKS AMI)", family: OsFamily.AmazonLinux2, content: eksctlMaxPods, customAmi: false, amiType: "AL2_x86_64" },
    { label: "eksctl's Amazon Linux 2023 NodeConfig part (EKS AMI)", family: OsFamily.AmazonLinux2023, content: eksctlNodeConfig, customAmi: false, amiType: "AL2023_x86_64_STANDARD", owned: "userData.maxPods" },
    { label: "terraform-aws-eks's Amazon Linux 2 custom-AMI bootstrap", family: OsFamily.AmazonLinux2, content: terraformCustomAmi, customAmi: true },
];

describe("user data other tools generate for managed node groups", () => {
    for (const c of CASES) {
        it(`${c.label}: the component ${c.owned ? `refuses it as the user's content, naming ${c.owned}` : "accepts it as the user's content"}`, async () => {
            const r = await review(baseArgs({
                osFamily: c.family,
                instanceTypes: ["m5.large"],
                launchTemplate: { ...(c.customAmi ? { imageId: "ami-0123456789abcdef0" } : {}),
                    userData: { content: c.content, ...(c.customAmi ? { bootstrap: BootstrapWriter.User } : {}) } },
            }));
            const errors = r.findings.filter((f) => f.severity === "error");
            if (c.owned !== undefined) {
                expect(errors.map((f) => f.ruleId), JSON.stringify(r.findings)).to.deep.equal(["userdata-owned-settings"]);
                expect(errors[0].message).to.contain(c.owned);
                return;
            }
            expect(errors, JSON.stringify(r.findings)).to.deep.equal([]);
            if (c.customAmi) expect((r.userData as { text: string }).text.split("/etc/eks/bootstrap.sh ").length - 1, "one call").to.equal(1);
        });

        it(`${c.label}: the policy pack passes it with no mandatory violation`, async () => {
            const lt = { id: "lt-0123456789abcdef0", name: "ng", metadataOptions: { httpTokens: "required", httpPutResponseHopLimit: 2 },
                userData: c.content, ...(c.customAmi ? { imageId: "ami-0123456789abcdef0" } : {}) };
            const ng = { ...BASE_NODE_GROUP, amiType: c.amiType, instanceTypes: ["m5.large"] };
            if (c.amiType === undefined) delete (ng as Record<string, unknown>).amiType;
            for (const p of policies.filter((p) => p.enforcementLevel === "mandatory")) {
                expect(await validate(p, stack(lt, ng)), p.name).to.deep.equal([]);
            }
        });
    }

    it("the same terraform-aws-eks shape without the cluster facts: warned for DescribeCluster, refused for a guessed DNS IP", async () => {
        const user = (call: string) => baseArgs({ osFamily: OsFamily.AmazonLinux2, launchTemplate: { imageId: "ami-1", userData: { content: `#!/bin/bash\nset -e\n${call}\n`, bootstrap: BootstrapWriter.User } } });
        // The cluster name alone: bootstrap.sh asks DescribeCluster for the rest (allowed, at a cost per boot).
        const bare = await review(user("/etc/eks/bootstrap.sh prod"));
        const describe = bare.findings.find((f) => f.ruleId === "custom-ami-bootstrap-describe-cluster")!;
        expect(describe.severity).to.equal("warning");
        expect(describe.message).to.contain("--apiserver-endpoint or --b64-cluster-ca").and.contain("DescribeCluster");
        expect(bare.findings.filter((f) => f.severity === "error")).to.deep.equal([]);
        // Endpoint and CA but no DNS IP: bootstrap.sh skips DescribeCluster and guesses the DNS IP from the VPC.
        const guessed = await review(user("/etc/eks/bootstrap.sh prod --apiserver-endpoint https://x.example.com --b64-cluster-ca Q0E="));
        expect(guessed.findings.find((f) => f.ruleId === "custom-ami-bootstrap-owner")!.message).to.contain("no --dns-cluster-ip");
    });
});
