// Node auto repair, warm pools and the node group's timeouts: the limits EKS's API states for nodeRepairConfig, and
// EKS's warm-pool rules — not with a custom AMI; on Bottlerocket neither the HIBERNATED pool state
// nor reuseOnScaleIn.
import { awsConstraint } from "../facts/awsconstraints";
import { pathsOverlap } from "../base/paths";
import { hasCustomAmi } from "./nodegroup";
import { meantOrStop } from "../base/suggestions";
import { familyProfile, Rule } from "./rule";
import { arr, isSet, isUnknown, obj, show, str, wholeNumber } from "../base/values";

// EKS's API model's limits (src/facts/awsconstraints.ts), which these rules own.
const REPAIR_ACTIONS = awsConstraint("nodeGroup.nodeRepairConfig.nodeRepairConfigOverrides[].repairAction").enum!;
const POOL_STATES = awsConstraint("nodeGroup.warmPoolConfig.poolState").enum!;
const REPAIR = "nodeGroup.nodeRepairConfig";
/** wholeNumber with the model's range of a table path. */
const inModelRange = (report: (path: string, message: string) => void, tablePath: string, path: string, v: unknown) => {
    const c = awsConstraint(tablePath);
    wholeNumber(report, path, v, c.min!, c.max);
};
/** A Pulumi URN: urn:pulumi:STACK::PROJECT::QUALIFIED-TYPE::NAME, the type qualified by its parents' (`a$b`). */
const URN = /^urn:pulumi:[^:]+::[^:]+::((?:[^:$]+:[^:$]*:[^:$]+\$)*[^:$]+:[^:$]*:[^:$]+)::(.+)$/;
const ADOPTED = { launchTemplateUrn: "aws:ec2/launchTemplate:LaunchTemplate", nodeGroupUrn: "aws:eks/nodeGroup:NodeGroup" } as const;

/** A positive Go duration: one or more number-and-unit pairs. */
const GO_DURATION = /^(?:\d+(?:\.\d+)?(?:ns|us|µs|ms|s|m|h))+$/;

