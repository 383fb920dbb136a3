// The pieces the renderers share: MIME writing and reading, cluster DNS, Bottlerocket's TOML forms.
import { expect } from "chai";
import { rejectedTomlForms } from "../../src/userdata/bottlerocket";
import { dnsClusterIp } from "../../src/userdata/clusterdns";
import { isMimeDocument, readMime, sniffContentType, writeMime } from "../../src/userdata/mime";
import { amazonLinux2 } from "../../src/userdata/al2";
import { amazonLinux2023 } from "../../src/userdata/al2023";
import { bottlerocket } from "../../src/userdata/bottlerocket";
import { CA } from "../support/harness";

describe("MIME", () => {
    it("round-trips parts through a real parser, with a boundary that appears in no part", async () => {
        const parts = [
            { contentType: "text/x-shellscript", content: "#!/bin/bash\necho '--==EKS-NODEGROUP-'\n" },
            { contentType: "text/cloud-config", content: "#cloud-config\nruncmd: [[echo, hi]]\n" },
        ];
        const doc = writeMime(parts);
        const boundary = /boundary="([^"]+)"/.exec(doc)![1];
        expect(parts.some((p) => p.content.includes(boundary))).to.equal(false);
        expect(doc).to.match(/^MIME-Version: 1\.0\n/).and.match(new RegExp(`--${boundary}--\\n$`));
        expect(doc, "LF only: cloud-init passes part bytes on as they are").to.not.contain("\r");
        const back = readMime(doc).parts;
        expect(back.map((p) => p.contentType)).to.deep.equal(["text/x-shellscript", "text/cloud-config"]);
        expect(back.map((p) => p.content.trimEnd())).to.deep.equal(parts.map((p) => p.content.trimEnd()));
    });

    it("picks another boundary when a part contains the first choice", () => {
        const parts = [{ contentType: "text/x-shellscript", content: "x" }];
        const first = /boundary="([^"]+)"/.exec(writeMime(parts))![1];
        const clash = [{ contentType: "text/x-shellscript", content: `x\n--${first}\n` }];
        const second = /boundary="([^"]+)"/.exec(writeMime(clash))![1];
        expect(clash[0].content.includes(second)).to.equal(false);
    });

    it("tells MIME documents and single scripts apart like cloud-init", () => {
        expect(isMimeDocument('MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="b"\n\n--b--\n')).to.equal(true);
        expect(isMimeDocument("#!/bin/bash\necho Content-Type: multipart/mixed\n")).to.equal(false);
        expect(sniffContentType("#cloud-config\na: 1")).to.equal("text/cloud-config");
        expect(sniffContentType("#cloud-boothook\n")).to.equal("text/cloud-boothook");
        expect(sniffContentType("  #!/bin/sh\n")).to.equal("text/x-shellscript");
        expect(sniffContentType("#CLOUD-CONFIG\n")).to.equal("text/cloud-config");
        // cloud-init runs nothing of a text that starts with no known prefix.
        expect(sniffContentType("echo hi")).to.equal("text/plain");
    });

    it("keeps the parts of a MIME document the user wrote, in order, before the bootstrap", async () => {
        const user = writeMime([{ contentType: "text/cloud-boothook", content: "#cloud-boothook\necho a\n" }, { contentType: "text/x-shellscript", content: "echo b\n" }]);
        const text = (await amazonLinux2.render({ customAmi: true, userContent: user, node: { labels: {}, taints: [], kubeletExtraArgs: [] }, cluster: { name: "c", endpoint: "https://e.example.com", certificateAuthority: CA, ipFamily: "ipv4", serviceCidr: "10.100.0.0/16", dnsClusterIp: "10.100.0.10" } }))!;
        const parts = readMime(text).parts;
        expect(parts.map((p) => p.contentType)).to.deep.equal(["text/cloud-boothook", "text/x-shellscript", "text/x-shellscript"]);
        expect(parts[2].content).to.contain("/etc/eks/bootstrap.sh");
    });
});

describe("cluster DNS IP", () => {
    it("is the service CIDR's network address + 10", () => {
        expect(dnsClusterIp("10.100.0.0/16")).to.equal("10.100.0.10");
        expect(dnsClusterIp("172.20.0.0/16")).to.equal("172.20.0.10");
        expect(dnsClusterIp("192.168.128.0/20")).to.equal("192.168.128.10");
        expect(dnsClusterIp("fd30:1c53:5f8a::/108")).to.equal("fd30:1c53:5f8a::a");
        // Only canonical CIDRs have one (cluster-service-cidr reports the others).
        for (const odd of ["10.100.5.7/16", "10.100.0.0/33", "010.100.0.0/16", "10.100/16", "10.100.0.0/016", "fd30:1C53:5f8a::/108", "10.100.0.0/30"]) {
            expect(dnsClusterIp(odd), odd).to.equal(undefined);
        }
    });
});

