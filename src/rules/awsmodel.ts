// The limits AWS's API models state for every value the package sends (src/facts/awsconstraints.ts:
// lengths, counts, ranges, enums, patterns of EKS's CreateNodegroup/UpdateNodegroupConfig/
// UpdateNodegroupVersion and EC2's CreateLaunchTemplate, generated from the models): coverage is a
// property of the table, not of whoever wrote a rule. Values not known at preview are skipped, and
// checked when the review runs again with them known (at deploy).
//
// Where a hand-written rule checks a member already (and says more: Kubernetes syntax, the pair of
// scaling sizes, refusal of the whole member), it owns that member here (OWNED, with its id) and
// this family skips it: one mistake, one message. The owners read their limits from the same table.
import { AwsConstraint, CONSTRAINED_PATHS, awsConstraint, serviceOf } from "../facts/awsconstraints";
import { meantValue } from "../base/suggestions";
import { Rule, Subject } from "./rule";
import { arr, isSet, isUnknown, obj, show } from "../base/values";

/** Members a hand-written rule checks, by table path: the rule's id. */
export const OWNED: Readonly<Record<string, string>> = {
    "nodeGroup.amiType": "ami-selection",
    "nodeGroup.labels{key}": "ng-labels",
    "nodeGroup.labels{value}": "ng-labels",
    "nodeGroup.taints[].key": "ng-taints",
    "nodeGroup.taints[].value": "ng-taints",
    "nodeGroup.taints[].effect": "ng-taints",
    "nodeGroup.scalingConfig.minSize": "ng-scaling",
    "nodeGroup.scalingConfig.maxSize": "ng-scaling",
    "nodeGroup.scalingConfig.desiredSize": "ng-scaling",
    "nodeGroup.updateConfig.maxUnavailable": "ng-update-config",
    "nodeGroup.updateConfig.maxUnavailablePercentage": "ng-update-config",
    "nodeGroup.updateConfig.updateStrategy": "ng-update-config",
    "nodeGroup.nodeRepairConfig.maxUnhealthyNodeThresholdCount": "ng-node-repair",
    "nodeGroup.nodeRepairConfig.maxUnhealthyNodeThresholdPercentage": "ng-node-repair",
    "nodeGroup.nodeRepairConfig.maxParallelNodesRepairedCount": "ng-node-repair",
    "nodeGroup.nodeRepairConfig.maxParallelNodesRepairedPercentage": "ng-node-repair",
    "nodeGroup.nodeRepairConfig.nodeRepairConfigOverrides[].minRepairWaitTimeMins": "ng-node-repair",
    "nodeGroup.nodeRepairConfig.nodeRepairConfigOverrides[].repairAction": "ng-node-repair",
    "nodeGroup.warmPoolConfig.minSize": "ng-warm-pool",
    "nodeGroup.warmPoolConfig.poolState": "ng-warm-pool",
    "launchTemplate.blockDeviceMappings[].ebs.volumeType": "ebs-volumes",
    "launchTemplate.blockDeviceMappings[].ebs.throughput": "ebs-volumes",
    "launchTemplate.userData": "userdata-size",
    "launchTemplate.instanceInitiatedShutdownBehavior": "lt-no-shutdown-behavior",
    // EKS takes no attribute-based selection: the rule refuses the member whole, whatever it holds.
    ...Object.fromEntries(CONSTRAINED_PATHS.filter((p) => p.startsWith("launchTemplate.instanceRequirements."))
        .map((p) => [p, "lt-no-instance-requirements"])),
};

/**
 * Table paths whose value the component's args hold elsewhere or in another form: the args path
 * the component door checks instead, or null where the component writes or converts the value
 * itself (a boolean it turns into enabled/disabled), so no user value of that form reaches EC2.
 * Every other path is checked in the component as it is (its args use the AWS names and values;
 * tests/rules/awsmodel.test.ts holds this against schema.json).
 */
