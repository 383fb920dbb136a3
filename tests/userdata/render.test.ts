// Each family × (EKS AMI, custom AMI) × (IPv4, IPv6) × (node settings or not), read back by the
// parser its reader uses: MIME (our reader; cloud-init and nodeadm read the same documents in npm run test:tools),
// NodeConfig (yaml), Bottlerocket TOML (smol-toml).
import { expect } from "chai";
import { OsFamily } from "../../src";
import { rejectedTomlForms } from "../../src/userdata/bottlerocket";
import { cases, mimeParts, nodeConfigs, render, toml } from "../support/userdata";

describe("user data, every family and case", () => {
    for (const c of cases()) {
        it(c.label, async () => {
            const text = await render(c);
            const { cluster, node } = c.request;
            expect(Buffer.byteLength(text)).to.be.below(16 * 1024);
            switch (c.family) {
                case OsFamily.AmazonLinux2: {
                    const parts = await mimeParts(text);
                    expect(parts[0]).to.deep.include({ contentType: "text/x-shellscript" });
                    expect(parts[0].content).to.contain("echo from-user");
                    const boot = parts.find((p) => p.content.includes("/etc/eks/bootstrap.sh"));
                    if (!c.customAmi) {
                        expect(boot, "EKS appends its own bootstrap").to.equal(undefined);
                        break;
                    }
                    expect(parts[parts.length - 1]).to.equal(boot);
                    expect(boot!.content).to.contain(`--apiserver-endpoint '${cluster.endpoint}'`)
                        .and.contain(`--b64-cluster-ca '${cluster.certificateAuthority}'`)
                        .and.contain(`--dns-cluster-ip '${cluster.dnsClusterIp}'`);
                    expect(boot!.content.includes("--ip-family ipv6")).to.equal(c.ipFamily === "ipv6");
                    if (c.ipFamily === "ipv6") expect(boot!.content).to.contain(`--service-ipv6-cidr '${cluster.serviceCidr}'`);
                    expect(boot!.content.includes("--use-max-pods false")).to.equal(c.withNodeSettings);
                    if (c.withNodeSettings) {
                        expect(boot!.content).to.contain("--register-with-taints=dedicated=a:NoSchedule,gpu=:NoExecute")
                            .and.contain("--node-labels=node.kubernetes.io/pool=a,team=x").and.contain("--max-pods=58")
                            .and.contain("--image-gc-high-threshold=80");
                    }
                    break;
                }
                case OsFamily.AmazonLinux2023: {
                    const parts = await mimeParts(text);
                    expect(parts.some((p) => p.contentType === "text/x-shellscript" && p.content.includes("from-user"))).to.equal(true);
                    const configs = nodeConfigs(parts);
                    if (!c.customAmi && !c.withNodeSettings) {
                        expect(configs).to.deep.equal([]);
                        break;
                    }
                    expect(configs).to.have.length(1);
                    const spec = configs[0].spec;
                    expect(configs[0]).to.include({ apiVersion: "node.eks.aws/v1alpha1", kind: "NodeConfig" });
                    if (c.customAmi) {
                        expect(spec.cluster).to.deep.equal({ name: "prod", apiServerEndpoint: cluster.endpoint, certificateAuthority: cluster.certificateAuthority, cidr: cluster.serviceCidr });
                    } else {
                        expect(spec).to.not.have.property("cluster");
                    }
                    if (c.withNodeSettings) {
                        expect(spec.kubelet.config).to.deep.equal({ maxPods: 58 });
                        expect(spec.kubelet.flags).to.include("--image-gc-high-threshold=80");
                        // Labels and taints: EKS's own NodeConfig applies them with an EKS AMI.
                        expect(spec.kubelet.flags.includes("--register-with-taints=dedicated=a:NoSchedule,gpu=:NoExecute")).to.equal(c.customAmi);
                    }
                    break;
                }
                case OsFamily.Bottlerocket: {
                    expect(rejectedTomlForms(text)).to.deep.equal([]);
                    const settings = toml(text).settings;
                    expect(settings.kubernetes["system-reserved"]).to.deep.equal({ cpu: "10m" });
                    if (c.customAmi) {
                        expect(settings.kubernetes).to.include({
                            "cluster-name": "prod", "api-server": cluster.endpoint,
                            "cluster-certificate": cluster.certificateAuthority, "cluster-dns-ip": cluster.dnsClusterIp,
                        });
                    } else {
                        expect(settings.kubernetes).to.not.have.any.keys("api-server", "cluster-certificate");
                    }
                    if (c.withNodeSettings) {
                        expect(settings.kubernetes["max-pods"]).to.equal(58);
                        if (c.customAmi) {
                            expect(settings.kubernetes["node-labels"]).to.deep.equal(node.labels);
                            expect(settings.kubernetes["node-taints"]).to.deep.equal({ dedicated: ["a:NoSchedule"], gpu: [":NoExecute"] });
                        } else {
                            expect(settings.kubernetes).to.not.have.any.keys("node-labels", "node-taints");
                        }
                    }
                    break;
                }
                case OsFamily.Windows: {
                    expect(text).to.match(/^<powershell>\n[\s\S]*\n<\/powershell>\n$/);
                    expect(text.match(/<powershell>/g)).to.have.length(1);
                    expect(text.indexOf("from-user")).to.be.lessThan(text.includes("Start-EKSBootstrap") ? text.indexOf("Start-EKSBootstrap") : Infinity);
                    expect(text.includes("Start-EKSBootstrap.ps1")).to.equal(c.customAmi);
                    if (c.customAmi) {
                        expect(text).to.contain("-EKSClusterName 'prod'").and.contain(`-APIServerEndpoint '${cluster.endpoint}'`)
                            .and.contain(`-Base64ClusterCA '${cluster.certificateAuthority}'`).and.contain(`-DNSClusterIP '${cluster.dnsClusterIp}'`)
                            .and.contain("-ServiceCIDR '172.20.0.0/16'");
                    }
                    if (c.customAmi && c.withNodeSettings) expect(text).to.contain("--register-with-taints=dedicated=a:NoSchedule,gpu=:NoExecute").and.contain("--max-pods=58");
                    break;
                }
            }
        });
    }

    it("renders byte-identical user data for the same input (no template churn)", async () => {
        for (const c of cases()) expect(await render(c)).to.equal(await render(c));
    });
});
