// One pass over a node group definition, shared by the component and the plan command:
// resolve the inputs, apply defaults, render the user data when its inputs are known, and run
// every rule of the component's door (Rule.doors).
import * as pulumi from "@pulumi/pulumi";
import { ManagedNodeGroupArgs } from "../args";
import { componentRules } from "../rules/catalogue";
import { Finding, runRules } from "../rules/rule";
import { arr, isSet, isUnknown, obj, str } from "../base/values";
import { bootstrapperFor, NodeConfigSettings, profileOf } from "../userdata";
import { instanceTypeProblem, MAX_NODE_GROUP_INSTANCE_TYPES } from "../facts/grammar";
import { lookupMaxPods, podNetworkMode } from "../facts/maxpods";
import { attempt, MaybePromise, then } from "../base/maybe";
import { overridePath } from "../facts/overrides";
import { resolveInput } from "./resolve";
import { notKnownOutput } from "../base/unknown";
import { redact, userDataIsSecret } from "./secrets";
import { clusterFactsOf, nodeSettingsOf, Spec, specOf, subjectOf } from "./spec";

/** The user data to send: rendered text (or none), or not known yet with the Outputs it waits on. */
export type RenderedUserData =
    | { known: true; text: string | undefined }
    | { known: false; waitsOn: pulumi.Output<unknown>[] };

export interface Review {
    spec: Spec;
    userData: RenderedUserData;
    /** A secret input feeds the user data: it is secret wherever it goes. */
    userDataSecret: boolean;
    /** Every finding, secret values replaced by their paths. */
    findings: Finding[];
}

function unknownLeaves(values: unknown[]): pulumi.Output<unknown>[] {
    const found: pulumi.Output<unknown>[] = [];
    const walk = (v: unknown) => {
        if (isUnknown(v)) found.push(v);
        else if (Array.isArray(v)) v.forEach(walk);
        else if (typeof v === "object" && v !== null) Object.values(v).forEach(walk);
    };
    values.forEach(walk);
    return found;
}

/**
 * max-pods a custom AMI's bootstrap needs and the user did not give: from the instance table (or
 * EC2 at deploy time) for the group's instance types and pod network. Undefined when not needed
 * or the user decides (custom CNI, an AL2023 expression); an Output when not known yet.
 */
function computedMaxPods(spec: Spec, problems: string[]): MaybePromise<number | pulumi.Output<unknown> | undefined> {
    if (!spec.customAmi || profileOf(spec.family).bootstrapComputesMaxPods || isSet(spec.userData.maxPods) || isSet(spec.userData.maxPodsExpression)
        || userWritesBootstrap(spec)) return undefined;
    const notKnownMode = [spec.userData.podNetwork, spec.cluster.ipFamily].find(isUnknown);
    if (notKnownMode !== undefined) return notKnownMode as pulumi.Output<unknown>;
    const mode = podNetworkMode(spec.userData.podNetwork, spec.cluster.ipFamily);
    if (mode === undefined) return undefined;
    const types = spec.instanceTypes;
    if (isUnknown(types)) return types;
    const list = arr(types) ?? [];
    // Computed only for lists EKS accepts, of names that are names (ng-instance-types-count and instance-type-name report the rest).
    if (list.length > MAX_NODE_GROUP_INSTANCE_TYPES) return undefined;
    const notKnown = list.find(isUnknown);
    if (notKnown !== undefined) return notKnown as pulumi.Output<unknown>;
    if (list.some((t) => typeof t !== "string" || instanceTypeProblem(t) !== undefined)) return undefined;
    return then(lookupMaxPods([...new Set(list as string[])], mode), (found) => {
        if ("maxPods" in found) return found.maxPods;
        if (pulumi.runtime.isDryRun()) return notKnownOutput();
        problems.push(...found.missing);
        return undefined;
    });
}

/** Custom AMI of a script-bootstrap family (Amazon Linux 2, Windows), and the user's content calls the bootstrap itself. */
function userWritesBootstrap(spec: Spec): boolean {
    return spec.customAmi && spec.userData.bootstrap === "User" && profileOf(spec.family).bootstrap === "script";
}

function renderUserData(spec: Spec, problems: string[]): MaybePromise<RenderedUserData> {
    if (spec.familyWaitsOn) return { known: false, waitsOn: [spec.familyWaitsOn] };
    return then(computedMaxPods(spec, problems), (lookedUp) => renderWith(spec, lookedUp));
}