export const COMPONENT_PATHS: Readonly<Record<string, string | null>> = {
    "launchTemplate.tagSpecifications[].tags{key}": "launchTemplate.instanceTags{key}",
    "launchTemplate.tagSpecifications[].tags{value}": "launchTemplate.instanceTags{value}",
    "launchTemplate.tagSpecifications[].resourceType": null,
    "launchTemplate.metadataOptions.instanceMetadataTags": null,
    "launchTemplate.metadataOptions.httpProtocolIpv6": null,
    "launchTemplate.metadataOptions.httpEndpoint": null,
    "launchTemplate.description": null,
};

interface Segment { name: string; each?: "[]" | "{key}" | "{value}" }

function segmentsOf(path: string): Segment[] {
    return path.split(".").map((part) => {
        const m = /^([A-Za-z0-9]+)(\[\]|\{key\}|\{value\})?$/.exec(part);
        if (m === null) throw new Error(`not a table path: ${path}`);
        return { name: m[1], each: m[2] as Segment["each"] };
    });
}

/** Every concrete position of a table path in `root` (array indexes, map keys), with its value; containers not known or of another type yield nothing. */
export function positions(root: unknown, path: string): { path: string; value: unknown }[] {
    const out: { path: string; value: unknown }[] = [];
    const walk = (v: unknown, segs: Segment[], at: string): void => {
        if (segs.length === 0) {
            out.push({ path: at, value: v });
            return;
        }
        const container = obj(v);
        const [s, ...rest] = segs;
        if (container === undefined || !Object.hasOwn(container, s.name)) return;
        const child = container[s.name];
        const here = at === "" ? s.name : `${at}.${s.name}`;
        if (s.each === undefined) return walk(child, rest, here);
        if (s.each === "[]") {
            (arr(child) ?? []).forEach((e, i) => walk(e, rest, `${here}[${i}]`));
            return;
        }
        for (const [k, e] of Object.entries(obj(child) ?? {})) {
            if (s.each === "{key}") out.push({ path: `${here}["${k}"]`, value: k });
            else walk(e, rest, `${here}["${k}"]`);
        }
    };
    walk(root, segmentsOf(path), "");
    return out;
}

const lengthOf = (s: string) => [...s].length;

function range(lo: number | undefined, hi: number | undefined, unit = ""): string {
    if (lo !== undefined && hi !== undefined) return `${lo} to ${hi}${unit}`;
    return lo !== undefined ? `at least ${lo}${unit}` : `at most ${hi}${unit}`;
}

/** Where the limit comes from, for the message: `EKS (CreateNodegroup)`. */
function source(c: AwsConstraint): string {
    const op = c.from[0].split(" ")[1].split(".")[0];
    return `${serviceOf(c)} (${op}, its API model)`;
}

/** What is wrong with a known value under a constraint, or undefined; `what` names it. Values of another type are left to the schema and the provider. */
export function problemOf(v: unknown, c: AwsConstraint, what: string): string | undefined {
    const by = source(c);
    if (c.type === "string") {
        if (typeof v !== "string") return undefined;
        const n = lengthOf(v);
        if ((c.minLength !== undefined && n < c.minLength) || (c.maxLength !== undefined && n > c.maxLength)) {
            const fix = c.maxLength !== undefined && n > c.maxLength ? "Shorten it." : "Give a longer one.";
            return `${what} is ${n} characters long; ${by} takes ${range(c.minLength, c.maxLength, " characters")}. ${fix}`;
        }
        if (c.maxBytes !== undefined && Buffer.byteLength(v, "utf8") > c.maxBytes) {
            return `${what} is ${Buffer.byteLength(v, "utf8")} bytes; ${by} takes at most ${c.maxBytes}.`;
        }
        if (c.reservedPrefix !== undefined && v.toLowerCase().startsWith(c.reservedPrefix)) {
            return `${what} starts with ${c.reservedPrefix} (in any letter case), a prefix ${by} reserves for AWS's own tags. Use another prefix.`;
        }
        if (c.enum !== undefined && !c.enum.includes(v)) {
            const listed = c.enum.length <= 12 ? `use one of ${c.enum.join(", ")}.` : `use one of its ${c.enum.length} values (e.g. ${c.enum.slice(0, 3).join(", ")}).`;
            return `${what} is ${show(v)}, which ${by} does not accept: ${meantValue(v, c.enum) ?? listed}`;
        }
        if (c.pattern !== undefined && !new RegExp(c.pattern, "u").test(v)) {
            return `${what} ${show(v)} does not match ${by}'s pattern ${c.pattern}.`;
        }
        return undefined;
    }
    if (c.type === "integer") {
        if (typeof v !== "number" || Number.isNaN(v)) return undefined;
        if (!Number.isInteger(v) || (c.min !== undefined && v < c.min) || (c.max !== undefined && v > c.max)) {
            return `${what} is ${show(v)}; ${by} takes a whole number ${range(c.min, c.max).replace(/^(\d)/, "from $1")}. Use a value in that range.`;
        }
        return undefined;
    }
    const n = c.type === "list" ? arr(v)?.length : Object.keys(obj(v) ?? {}).length;
    if (n === undefined || (c.type === "map" && obj(v) === undefined)) return undefined;
    // An empty list or map is not sent (the provider omits it), so a minimum of one holds whatever it says.
    if ((c.maxItems !== undefined && n > c.maxItems) || (c.minItems !== undefined && n > 0 && n < c.minItems)) {
        const over = c.maxItems !== undefined && n > c.maxItems;
        return `${what} has ${n} ${c.type === "map" ? "entries" : "elements"}; ${by} takes ${over ? `at most ${c.maxItems}` : `at least ${c.minItems}`}. ${over ? "Remove some." : "Add more."}`;
    }
    return undefined;
}

