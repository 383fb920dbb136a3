// The component provider, for Pulumi programs in other languages: `pulumi-resource-eks-nodegroup`
// (and PulumiPlugin.yaml with a full Pulumi install) serve ManagedNodeGroup through it.
//
// It answers GetSchema with the committed schema.json (tests/provider/schema.test.ts ties that file
// to the code), never analysing the TypeScript sources at start: the engine starts this process
// twice per preview (once for the schema, once to construct), and the analyzer took ~4.5 s each
// time. The component itself is loaded on the first Construct, so the schema-only process loads
// little more than the gRPC server.
import { readFileSync } from "fs";
import * as path from "path";
import type * as pulumi from "@pulumi/pulumi";
import type { ConstructResult, Provider } from "@pulumi/pulumi/provider";
import type { ManagedNodeGroupArgs } from "../args";
import { ConstructGate, currentTicket } from "./constructgate";
import { countConstructs } from "./dispatch";
import { deferUnusedSdkModules } from "../base/lazysdk";

export const PACKAGE_NAME = "eks-nodegroup";
/** The package root: package.json, tsconfig.json and schema.json. */
export const PACKAGE_DIR = path.resolve(__dirname, "..", "..");
export const SCHEMA_FILE = path.join(PACKAGE_DIR, "schema.json");

interface SchemaResource { isComponent?: boolean; properties?: Record<string, unknown> }
interface Schema { name: string; version?: string; resources?: Record<string, SchemaResource> }

/** The provider the engine talks to: the committed schema, and Construct for each component in it. */
export class NodeGroupProvider implements Provider {
    readonly schema: string;
    readonly version: string;
    /** Each component's token → the outputs its schema declares (what Construct returns). */
    private readonly outputs: Map<string, string[]>;
    /** The constructs this process is answering: an invalid one fails once the others have their answers. */
    readonly constructs = new ConstructGate();

    constructor(schemaText: string = readFileSync(SCHEMA_FILE, "utf8")) {
        const schema = JSON.parse(schemaText) as Schema;
        if (schema.name !== PACKAGE_NAME) throw new Error(`${SCHEMA_FILE} is not the ${PACKAGE_NAME} schema (name: ${schema.name})`);
        this.schema = schemaText;
        this.version = schema.version ?? "0.0.0";
        this.outputs = new Map(Object.entries(schema.resources ?? {})
            .filter(([, r]) => r.isComponent === true)
            .map(([token, r]) => [token, Object.keys(r.properties ?? {})]));
    }

    async construct(name: string, type: string, inputs: pulumi.Inputs, options: pulumi.ComponentResourceOptions): Promise<ConstructResult> {
        const outputs = this.outputs.get(type);
        if (outputs === undefined) throw new Error(`unknown resource type ${type}; this provider serves ${[...this.outputs.keys()].join(", ")}`);
        // Loaded on the first construct: the schema-only process never needs them (see the top of this file).
        /* eslint-disable @typescript-eslint/no-require-imports */
        const { childrenOf, constructForCaller } = require("../component") as typeof import("../component");
        const { constructFailure } = require("../model/diagnostics") as typeof import("../model/diagnostics");
        /* eslint-enable @typescript-eslint/no-require-imports */
        // Counted from the gRPC server's hand-over when served (src/provider/dispatch.ts); from here
        // when called directly.
        const handedOver = currentTicket();
        const ticket = handedOver ?? this.constructs.arrive();
        try {
            const component = constructForCaller(name, inputs as unknown as ManagedNodeGroupArgs, options);
            // An invalid definition fails this construct alone, with its rule errors as the engine's
            // invalid-property failure: nothing is read from a rejected component (each output read
            // would be one more rejection), and the children's promise is awaited here, handled. The
            // failure waits until every other construct of this process has its answer (see
            // constructgate.ts): the engine stops the deployment at the first failed construct.
            try {
                await childrenOf(component);
            } catch (e) {
                await ticket.failWithOthers();
                throw constructFailure(e);
            }
            const state: pulumi.Inputs = {};
            for (const key of outputs) state[key] = (component as unknown as Record<string, pulumi.Input<unknown>>)[key];
            return { urn: component.urn, state };
        } finally {
            if (handedOver === undefined) ticket.answered();
        }
    }
}

/** Serves the provider on the engine's behalf (the executable's entry). */
export function main(args: string[]): Promise<void> {
    return serve(new NodeGroupProvider(), args);
}

/** Serves `provider` as this process's provider, started the fast way (bench/floor-provider.js shares it). */
export async function serve(provider: Provider, args: string[]): Promise<void> {
    deferUnusedSdkModules();
    limitStackTraces();
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const server = require("@pulumi/pulumi/provider") as typeof import("@pulumi/pulumi/provider");
    const formatStack = Error.prepareStackTrace;
    const gate = provider instanceof NodeGroupProvider ? provider.constructs : new ConstructGate();
    const serving = countConstructs(gate, () => server.main(provider, args));
    // The server's first step installed source-map-support, which maps every frame of every stack
    // trace to the TypeScript sources when the trace is read — and the SDK reads one for each of the
    // hundreds of promises a construct makes (runtime/debuggable.js, for its leak report, which a
    // provider never prints). Measured: a third of the construct process's CPU at N = 50. Traces
    // keep V8's own format here: frames in bin/*.js, whose .js.map files stay beside them.
    Error.prepareStackTrace = formatStack;
    await serving;
}

/**
 * Stack traces in the provider process: none unless EKS_NODEGROUP_STACK_TRACES is set. The SDK
 * captures one for every promise it makes (runtime/debuggable.js, for a leak report a provider
 * never prints) — measured through the real engine, ~7 ms per node group at N = 50 (bench/engine.js).
 * The component's own errors carry no stack anyway (the rule messages are the point); set the
 * variable to see where an unexpected error came from.
 */
export function limitStackTraces(env: NodeJS.ProcessEnv = process.env): void {
    if (!env.EKS_NODEGROUP_STACK_TRACES) Error.stackTraceLimit = 0;
}

if (require.main === module) {
    void main(process.argv.slice(2));
}