describe("Bottlerocket TOML forms EKS rejects", () => {
    const cases: [string, string, RegExp][] = [
        ["quotes inside a quoted key", `[settings.kubernetes.system-reserved]\n'quoted "value"' = "value"\n`, /quoted key containing quotes/],
        ["escaped quotes in a value", `[settings.kubernetes]\nx = "\\"quoted\\""\n`, /escaped quotes/],
        ["integers and floats in one array", `[settings.x]\nv = [1, 2.0]\n`, /integers and floats/],
        ["a string and an inline table in one array", `[settings.x]\nv = ["a", { b = 1 }]\n`, /mixing string and inline table/],
        ["a quoted dotted key in a header", `[settings."kubernetes.node-labels"]\nx = "y"\n`, /quoted dotted key/],
    ];
    for (const [what, text, message] of cases) {
        it(`finds ${what}, naming the key`, async () => {
            const problems = rejectedTomlForms(text);
            expect(problems).to.have.length(1);
            expect(problems[0]).to.match(message).and.match(/^\[?settings\./);
            const found = await bottlerocket.inspect(text, false);
            expect(found.map((f) => f.kind)).to.deep.equal(["tomlForm"]);
        });
    }

    it("accepts what EKS accepts: quoted dotted keys in a table body, plain arrays", () => {
        expect(rejectedTomlForms(`[settings.kubernetes.node-labels]\n"node.kubernetes.io/pool" = "a"\n[settings.x]\nv = [1, 2]\nw = ["a", "b"]\n`)).to.deep.equal([]);
    });

    it("reports TOML that does not parse as a format error, and labels in TOML as a warning", async () => {
        expect((await bottlerocket.inspect("[settings\n", false)).map((p) => p.kind)).to.deep.equal(["unreadable"]);
        const labels = await bottlerocket.inspect('[settings.kubernetes.node-labels]\na = "b"\n', false);
        expect(labels.map((p) => p.kind)).to.deep.equal(["ownedInToml"]);
        expect(await bottlerocket.inspect('[settings.kubernetes.node-labels]\na = "b"\n', true)).to.deep.equal([]);
    });
});

describe("family checks of the user's own content", () => {
    it("Amazon Linux 2 with an EKS AMI: no bootstrap.sh, no kubelet restarts", async () => {
        expect((await amazonLinux2.inspect("#!/bin/bash\n/etc/eks/bootstrap.sh prod\n", false, false)).map((p) => p.kind)).to.deep.equal(["eksBootstrapCalled"]);
        expect((await amazonLinux2.inspect("#!/bin/bash\nsystemctl restart kubelet\n", false, false)).map((p) => p.kind)).to.deep.equal(["eksBootstrapCalled"]);
        // A custom AMI: the call is the component's unless the user says it is theirs, which then must carry the cluster facts.
        const ids = async (text: string, userWrites: boolean) => (await amazonLinux2.inspect(text, true, userWrites)).map((p) => `${p.kind}: ${p.message.slice(0, 40)}`);
        expect(await ids("#!/bin/bash\n/etc/eks/bootstrap.sh prod\n", false)).to.deep.equal(["bootstrapOwner: The user data runs /etc/eks/bootstrap.sh"]);
        expect(await ids("#!/bin/bash\n/etc/eks/bootstrap.sh prod\n", true)).to.deep.equal(["describesCluster: The bootstrap.sh call passes no --apiser"]);
        expect(await ids("#!/bin/bash\n/etc/eks/bootstrap.sh prod --apiserver-endpoint https://x --b64-cluster-ca Q0E= --dns-cluster-ip=10.100.0.10\n", true)).to.deep.equal([]);
        expect(await ids("#!/bin/bash\necho no bootstrap here\n", true)).to.deep.equal(["bootstrapOwner: The custom AMI's user data runs no /etc/"]);
        expect(await amazonLinux2.inspect("#!/bin/bash\nyum install -y jq\n", false, false)).to.deep.equal([]);
    });

    it("kubelet's configuration edited by command or by redirection, not read (Amazon Linux 2 and 2023)", async () => {
        const edits = ["sed -i s/a/b/ /etc/kubernetes/kubelet/kubelet-config.json", "cat > /etc/kubernetes/kubelet/config.json <<EOF\n{}\nEOF",
            "echo '{}' >> /etc/kubernetes/kubelet/config.json.d/99.conf", "sudo tee /etc/kubernetes/kubelet/config.json < /tmp/k",
            "jq . /tmp/k &> /etc/kubernetes/kubelet/config.json"];
        const reads = ["cat /etc/kubernetes/kubelet/config.json", "jq . < /etc/kubernetes/kubelet/config.json > /tmp/copy",
            "# echo x > /etc/kubernetes/kubelet/config.json", "echo 'cat > /etc/kubernetes/kubelet/config.json'"];
        for (const [family, id] of [[amazonLinux2, "kubeletEdited"], [amazonLinux2023, "kubeletEdited"]] as const) {
            for (const line of edits) expect((await family.inspect(`#!/bin/bash\n${line}\n`, false, false)).map((p) => p.kind), line).to.include(id);
            for (const line of reads) expect(await family.inspect(`#!/bin/bash\n${line}\n`, false, false), line).to.deep.equal([]);
        }
        // Amazon Linux 2023 with a custom AMI too: nodeadm writes the configuration from the component's NodeConfig.
        expect((await amazonLinux2023.inspect("#!/bin/bash\nsystemctl start kubelet\n", true)).map((p) => p.kind)).to.deep.equal(["kubeletEdited"]);
    });

    it("Amazon Linux 2023: node.eks.aws parts must hold NodeConfig YAML", async () => {
        const wrongKind = writeMime([{ contentType: "application/node.eks.aws", content: "apiVersion: node.eks.aws/v1alpha1\nkind: Pod\n" }]);
        expect((await amazonLinux2023.inspect(wrongKind, false)).map((p) => p.kind)).to.deep.equal(["unreadable"]);
        const badYaml = writeMime([{ contentType: "application/node.eks.aws", content: "kind: NodeConfig\n  spec: [\n" }]);
        expect((await amazonLinux2023.inspect(badYaml, false)).map((p) => p.kind)).to.deep.equal(["unreadable"]);
        expect(await amazonLinux2023.inspect("apiVersion: node.eks.aws/v1alpha1\nkind: NodeConfig\nspec: {}\n", false)).to.deep.equal([]);
    });

    it("Amazon Linux 2023: a NodeConfig nested past what the YAML reader can follow is refused as such, not as a crash", () => {
        const depth = 3000; // 6 KB, inside EC2's 16 KiB
        const deep = writeMime([{ contentType: "application/node.eks.aws",
            content: `apiVersion: node.eks.aws/v1alpha1\nkind: NodeConfig\nspec:\n  kubelet:\n    flags: ${"[".repeat(depth)}${"]".repeat(depth)}\n` }]);
        const found = amazonLinux2023.inspect(deep, false);
        expect(found.map((p) => p.kind)).to.deep.equal(["unreadable"]);
        expect(found[0].message).to.contain("nests collections several hundred levels deep").and.not.contain("call stack");
    });
});

describe("typed settings", () => {
    const node = { labels: {}, taints: [], kubeletExtraArgs: [] };
    const cluster = { name: "prod", ipFamily: "ipv4" as const };

    it("Amazon Linux 2023: kubelet config, containerd config, local storage and feature gates land in the NodeConfig", async () => {
        const text = (await amazonLinux2023.render({
            customAmi: false, node: { ...node, maxPods: 20 }, cluster,
            nodeConfig: { kubeletConfig: { shutdownGracePeriod: "30s", maxPods: 99 }, containerdConfig: "version = 3\n", localStorage: "RAID0", featureGates: { InstanceIdNodeName: true } },
        }))!;
        const { parse } = await import("yaml");
        const config = parse(readMime(text).parts.find((p) => p.contentType === "application/node.eks.aws")!.content);
        expect(config.spec).to.deep.equal({
            kubelet: { config: { shutdownGracePeriod: "30s", maxPods: 20 } },
            containerd: { config: "version = 3\n" },
            instance: { localStorage: { strategy: "RAID0" } },
            featureGates: { InstanceIdNodeName: true },
        });
    });

    it("Bottlerocket: a settings object under [settings], the user's TOML winning", async () => {
        const { parse } = await import("smol-toml");
        const text = (await bottlerocket.render({
            customAmi: false, node, cluster,
            userContent: '[settings.kernel]\nlockdown = "integrity"\n',
            bottlerocketSettings: { kernel: { lockdown: "none", sysctl: { "net.core.somaxconn": "1024" } }, "host-containers": { admin: { enabled: true } } },
        }))!;
        expect(parse(text)).to.deep.equal({ settings: {
            kernel: { lockdown: "integrity", sysctl: { "net.core.somaxconn": "1024" } },
            "host-containers": { admin: { enabled: true } },
        } });
        expect(rejectedTomlForms(text)).to.deep.equal([]);
    });
});
