// One pass over a node group definition, shared by the component and the plan command:
// resolve the inputs, apply defaults, render the user data when its inputs are known, and run
// every rule of the catalogue.
import * as pulumi from "@pulumi/pulumi";
import { ManagedNodeGroupArgs } from "../args";
import { catalogue } from "../rules/catalogue";
import { Finding, runRules } from "../rules/rule";
import { isUnknown, str } from "../rules/values";
import { bootstrapperFor } from "../userdata";
import { resolveInput } from "./resolve";
import { clusterFactsOf, nodeSettingsOf, Spec, specOf, subjectOf } from "./spec";

/** The user data to send: rendered text (or none), or not known yet with the Outputs it waits on. */
export type RenderedUserData =
    | { known: true; text: string | undefined }
    | { known: false; waitsOn: pulumi.Output<unknown>[] };

export interface Review {
    spec: Spec;
    userData: RenderedUserData;
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

async function renderUserData(spec: Spec): Promise<RenderedUserData> {
    const content = spec.userData.content;
    const node = nodeSettingsOf(spec);
    const cluster = clusterFactsOf(spec);
    const containers = [spec.args.launchTemplate, spec.launchTemplate.userData, ...(spec.customAmi ? [spec.args.cluster] : [])];
    if (isUnknown(content) || node === undefined || (spec.customAmi && cluster === undefined) || containers.some(isUnknown)) {
        return { known: false, waitsOn: unknownLeaves([content, spec.args.labels, spec.args.taints, spec.userData, spec.cluster, ...containers]) };
    }
    // Without every cluster fact a custom AMI's bootstrap cannot be written; custom-ami-cluster-facts says which.
    if (spec.customAmi && (!cluster?.endpoint || !cluster.certificateAuthority || !cluster.serviceCidr)) {
        return { known: true, text: undefined };
    }
    const text = await bootstrapperFor(spec.family).render({
        customAmi: spec.customAmi,
        userContent: str(content),
        node,
        cluster: cluster ?? { name: str(spec.cluster.name) ?? "", ipFamily: "ipv4" },
    });
    return { known: true, text };
}

export async function review(args: ManagedNodeGroupArgs | unknown): Promise<Review> {
    const spec = specOf(await resolveInput<Partial<ManagedNodeGroupArgs>>(args));
    let userData: RenderedUserData;
    let renderError: Error | undefined;
    try {
        userData = await renderUserData(spec);
    } catch (e) {
        renderError = e as Error;
        userData = { known: true, text: undefined };
    }
    const findings = await runRules(catalogue, subjectOf(spec, userData.known ? userData.text : undefined));
    if (renderError !== undefined && !findings.some((f) => f.severity === "error")) {
        findings.push({ ruleId: "userdata-format", severity: "error", path: "launchTemplate.userData",
            message: `The user data could not be combined with the generated bootstrap: ${renderError.message}` });
    }
    return { spec, userData, findings };
}
