// The user-data format of each OS family. The family-specific reading lives with each
// renderer (src/userdata/<family>.ts, `inspect`); here its findings become catalogue rules.
import { OsFamily } from "../args";
import { bootstrapperFor, ContentProblem, ContentProblemKind, MAX_USER_DATA_BYTES, profileOf } from "../userdata";
import { rejectedTomlForms } from "../userdata/bottlerocket";
import { scriptEffects } from "../userdata/shellcalls";
import { familyProfile, Rule, Subject } from "./rule";
import { arr, isSet, isUnknown, obj, str } from "../base/values";

/** The problems that depend on who writes a custom AMI's bootstrap call (userData.bootstrap). */
const BOOTSTRAP_OWNER_KINDS = new Set<ContentProblemKind>(["bootstrapOwner", "describesCluster"]);

const inspections = new WeakMap<Subject, ContentProblem[]>();

/** The family renderer's problems with the user's own user data, read once per subject. */
function inspect(s: Subject): ContentProblem[] {
    let found = inspections.get(s);
    if (found === undefined) {
        const raw = s.launchTemplate.userData;
        const content = str(raw);
        const customAmi = isSet(s.launchTemplate.imageId);
        // Content the user says calls the custom AMI's bootstrap is read even when empty: then it calls nothing.
        const mustCall = customAmi && s.bootstrapByUser === true && familyProfile(s)?.bootstrap === "script";
        found = s.osFamily === undefined || isUnknown(raw) || ((content === undefined || content.trim() === "") && !mustCall)
            ? []
            : readable(() => bootstrapperFor(s.osFamily!).inspect(content ?? "", customAmi, s.bootstrapByUser !== false));
        // Whose bootstrap it is is not known yet (userData.bootstrap unknown): who owns the call waits for it.
        if (s.bootstrapByUser === null) found = found.filter((p) => !BOOTSTRAP_OWNER_KINDS.has(p.kind));
        inspections.set(s, found);
    }
    return found;
}

/** The renderer's problems, or the one that it could not read the content at all. */
function readable(read: () => ContentProblem[]): ContentProblem[] {
    try {
        return read();
    } catch (e) {
        return [{ kind: "unreadable", message: `The user data cannot be read: ${(e as Error).message}` }];
    }
}

/** `rule`, also running `extra` (which reads `path` too). */
function withCheck(rule: Rule, extra: Rule["check"], path: string): Rule {
    return {
        ...rule,
        paths: [...rule.paths, path],
        check: (s, report) => {
            rule.check(s, report);
            extra(s, report);
        },
    };
}

/** `rule` for the policy pack's door only: in the component a stricter rule refuses the same content. */
function packOnly(rule: Rule): Rule {
    return { ...rule, doors: ["pack"] };
}

/** The rule that reports the family reader's problems of one kind (on one family's content, when `family` is given). */
function inspectionRule(id: string, kind: ContentProblemKind, severity: Rule["severity"], summary: string, family?: OsFamily): Rule {
    return {
        id, severity, summary,
        paths: ["launchTemplate.userData"],
        check(s, report) {
            if (family !== undefined && s.osFamily !== family) return;
            for (const p of inspect(s)) if (p.kind === kind) report("launchTemplate.userData", p.message);
        },
    };
}

/** The Bottlerocket TOML the component renders from typed settings must pass the same check as the user's own. */
const renderedTomlForms: Rule["check"] = (s, report) => {
    const rendered = s.component?.renderedUserData;
    if (familyProfile(s)?.typedSettings !== "bottlerocketSettings" || rendered === undefined || s.component?.kubelet?.bottlerocketSettings === undefined) return;
    // What the user's own content has is reported on it already (the inspection, read once per subject).
    const own = new Set(inspect(s).filter((p) => p.kind === "tomlForm").map((p) => p.message));
    for (const problem of rejectedTomlForms(rendered)) {
        if (!own.has(problem)) report("launchTemplate.userData.bottlerocketSettings", `The TOML written from bottlerocketSettings is refused by EKS at ${problem}`);
    }
};

/** An Amazon Linux 2 afterBootstrap runs once kubelet runs with what the component set: editing it there overrides that. */
const afterBootstrapKubelet: Rule["check"] = (s, report) => {
    const after = str(obj(obj(obj(s.component?.args)?.launchTemplate)?.userData)?.afterBootstrap);
    if (after === undefined || familyProfile(s)?.shell !== "bash" || !isSet(s.launchTemplate.imageId)) return;
    const effects = scriptEffects(after);
    if (effects.editsKubeletConfig || effects.startsKubelet) {
        report("launchTemplate.userData.afterBootstrap", `afterBootstrap ${effects.editsKubeletConfig ? "edits kubelet's configuration" : "restarts kubelet"} ` +
            "after the bootstrap configured it: what it changes overrides what the component set (max-pods, cluster DNS, labels, taints) " +
            "without a word. Set kubelet settings through userData.kubeletExtraArgs and maxPods, labels and taints on the node group.");
    }
};

