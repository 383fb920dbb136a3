// Counting Construct calls where the gRPC server hands them over, not where the SDK's provider
// server reaches our `construct`: between the two it connects to the engine's monitor and
// deserializes the inputs (several round trips), and a construct in that stretch would be invisible
// to the gate (src/provider/constructgate.ts) that an invalid sibling waits on.
//
// @pulumi/pulumi's provider server registers its handlers with grpc-js's Server.addService inside
// `provider.main`, synchronously, before main's first await; that one call is wrapped, for that one
// synchronous stretch, so the server's `construct` handler gets a ticket when it is called and
// answers it when it calls back. Everything else the server does is untouched.
import * as path from "path";
import { ConstructGate, withTicket } from "./constructgate";

type Callback = (error: unknown, response?: unknown) => void;
type Handler = (this: unknown, call: unknown, callback: Callback) => unknown;
interface GrpcServerClass { prototype: { addService(service: object, implementation: Record<string, unknown>): void } }

/** Calls `start` (which must call `provider.main`) with every Construct the server receives counted by `gate`. */
export function countConstructs<T>(gate: ConstructGate, start: () => T): T {
    // The grpc-js that @pulumi/pulumi itself loads, whichever copy npm placed where.
    const sdkDir = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { Server } = require(require.resolve("@grpc/grpc-js", { paths: [sdkDir] })) as { Server: GrpcServerClass };
    const addService = Server.prototype.addService;
    let wrapped = 0;
    Server.prototype.addService = function (this: unknown, service: object, implementation: Record<string, unknown>): void {
        const construct = implementation.construct as Handler | undefined;
        if (typeof construct === "function") {
            wrapped++;
            // An own property on the server object: its other handlers and its state stay as they are.
            implementation.construct = function (this: unknown, call: unknown, callback: Callback): unknown {
                const ticket = gate.arrive();
                return withTicket(ticket, () => construct.call(this, call, (error, response) => {
                    callback(error, response);
                    ticket.answered();
                }));
            };
        }
        return addService.call(this, service, implementation);
    };
    try {
        return start();
    } finally {
        Server.prototype.addService = addService;
        // The SDK changed how it serves: fail loudly rather than serve with no gate at all.
        if (wrapped !== 1) throw new Error(`eks-nodegroup: expected @pulumi/pulumi's provider server to register one construct handler, saw ${wrapped}`);
    }
}
