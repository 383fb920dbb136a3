// Bottlerocket: TOML settings. EKS merges its settings with ours (ours win) with an EKS AMI; with a
// custom AMI `settings.kubernetes` must carry every cluster fact. EKS accepts only part of TOML,
// so the user's text is checked on its syntax tree (toml-eslint-parser) for the forms EKS rejects.
import { parse as parseToml, stringify as stringifyToml } from "smol-toml";
import { AST, parseTOML } from "toml-eslint-parser";
import { OsFamily } from "../args";
import { Bootstrapper, checkedForBootCode, ContentProblem, kubernetesEffect, RenderRequest } from "./bootstrapper";
import {
    BootSettingsGiven, CA, CLUSTER_NAME, DNS, ENDPOINT, isTable, LABELS, leaves, MAX_PODS, owned, OwnerMap, OwnershipProblem, Table, TAINTS, twice, USER_DATA,
} from "./owners";

/** The keys of [settings.kubernetes] the component (or, with an EKS AMI, EKS) writes. */
export const BOTTLEROCKET_OWNED: OwnerMap = {
    "cluster-name": CLUSTER_NAME,
    "api-server": ENDPOINT,
    "cluster-certificate": CA,
    "cluster-dns-ip": DNS,
    "max-pods": MAX_PODS,
    "node-labels": LABELS,
    "node-taints": TAINTS,
};

/** What the component owns among what the family reads (the profile's owns; its ownership checks these). */
const OWNS = { settingsKubernetes: BOTTLEROCKET_OWNED };

/** Owned keys in the typed settings or the TOML content, and a setting given in both. */
function ownership(given: BootSettingsGiven): OwnershipProblem[] {
    const out: OwnershipProblem[] = [];
    const typed = given.bottlerocketSettings;
    const typedKubernetes = isTable(typed) ? typed.kubernetes : undefined;
    if (isTable(typedKubernetes)) {
        for (const key of Object.keys(typedKubernetes)) {
            const owner = OWNS.settingsKubernetes[key];
            if (owner) out.push({ path: `${USER_DATA}.bottlerocketSettings.kubernetes.${key}`, message: owned(`bottlerocketSettings.kubernetes.${key}`, owner) });
        }
    }
    if (typeof given.content !== "string" || given.content.trim() === "") return out;
    let content: Table;
    try {
        content = parseToml(given.content) as Table;
    } catch {
        return out; // userdata-format reports it
    }
    const settings = isTable(content.settings) ? content.settings : {};
    const kubernetes = isTable(settings.kubernetes) ? settings.kubernetes : {};
    for (const key of Object.keys(kubernetes)) {
        const owner = OWNS.settingsKubernetes[key];
        if (owner) out.push({ path: USER_DATA, message: owned(`settings.kubernetes.${key} in the TOML content`, owner) });
    }
    if (!isTable(typed)) return out;
    const inContent = new Set(leaves(settings).map((p) => p.join(".")));
    for (const leaf of leaves(typed)) {
        // An owned key is reported above already.
        if (leaf[0] === "kubernetes" && OWNS.settingsKubernetes[leaf[1]] !== undefined) continue;
        const key = leaf.join(".");
        const clash = [...inContent].find((c) => c === key || c.startsWith(`${key}.`) || key.startsWith(`${c}.`));
        if (clash !== undefined) out.push({ path: `${USER_DATA}.bottlerocketSettings.${key}`, message: twice(`settings.${key}`, `bottlerocketSettings.${key}`) });
    }
    return out;
}

function keyText(keys: string[]): string {
    return keys.map((k) => (/^[A-Za-z0-9_-]+$/.test(k) ? k : JSON.stringify(k))).join(".");
}