function renderWith(spec: Spec, lookedUp: number | pulumi.Output<unknown> | undefined): RenderedUserData {
    const content = spec.userData.content;
    if (isUnknown(lookedUp)) return { known: false, waitsOn: [lookedUp] };
    const given = nodeSettingsOf(spec);
    const node = given && lookedUp !== undefined ? { ...given, maxPods: lookedUp } : given;
    const cluster = clusterFactsOf(spec);
    const containers = [spec.args.launchTemplate, spec.launchTemplate.userData, ...(spec.customAmi ? [spec.args.cluster] : [])];
    const typed = [spec.userData.nodeConfig, spec.userData.bottlerocketSettings];
    if (isUnknown(content) || isUnknown(spec.userData.afterBootstrap) || isUnknown(spec.userData.bootstrap) || node === undefined || (spec.customAmi && cluster === undefined) || containers.some(isUnknown)
        || unknownLeaves(typed).length > 0) {
        return { known: false, waitsOn: unknownLeaves([content, spec.userData.afterBootstrap, spec.userData.bootstrap, spec.args.labels, spec.args.taints, spec.userData, spec.cluster, ...containers]) };
    }
    // Without every cluster fact a custom AMI's bootstrap cannot be written; custom-ami-cluster-facts says which.
    if (spec.customAmi && !userWritesBootstrap(spec) && (!cluster?.endpoint || !cluster.certificateAuthority || !cluster.serviceCidr)) {
        return { known: true, text: undefined };
    }
    const text = bootstrapperFor(spec.family).render({
        customAmi: spec.customAmi,
        userContent: str(content),
        nodeConfig: obj(spec.userData.nodeConfig) as NodeConfigSettings | undefined,
        bottlerocketSettings: obj(spec.userData.bottlerocketSettings),
        node,
        cluster: cluster ?? { name: str(spec.cluster.name) ?? "", ipFamily: "ipv4" },
        userWritesBootstrap: userWritesBootstrap(spec),
        afterBootstrap: str(spec.userData.afterBootstrap),
    });
    return { known: true, text };
}

/** Paths of the args, as a finding's Subject path reads in the component's vocabulary. */
const argPath = (path: string): string => path.replace(/^nodeGroup\./, "");
const within = (a: string, b: string): boolean => a === b || a.startsWith(b + ".") || a.startsWith(b + "[");

/**
 * Where args-schema already refuses a value (a wrong type, a value outside its enum, a required one
 * missing, a misspelt name — and then the setting it was meant to be), the rule that would say the
 * same of it, or of what holds it, is left out: one mistake, one message. The policy pack has no
 * args-schema, and keeps every rule's finding.
 */
function onePerMistake(findings: Finding[]): Finding[] {
    const schemaPaths = findings.filter((f) => f.ruleId === "args-schema" && f.severity === "error").flatMap((f) => [f.path, ...f.alsoAbout ?? []]).map(argPath);
    if (schemaPaths.length === 0) return findings;
    return findings.filter((f) => f.ruleId === "args-schema" || f.severity !== "error"
        || !schemaPaths.some((p) => within(argPath(f.path), p) || within(p, argPath(f.path))));
}

export function review(args: ManagedNodeGroupArgs | unknown): MaybePromise<Review> {
    return then(resolveInput<Partial<ManagedNodeGroupArgs>>(args), (resolved) => {
        const spec = specOf(resolved);
        const lookupProblems: string[] = [];
        let renderError: Error | undefined;
        const rendered = attempt(() => renderUserData(spec, lookupProblems), (e): RenderedUserData => {
            renderError = e as Error;
            return { known: true, text: undefined };
        });
        return then(rendered, (userData) => {
            const subject = subjectOf(spec, { userData: userData.known ? userData.text : undefined, maxPodsLookupProblems: lookupProblems });
            const findings = runRules(componentRules, subject);
            if (renderError !== undefined && !findings.some((f) => f.severity === "error")) {
                findings.push({ ruleId: "userdata-format", severity: "error", path: "launchTemplate.userData",
                    message: `The user data could not be combined with the generated bootstrap: ${renderError.message}` });
            }
            // A finding about what an override gave names the override; one mistake is reported once.
            const located = onePerMistake(findings.map((f) => ({ ...f, path: overridePath(f.path, spec.args) })));
            return { spec, userData, userDataSecret: userDataIsSecret(resolved), findings: redact(located, resolved) };
        });
    });
}
