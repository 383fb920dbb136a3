// The eks-nodegroup rules as Pulumi policies, for stacks that declare aws.ec2.LaunchTemplate and
// aws.eks.NodeGroup without the component: one stack policy per rule of the pack's door (Rule.doors), mandatory for errors
// and advisory for warnings by default (each configurable by its rule id). The pack that serves them
// is main.ts, started from policy/ at the package root; `eks-nodegroup/policy` exports these for a
// pack of your own.
import { EnforcementLevel, PolicyResource, ReportViolation, StackValidationPolicy } from "@pulumi/policy";
import { packRules } from "../rules/catalogue";
import { Rule, runRules } from "../rules/rule";
import { withValuesWithheld } from "../base/values";
import { locate, Pair, pairsOf } from "./subject";

const pairsCache = new WeakMap<PolicyResource[], Pair[]>();

function pairsFor(resources: PolicyResource[]): Pair[] {
    let pairs = pairsCache.get(resources);
    if (pairs === undefined) {
        pairs = pairsOf(resources);
        pairsCache.set(resources, pairs);
    }
    return pairs;
}

export function policyFor(rule: Rule): StackValidationPolicy {
    return {
        name: rule.id,
        description: rule.summary,
        enforcementLevel: (rule.severity === "error" ? "mandatory" : "advisory") as EnforcementLevel,
        validateStack(args, reportViolation: ReportViolation) {
            for (const pair of pairsFor(args.resources)) {
                if (pair.launchTemplate === undefined && !rule.anyNodeGroup) continue;
                for (const finding of withValuesWithheld(() => runRules([rule], pair.subject))) {
                    const { resource, property } = locate(pair, finding.path);
                    reportViolation(`[${rule.id}] ${property}: ${finding.message}`, resource.urn);
                }
            }
        },
    };
}

export const policies: StackValidationPolicy[] = packRules.map(policyFor);