/**
 * The path this door holds a table path's value at, or null where it holds none of the user's. A
 * launch template key the component does not type reaches its Subject as an override, in EC2's
 * names and values; one the component types is in COMPONENT_PATHS or means the same as EC2's.
 */
export function doorPath(s: Subject, path: string): string | null {
    if (s.component === undefined) return path;
    return Object.hasOwn(COMPONENT_PATHS, path) ? COMPONENT_PATHS[path] : path;
}

/** How a message names a concrete position: the args path without the node group's prefix, a map key as "a key of …". */
function nameOf(tablePath: string, concrete: string): string {
    const shown = concrete.replace(/^(nodeGroup|launchTemplate)\./, "");
    if (tablePath.endsWith("{key}")) return `A key of ${shown.slice(0, shown.lastIndexOf('["'))}`;
    if (tablePath.endsWith("{value}")) return `The value of ${shown}`;
    return shown;
}

function checkAll(side: "nodeGroup" | "launchTemplate", s: Subject, report: (path: string, message: string) => void): void {
    for (const path of CHECKED.filter((p) => p.startsWith(`${side}.`))) {
        const at = doorPath(s, path);
        if (at === null) continue;
        const c = awsConstraint(path);
        for (const position of positions(s, at)) {
            if (!isSet(position.value) || isUnknown(position.value)) continue;
            const problem = problemOf(position.value, c, nameOf(at, position.path));
            if (problem !== undefined) report(position.path, problem);
        }
    }
}

/** The table paths this family checks itself: every one no other rule owns. */
export const CHECKED: readonly string[] = CONSTRAINED_PATHS.filter((p) => !Object.hasOwn(OWNED, p));

export const awsModelRules: Rule[] = [
    {
        id: "ng-api-limits",
        anyNodeGroup: true,
        severity: "error",
        paths: CHECKED.filter((p) => p.startsWith("nodeGroup.")),
        summary: "A node group value outside the limits EKS's API model states (lengths, counts, ranges, enums: e.g. at most 50 tags, keys of 1–128 characters, values of at most 256, no aws: prefix), for every member no other rule checks.",
        check(s, report) {
            checkAll("nodeGroup", s, report);
        },
    },
    {
        id: "lt-api-limits",
        severity: "error",
        paths: CHECKED.filter((p) => p.startsWith("launchTemplate.")),
        summary: "A launch template value outside the limits EC2's API model states or documents (the IMDS hop limit 1–64, tag keys of at most 127 characters without aws:, values of at most 256, enums), for every member no other rule checks.",
        check(s, report) {
            checkAll("launchTemplate", s, report);
        },
    },
];
