// Runs ManagedNodeGroup under Pulumi's mock runtime, as preview (computed outputs unknown) or as
// update, and returns what it registered. Assertions read the recorded inputs: under preview,
// applies on unknown values never run, so awaiting such outputs would hang.
import * as pulumi from "@pulumi/pulumi";
import { ManagedNodeGroupArgs, ManagedNodeGroup } from "../../src";
import { registeredChildren, reviewOf } from "../../src/component";
import { setWarningSink } from "../../src/model/diagnostics";
import { Review } from "../../src/model/review";
import { mockRuntime, RegisteredResource, ResourceRecorder } from "../../src/validate/mockruntime";
import { answerInvoke } from "./instancetypes";

export const LT = "aws:ec2/launchTemplate:LaunchTemplate";
export const NG = "aws:eks/nodeGroup:NodeGroup";

export const CA = Buffer.from(
    "-----BEGIN CERTIFICATE-----\nMIIBfzCCASWgAwIBAgIUauS8vRIXNWn3XIGE9S/u1FacH2wwCgYIKoZIzj0EAwIw\n-----END CERTIFICATE-----\n",
).toString("base64");

export function baseArgs(overrides: Partial<ManagedNodeGroupArgs> = {}): ManagedNodeGroupArgs {
    return {
        cluster: {
            name: "prod",
            endpoint: "https://ABCDEF.gr7.eu-west-1.eks.amazonaws.com",
            certificateAuthority: CA,
            serviceIpv4Cidr: "10.100.0.0/16",
            clusterSecurityGroupId: "sg-cluster",
        },
        nodeRoleArn: "arn:aws:iam::123456789012:role/nodes",
        subnetIds: ["subnet-a", "subnet-b"],
        scalingConfig: { minSize: 1, maxSize: 3 },
        ...overrides,
    };
}

export interface Run {
    recorder: ResourceRecorder;
    component: ManagedNodeGroup;
    review: Review;
    /** The rejection of the component, when its args broke a rule. */
    error?: pulumi.InputPropertiesError;
    warnings: string[];
    launchTemplate?: RegisteredResource;
    nodeGroup?: RegisteredResource;
}

/** Declares the component (built by `declare`, after the mocks are installed) and waits for its children. */
export async function run(
    declare: () => ManagedNodeGroupArgs | unknown,
    options: { preview: boolean },
): Promise<Run> {
    const recorder = await mockRuntime({ preview: options.preview, stack: "test", invoke: answerInvoke });
    const warnings: string[] = [];
    setWarningSink((m) => warnings.push(m));
    const component = new ManagedNodeGroup("ng", declare() as ManagedNodeGroupArgs);
    const review = await reviewOf(component);
    let error: pulumi.InputPropertiesError | undefined;
    await (component.warnings as unknown as { promise(): Promise<unknown> }).promise().catch((e: unknown) => {
        error = e as pulumi.InputPropertiesError;
    });
    if (error === undefined) await registeredChildren(component).catch(() => undefined);
    return {
        recorder, component, review, error, warnings,
        launchTemplate: recorder.ofType(LT)[0],
        nodeGroup: recorder.ofType(NG)[0],
    };
}

/** Runs the same declaration as preview and as update. */
export function bothModes(fn: (preview: boolean) => void): void {
    for (const preview of [true, false]) {
        describe(preview ? "at preview" : "at update", () => fn(preview));
    }
}

export function errorPaths(r: Run): string[] {
    return (r.error?.errors ?? []).map((e) => e.propertyPath);
}

export function ruleIds(r: Run): string[] {
    return r.review.findings.map((f) => f.ruleId);
}

export function decodedUserData(r: Run): string | undefined {
    const b64 = r.launchTemplate?.inputs.userData;
    return typeof b64 === "string" ? Buffer.from(b64, "base64").toString("utf8") : undefined;
}