export const userDataRules: Rule[] = [
    inspectionRule("userdata-format", "unreadable", "error",
        "User data not in the family's format (unreadable MIME, NodeConfig that is not YAML or not a NodeConfig, TOML that does not parse)."),
    inspectionRule("userdata-al2-no-bootstrap", "eksBootstrapCalled", "error",
        "Amazon Linux 2 user data that runs bootstrap.sh or starts kubelet (a command, not a mention) with an EKS-optimized AMI (EKS does both).", OsFamily.AmazonLinux2),
    withCheck(inspectionRule("userdata-kubelet-config", "kubeletEdited", "warning",
        "User data that edits kubelet's configuration (Amazon Linux 2 with an EKS AMI: bootstrap.sh rewrites parts of it) or, on Amazon Linux 2023, starts kubelet or edits its configuration (it overrides what nodeadm wrote from the NodeConfig); an Amazon Linux 2 afterBootstrap that does either."),
    afterBootstrapKubelet, "launchTemplate.userData.afterBootstrap"),
    inspectionRule("custom-ami-bootstrap-owner", "bootstrapOwner", "error",
        "A custom AMI bootstrapped twice (your content calls bootstrap.sh or Start-EKSBootstrap.ps1 while the component writes it), or not at all, or (userData.bootstrap User) with a DNS IP bootstrap.sh would guess, or on Windows without endpoint, CA and DNS IP."),
    inspectionRule("custom-ami-bootstrap-describe-cluster", "describesCluster", "warning",
        "Amazon Linux 2, userData.bootstrap User: a bootstrap.sh call without the endpoint or CA, so every node calls DescribeCluster at boot (allowed; it costs an API call per boot)."),
    inspectionRule("userdata-windows-no-bootstrap", "eksBootstrapCalled", "error",
        "Windows user data that calls Start-EKSBootstrap.ps1 with an EKS-optimized AMI (EKS appends its own call).", OsFamily.Windows),
    withCheck(inspectionRule("userdata-bottlerocket-toml-forms", "tomlForm", "error",
        "Bottlerocket TOML in a form EKS rejects (quotes in quoted keys, escaped quotes in values, mixed arrays, quoted dotted keys in headers), in the user's content or written from bottlerocketSettings."),
    renderedTomlForms, "launchTemplate.userData.bottlerocketSettings"),
    packOnly(inspectionRule("userdata-bottlerocket-labels-taints", "ownedInToml", "warning",
        "Bottlerocket node-labels or node-taints in TOML with an EKS-optimized AMI: they belong on the node group (the component refuses them: userdata-owned-settings).")),
    {
        id: "userdata-owned-settings",
        doors: ["component"],
        severity: "error",
        paths: ["launchTemplate.userData", "launchTemplate.userData.bottlerocketSettings", "launchTemplate.userData.nodeConfig", "launchTemplate.userData.kubeletExtraArgs[]"],
        summary: "A setting the component owns (cluster name, endpoint, CA, service CIDR, kubeconfig, cluster DNS, max-pods, labels, taints: each family's profile, `owns`, in src/userdata/<family>.ts) written another way — TOML content or bottlerocketSettings, NodeConfig content or nodeConfig.kubeletConfig, a kubelet flag — or one setting given both typed and in the content.",
        check(s, report) {
            if (s.osFamily === undefined) return;
            const content = s.launchTemplate.userData;
            const given = {
                content: isUnknown(content) ? undefined : content,
                bottlerocketSettings: s.component?.kubelet.bottlerocketSettings,
                nodeConfig: s.component?.kubelet.nodeConfig,
                kubeletExtraArgs: s.component?.kubelet.extraArgs,
            };
            for (const p of bootstrapperFor(s.osFamily).ownership(given)) report(p.path, p.message);
        },
    },
    {
        id: "userdata-kubelet-settings",
        doors: ["component"],
        severity: "error",
        paths: ["launchTemplate.userData.kubeletExtraArgs", "launchTemplate.userData.maxPods", "launchTemplate.userData.maxPodsExpression", "launchTemplate.userData.nodeConfig", "launchTemplate.userData.bottlerocketSettings"],
        summary: "Kubelet flags, max-pods or typed settings where the family cannot take them (EKS AMI of Amazon Linux 2 or Windows; flags on Bottlerocket; nodeConfig or maxPodsExpression off Amazon Linux 2023; bottlerocketSettings off Bottlerocket).",
        check(s, report) {
            const kubelet = s.component?.kubelet;
            if (kubelet === undefined || s.osFamily === undefined) return;
            const customAmi = isSet(s.launchTemplate.imageId);
            const profile = profileOf(s.osFamily);
            const hasArgs = isUnknown(kubelet.extraArgs) || (arr(kubelet.extraArgs)?.length ?? 0) > 0;
            if (isSet(kubelet.nodeConfig) && profile.typedSettings !== "nodeConfig") {
                report("launchTemplate.userData.nodeConfig", `nodeConfig is nodeadm's, which only Amazon Linux 2023 runs; ${s.osFamily} ` +
                    "nodes would ignore it. Use osFamily AmazonLinux2023, or this family's own user data.");
            }
            if (isSet(kubelet.bottlerocketSettings) && profile.typedSettings !== "bottlerocketSettings") {
                report("launchTemplate.userData.bottlerocketSettings", `bottlerocketSettings are read only by Bottlerocket; ${s.osFamily} ` +
                    "nodes would ignore them. Use osFamily Bottlerocket, or this family's own user data.");
            }
            if (isSet(kubelet.maxPodsExpression) && !profile.maxPodsExpression) {
                report("launchTemplate.userData.maxPodsExpression", `maxPodsExpression is evaluated by nodeadm, which only Amazon Linux 2023 ` +
                    `runs; ${s.osFamily} nodes would ignore it. Set maxPods (a number) instead.`);
            }
            if (profile.kubeletFlags === undefined && hasArgs) {
                report("launchTemplate.userData.kubeletExtraArgs", "Bottlerocket takes no kubelet flags: set the matching " +
                    "settings.kubernetes.* keys in the TOML user data (userData.content) instead.");
            }
            // A script family on an EKS AMI: EKS appends its own bootstrap call, which the user data cannot change.
            if (customAmi || profile.bootstrap !== "script") return;
            const where = "Use Amazon Linux 2023 (its NodeConfig carries kubelet settings) or a custom AMI (launchTemplate.imageId), " +
                "whose bootstrap the component writes.";
            if (hasArgs) {
                report("launchTemplate.userData.kubeletExtraArgs", `With an EKS-optimized ${s.osFamily} AMI, EKS runs the bootstrap ` +
                    `and the user data cannot change kubelet's flags. ${where}`);
            }
            if (isSet(kubelet.maxPods)) {
                report("launchTemplate.userData.maxPods", `With an EKS-optimized ${s.osFamily} AMI, EKS runs the bootstrap and ` +
                    `sets max-pods itself. ${where}`);
            }
        },
    },
    {
        id: "userdata-bootstrap-settings",
        doors: ["component"],
        severity: "error",
        paths: ["launchTemplate.userData.bootstrap", "launchTemplate.userData.afterBootstrap"],
        summary: "bootstrap or afterBootstrap where they do nothing (EKS AMI, Amazon Linux 2023, Bottlerocket), an afterBootstrap shell script without #!, or kubelet settings the user's own bootstrap call would drop.",
        check(s, report) {
            const ud = obj(obj(s.component?.args)?.launchTemplate)?.userData;
            const given = obj(ud);
            if (given === undefined || s.osFamily === undefined) return;
            const customAmi = isSet(s.launchTemplate.imageId);
            const profile = profileOf(s.osFamily);
            const scripted = profile.bootstrap === "script";
            for (const key of ["bootstrap", "afterBootstrap"]) {
                if (!isSet(given[key]) || isUnknown(given[key])) continue;
                if (!customAmi) {
                    report(`launchTemplate.userData.${key}`, `${key} is for custom AMIs: with an EKS-optimized AMI, EKS appends the bootstrap ` +
                        "itself, and nothing runs after it. Remove it (put scripts in userData.content).");
                } else if (!scripted) {
                    report(`launchTemplate.userData.${key}`, `${key} is for Amazon Linux 2 and Windows, whose bootstrap is a script call; ` +
                        `${s.osFamily} merges settings instead (nothing runs twice). Remove it.`);
                }
            }
            const after = str(given.afterBootstrap);
            if (customAmi && profile.shell === "bash" && after !== undefined && !after.startsWith("#!")) {
                report("launchTemplate.userData.afterBootstrap", "cloud-init runs a shell part only if it starts with #!; start the " +
                    "script with #!/bin/bash.");
            }
            if (customAmi && scripted && s.bootstrapByUser === true) {
                for (const key of ["kubeletExtraArgs", "maxPods", "podNetwork"]) {
                    if (isSet(given[key]) && !(Array.isArray(given[key]) && (given[key] as unknown[]).length === 0)) {
                        report(`launchTemplate.userData.${key}`, `With userData.bootstrap User your call starts kubelet, and the component ` +
                            `writes no call to put ${key} in: it would be dropped. Pass it in your bootstrap call instead.`);
                    }
                }
            }
        },
    },
    {
        id: "userdata-size",
        severity: "error",
        paths: ["launchTemplate.userData"],
        summary: "User data over EC2's 16 KB limit (before base64).",
        check(s, report) {
            const text = s.component?.renderedUserData ?? str(s.launchTemplate.userData);
            if (text === undefined) return;
            const bytes = Buffer.byteLength(text, "utf8");
            if (bytes > MAX_USER_DATA_BYTES) {
                report("launchTemplate.userData", `The user data is ${bytes} bytes; EC2 accepts at most ${MAX_USER_DATA_BYTES} ` +
                    "before base64. Move large files to S3 or an AMI and fetch them at boot.");
            }
        },
    },
];
