// Pulumi's mock runtime, recording what a program would register: no engine, no cloud.
// Computed outputs are left unknown at preview, as the engine would; at update they get
// placeholder values so that dependent inputs resolve.
import * as pulumi from "@pulumi/pulumi";

export interface RegisteredResource {
    type: string;
    name: string;
    inputs: Record<string, unknown>;
}

/** What the engine would compute for a child, outside preview. */
function computedState(type: string, name: string, inputs: Record<string, unknown>): Record<string, unknown> {
    switch (type) {
        case "aws:ec2/launchTemplate:LaunchTemplate":
            return { ...inputs, latestVersion: 1, defaultVersion: 1, arn: `arn:aws:ec2:us-east-1:123456789012:launch-template/lt-${name}` };
        case "aws:eks/nodeGroup:NodeGroup":
            return { ...inputs, nodeGroupName: inputs.nodeGroupName ?? `${inputs.nodeGroupNamePrefix ?? `${name}-`}20261125`,
                arn: `arn:aws:eks:us-east-1:123456789012:nodegroup/${String(inputs.clusterName)}/${name}/0` };
        case "aws:ec2/placementGroup:PlacementGroup":
            // The provider names it (autonaming) when the program does not.
            return { ...inputs, name: inputs.name ?? `${name}-20261125`, placementGroupId: `pg-${name}` };
        default:
            return { ...inputs };
    }
}

/** Answers a function call (invoke), or undefined when the mock runtime knows nothing of it. */
export type InvokeAnswer = (token: string, inputs: Record<string, unknown>) => Record<string, unknown> | undefined;

export class ResourceRecorder implements pulumi.runtime.Mocks {
    readonly resources: RegisteredResource[] = [];

    constructor(protected readonly preview: boolean, private readonly invoke?: InvokeAnswer) {}

    newResource(args: pulumi.runtime.MockResourceArgs): { id: string | undefined; state: Record<string, unknown> } {
        this.resources.push({ type: args.type, name: args.name, inputs: args.inputs });
        if (this.preview) return { id: undefined, state: { ...args.inputs } };
        return { id: `${args.name}-id`, state: computedState(args.type, args.name, args.inputs) };
    }

    /** Offline there is nothing to ask: unknown functions answer nothing (EC2 instance data stays unknown). */
    call(args: pulumi.runtime.MockCallArgs): Record<string, unknown> {
        return this.invoke?.(args.token, args.inputs) ?? {};
    }

    /** The resources of one type. */
    ofType(type: string): RegisteredResource[] {
        return this.resources.filter((r) => r.type === type);
    }
}

/** Installs the mock runtime; every resource declared afterwards is recorded. */
export async function mockRuntime(options: { preview: boolean; project?: string; stack?: string; invoke?: InvokeAnswer }): Promise<ResourceRecorder> {
    const recorder = new ResourceRecorder(options.preview, options.invoke);
    await pulumi.runtime.setMocks(recorder, options.project ?? "eks-nodegroup", options.stack ?? "plan", options.preview);
    return recorder;
}

/** True for a value the engine does not know yet, as mocks record it. */
export function isUnknownValue(v: unknown): boolean {
    return (typeof v === "object" && v !== null && (v as { __pulumiUnknown?: boolean }).__pulumiUnknown === true)
        || v === pulumi.runtime.unknownValue;
}
