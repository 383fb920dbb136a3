// The eks-nodegroup rules as Pulumi policies, for stacks that declare aws.ec2.LaunchTemplate and
// aws.eks.NodeGroup without the component: one stack policy per rule of the pack's door (Rule.doors), mandatory for errors
// and advisory for warnings by default (each configurable by its rule id). The pack that serves them
// is main.ts, started from policy/ at the package root; `eks-nodegroup/policy` exports these for a
// pack of your own.
import { EnforcementLevel, PolicyResource, ReportViolation, StackValidation, StackValidationPolicy } from "@pulumi/policy";
import { packRules } from "../rules/catalogue";
import { Rule, runRules } from "../rules/rule";
import { withValuesWithheld } from "../base/values";
import { decodedProps, locate, NODE_GROUP_TYPE, Pair, pairsOf } from "./subject";

// The stack's pairs are made once per analysis, not once per policy. @pulumi/policy hands each stack
// policy resources of its own (server.js, makeAnalyzeStackRpcFun: a fresh array, fresh resource objects
// and props proxies), but in the pack's process every policy's props proxy wraps the same decoded object
// (decodeonce.ts: one decoding per resource per analysis), so the first resource's decoded props name the
// analysis. The pack's policies then share the pairs, their Subjects, and what rules derive once per
// Subject (rulesOfOneWalk): measured, the pack's AnalyzeStack of the bench's 222 resources took ~230 ms instead of ~400.
// Each policy still runs only its own rule, so a policy disabled in the pack's config costs nothing.
// Without decodeonce (a pack of your own built from `policies`) every policy makes its own pairs, as before.
// Tested in tests/policy/decodeonce.test.ts through @pulumi/policy's own AnalyzeStack handler.
const pairsOfAnalysis = new WeakMap<object, Pair[]>();

function pairsFor(resources: PolicyResource[]): Pair[] {
    if (resources.length === 0) return [];
    const analysis = decodedProps(resources[0]);
    let pairs = pairsOfAnalysis.get(analysis);
    if (pairs === undefined) {
        pairs = pairsOf(resources);
        pairsOfAnalysis.set(analysis, pairs);
    }
    return pairs;
}

export function policyFor(rule: Rule): StackValidationPolicy {
    return {
        name: rule.id,
        description: rule.summary,
        enforcementLevel: (rule.severity === "error" ? "mandatory" : "advisory") as EnforcementLevel,
        validateStack: aboutNodeGroups((args, reportViolation: ReportViolation) => {
            for (const pair of pairsFor(args.resources)) {
                if (pair.launchTemplate === undefined && !rule.anyNodeGroup) continue;
                for (const finding of withValuesWithheld(() => runRules([rule], pair.subject))) {
                    const { resource, property } = locate(pair, finding.path);
                    reportViolation(`[${rule.id}] ${property}: ${finding.message}`, resource.urn);
                }
            }
        }),
    };
}

/**
 * Marks a stack validation as about node groups, as @pulumi/policy's validateStackResourcesOfType marks
 * its own (the resource type in `__pulumiType`): @pulumi/policy then answers "not applicable" for a
 * stack without an aws.eks.NodeGroup instead of rebuilding its resources for each of the pack's
 * policies — most stacks the pack is enabled on. Every pair is a node group's, so nothing is missed.
 * Pinned in tests/policy/decodeonce.test.ts; if @pulumi/policy stops reading the mark, the policies
 * merely run and find nothing, as before.
 */
function aboutNodeGroups(validate: StackValidation): StackValidation {
    return Object.assign(validate, { __pulumiType: NODE_GROUP_TYPE });
}

export const policies: StackValidationPolicy[] = packRules.map(policyFor);