/** The forms of TOML that EKS rejects in Bottlerocket user data, each with the offending key. */
export function rejectedTomlForms(source: string): string[] {
    const problems: string[] = [];
    const program = parseTOML(source);
    const valueKind = (v: AST.TOMLContentNode): string =>
        v.type === "TOMLValue" ? v.kind : v.type === "TOMLArray" ? "array" : "inline table";

    const visitValue = (path: string[], value: AST.TOMLContentNode) => {
        if (value.type === "TOMLValue" && value.kind === "string" && value.style === "basic"
            && /\\"/.test(source.slice(value.range[0], value.range[1]))) {
            problems.push(`${keyText(path)}: a value with escaped quotes (\\") — EKS rejects it; remove the quotes from the value.`);
        }
        if (value.type === "TOMLArray") {
            const kinds = new Set(value.elements.map(valueKind));
            if (kinds.size === 2 && kinds.has("integer") && kinds.has("float")) {
                problems.push(`${keyText(path)}: an array mixing integers and floats — EKS rejects it; write every number the same way.`);
            } else if (kinds.size > 1) {
                problems.push(`${keyText(path)}: an array mixing ${[...kinds].join(" and ")} — EKS rejects arrays of mixed types.`);
            }
            value.elements.forEach((e, i) => visitValue([...path, String(i)], e));
        }
        if (value.type === "TOMLInlineTable") value.body.forEach((kv) => visitKeyValue(path, kv));
    };
    const visitKeyValue = (base: string[], kv: AST.TOMLKeyValue) => {
        const names = kv.key.keys.map((k) => (k.type === "TOMLBare" ? k.name : k.value));
        for (const k of kv.key.keys) {
            if (k.type === "TOMLQuoted" && /["']/.test(k.value)) {
                problems.push(`${keyText([...base, ...names])}: a quoted key containing quotes — EKS rejects it; rename the key.`);
            }
        }
        visitValue([...base, ...names], kv.value);
    };
    for (const top of program.body) {
        for (const node of top.body) {
            if (node.type === "TOMLKeyValue") {
                visitKeyValue([], node);
                continue;
            }
            const header = node.key.keys;
            if (header.some((k) => k.type === "TOMLQuoted" && k.value.includes("."))) {
                problems.push(`[${keyText(node.resolvedKey.map(String))}]: a table header with a quoted dotted key — EKS rejects it; ` +
                    "move the dotted key into the table body as a quoted key instead.");
            }
            node.body.forEach((kv) => visitKeyValue(node.resolvedKey.map(String), kv));
        }
    }
    return problems;
}

/** `over` merged onto `base`, into an object without prototype: no key, not even __proto__, reaches anything but a property. */
function merge(base: Table, over: Table): Table {
    const out: Table = Object.assign(Object.create(null) as Table, base);
    for (const [k, v] of Object.entries(over)) out[k] = isTable(v) && isTable(out[k]) ? merge(out[k] as Table, v) : v;
    return out;
}

/** The settings the component generates. */
export function generatedSettings(request: RenderRequest): Table {
    const { cluster, node } = request;
    const kubernetes: Table = {};
    if (request.customAmi) {
        kubernetes["cluster-name"] = cluster.name;
        kubernetes["api-server"] = cluster.endpoint;
        kubernetes["cluster-certificate"] = cluster.certificateAuthority;
        kubernetes["cluster-dns-ip"] = cluster.dnsClusterIp;
        if (Object.keys(node.labels).length > 0) kubernetes["node-labels"] = { ...node.labels };
        if (node.taints.length > 0) {
            const taints: Record<string, string[]> = {};
            for (const t of node.taints) (taints[t.key] ??= []).push(`${t.value ?? ""}:${kubernetesEffect(t.effect)}`);
            kubernetes["node-taints"] = taints;
        }
    }
    if (node.maxPods !== undefined) kubernetes["max-pods"] = node.maxPods;
    return Object.keys(kubernetes).length === 0 ? {} : { settings: { kubernetes } };
}

export const bottlerocket: Bootstrapper = {
    family: OsFamily.Bottlerocket,
    profile: {
        // The OS volume boots; containers live on the data volume, which users size as the root volume.
        rootDevice: "/dev/xvdb", osDevice: "/dev/xvda", defaultRootGiB: 20, bootstrap: "merge",
        typedSettings: "bottlerocketSettings", owns: OWNS, maxPodsExpression: false, bootstrapComputesMaxPods: false, warmPool: { hibernated: false, reuseOnScaleIn: false }, refusedInstanceClasses: [], ipv6: true, accessEntryType: "EC2_LINUX",
        joins: { markers: [/api-server/, /cluster-certificate/, /cluster-name/],
            needs: "settings.kubernetes api-server, cluster-certificate, cluster-name and cluster-dns-ip" },
    },

    ownership,

    inspect(content, customAmi) {
        let settings: Table;
        try {
            settings = parseToml(content) as Table;
        } catch (e) {
            return [{ kind: "unreadable", message: `The Bottlerocket user data is not valid TOML: ${(e as Error).message.split("\n")[0]}` }];
        }
        const problems: ContentProblem[] = rejectedTomlForms(content).map((message) => ({ kind: "tomlForm", message }));
        const k8s = isTable(settings.settings) && isTable(settings.settings.kubernetes) ? settings.settings.kubernetes : {};
        if (!customAmi) {
            for (const key of ["node-labels", "node-taints"].filter((key) => key in k8s)) {
                problems.push({ kind: "ownedInToml", message:
                    `settings.kubernetes.${key} is set in the Bottlerocket user data; with an EKS-optimized AMI, give ` +
                    `${key === "node-labels" ? "labels" : "taints"} on the node group, where EKS tracks and updates them.` });
            }
        }
        return problems;
    },

    render(request) {
        checkedForBootCode(request, true);
        const user = request.userContent?.trim() ? (parseToml(request.userContent) as Table) : {};
        const typed = request.bottlerocketSettings ? { settings: request.bottlerocketSettings } : {};
        const settings = merge(merge(generatedSettings(request), typed), user);
        return Object.keys(settings).length === 0 ? undefined : stringifyToml(settings) + "\n";
    },
};