export const nodeOptionRules: Rule[] = [
    {
        id: "ng-node-repair",
        anyNodeGroup: true,
        severity: "error",
        paths: ["nodeGroup.nodeRepairConfig"],
        summary: "Node auto repair with both a count and a percentage of one limit, a limit out of range, or an override missing one of its four values.",
        check(s, report) {
            const rc = obj(s.nodeGroup.nodeRepairConfig);
            if (rc === undefined) return;
            const base = "nodeGroup.nodeRepairConfig";
            for (const [count, percentage] of [["maxParallelNodesRepairedCount", "maxParallelNodesRepairedPercentage"],
                ["maxUnhealthyNodeThresholdCount", "maxUnhealthyNodeThresholdPercentage"]]) {
                if (isSet(rc[count]) && isSet(rc[percentage])) {
                    report(`${base}.${count}`, `Set nodeRepairConfig.${count} or ${percentage}, not both: EKS rejects both together.`);
                }
                inModelRange(report, `${REPAIR}.${count}`, `${base}.${count}`, rc[count]);
                inModelRange(report, `${REPAIR}.${percentage}`, `${base}.${percentage}`, rc[percentage]);
            }
            (arr(rc.nodeRepairConfigOverrides) ?? []).forEach((o, i) => {
                const path = `${base}.nodeRepairConfigOverrides[${i}]`;
                const override = obj(o);
                if (override === undefined) return;
                const missing = ["minRepairWaitTimeMins", "nodeMonitoringCondition", "nodeUnhealthyReason", "repairAction"].filter((k) => !isSet(override[k]));
                if (missing.length > 0) {
                    report(path, `A node repair override needs all four of minRepairWaitTimeMins, nodeMonitoringCondition, nodeUnhealthyReason and repairAction (EKS's rule); missing ${missing.join(", ")}.`);
                }
                inModelRange(report, `${REPAIR}.nodeRepairConfigOverrides[].minRepairWaitTimeMins`, `${path}.minRepairWaitTimeMins`, override.minRepairWaitTimeMins);
                const action = override.repairAction;
                if (isSet(action) && !isUnknown(action) && !REPAIR_ACTIONS.includes(str(action) ?? "")) {
                    report(`${path}.repairAction`, `repairAction must be one of ${REPAIR_ACTIONS.join(", ")}, got ${show(action)}${meantOrStop(action, REPAIR_ACTIONS)}`);
                }
            });
        },
    },
    {
        id: "ng-warm-pool",
        anyNodeGroup: true,
        severity: "error",
        paths: ["nodeGroup.warmPoolConfig", "launchTemplate.imageId"],
        summary: "A warm pool with a custom AMI, HIBERNATED or reuseOnScaleIn on Bottlerocket, or a size out of range.",
        check(s, report) {
            const wp = obj(s.nodeGroup.warmPoolConfig);
            if (wp === undefined) return;
            const base = "nodeGroup.warmPoolConfig";
            if (hasCustomAmi(s.launchTemplate) && !isUnknown(s.launchTemplate.imageId)) {
                report(base, "EKS supports warm pools only on EKS-optimized AMIs; the launch template names a custom AMI (imageId). " +
                    "Remove warmPoolConfig, or the imageId to use the EKS-optimized AMI.");
            }
            const state = wp.poolState;
            if (isSet(state) && !isUnknown(state) && !POOL_STATES.includes(str(state) ?? "")) {
                report(`${base}.poolState`, `warmPoolConfig.poolState must be one of ${POOL_STATES.join(", ")}, got ${show(state)}${meantOrStop(state, POOL_STATES)}`);
            }
            const warmPool = familyProfile(s)?.warmPool;
            if (warmPool !== undefined && !warmPool.hibernated && state === "HIBERNATED") {
                report(`${base}.poolState`, `${s.osFamily} does not support the HIBERNATED warm pool state: use STOPPED or RUNNING.`);
            }
            if (warmPool !== undefined && !warmPool.reuseOnScaleIn && wp.reuseOnScaleIn === true) {
                report(`${base}.reuseOnScaleIn`, `${s.osFamily} does not support reuseOnScaleIn in a warm pool: remove it (or set it to false).`);
            }
            inModelRange(report, "nodeGroup.warmPoolConfig.minSize", `${base}.minSize`, wp.minSize);
            wholeNumber(report, `${base}.maxGroupPreparedCapacity`, wp.maxGroupPreparedCapacity, -1);
        },
    },
    {
        id: "ng-timeouts",
        doors: ["component"],
        severity: "error",
        paths: ["nodeGroupTimeouts.create", "nodeGroupTimeouts.update", "nodeGroupTimeouts.delete"],
        summary: "A node group timeout that is not a duration the engine reads (Go's time.ParseDuration: `90m`, `1h30m`).",
        check(s, report) {
            const timeouts = obj(obj(s.component?.args)?.nodeGroupTimeouts);
            if (timeouts === undefined) return;
            for (const key of ["create", "update", "delete"]) {
                const v = timeouts[key];
                if (!isSet(v) || isUnknown(v)) continue;
                if (typeof v !== "string" || !GO_DURATION.test(v)) {
                    report(`nodeGroupTimeouts.${key}`, `nodeGroupTimeouts.${key} must be a positive duration such as "90m" or "1h30m" (Go's time.ParseDuration, which the engine uses), got ${show(v)}.`);
                }
            }
        },
    },
    {
        id: "adopt-urns",
        doors: ["component"],
        severity: "error",
        paths: ["adopt.launchTemplateUrn", "adopt.nodeGroupUrn"],
        summary: "An adopted resource's URN that is not a URN, names a resource of another type (the alias would match nothing, and the engine would create a new one), is not known at preview, or is secret (an alias cannot be).",
        check(s, report) {
            const given = obj(s.component?.args)?.adopt;
            // The SDK awaits an alias before it registers the resource: one not known at preview would stall it.
            const notKnown = (path: string) => report(path, `${path} must be known at preview (a string, not another resource's output): the engine decides by it which existing resource the child is.`);
            if (isUnknown(given)) return notKnown("adopt");
            const adopt = obj(given);
            if (adopt === undefined) return;
            for (const [key, type] of Object.entries(ADOPTED)) {
                const v = adopt[key];
                if (!isSet(v)) continue;
                if (isUnknown(v)) {
                    notKnown(`adopt.${key}`);
                    continue;
                }
                // Pulumi aliases are plain: the engine writes them to the state and its messages as given, so
                // a secret URN would lose its secrecy without a word (and a URN names a resource, it holds no secret).
                if (s.component?.secretArgs?.some((p) => pathsOverlap(p, `adopt.${key}`))) {
                    report(`adopt.${key}`, `adopt.${key} is secret, and an alias cannot be: Pulumi stores aliases in plain text. Pass the URN as a plain string.`);
                    continue;
                }
                const match = typeof v === "string" ? URN.exec(v) : null;
                // The resource's own type: the last of the qualified type's `$`-joined chain.
                const named = match?.[1].split("$").pop();
                if (match === null) {
                    report(`adopt.${key}`, `adopt.${key} must be a Pulumi URN (urn:pulumi:STACK::PROJECT::${type}::NAME, as \`pulumi stack --show-urns\` prints it), got ${show(v)}.`);
                } else if (named !== type) {
                    report(`adopt.${key}`, `adopt.${key} names a ${named}, not a ${type}: the alias would match nothing, and the engine would create a new one beside it.`);
                }
            }
        },
    },
];
