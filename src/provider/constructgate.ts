// Which Construct calls this provider process is answering, and when an invalid one may fail.
//
// The engine stops a deployment at the first Construct that fails: pkg/resource/deploy/source_eval.go
// (v3.260.0) logs the failure, sends on the resource monitor's abort channel and the deployment
// bails; every other Construct still running is then cut off when the monitor and the provider's
// connection close, and the engine prints "resource '<name>' has a problem: grpc: the client
// connection is closing" against groups that had nothing wrong with them. So an invalid node group
// fails only once every other Construct this process has been handed has its answer: a valid one
// its children registered and its response handed back, an invalid one its findings ready. Then the
// invalid ones fail together, each with its own findings, in one turn of the event loop.
//
// Nothing here waits for time: a construct counts from the moment the gRPC server hands it over
// (src/provider/dispatch.ts) to the moment its response is handed back. What the provider cannot
// see is a node group the program has not sent yet (one waiting on another resource's outputs): the
// engine stops the program before it is sent, as it does after any failed resource.
import { AsyncLocalStorage } from "async_hooks";

/** One Construct call, from its arrival to its answer. */
export interface ConstructTicket {
    /**
     * This construct is going to fail: resolves once no other construct is still working (each has
     * its answer, or is going to fail too). Every construct waiting here is released in the same turn.
     */
    failWithOthers(): Promise<void>;
    /** Its response (success or failure) was handed back; a second call does nothing. */
    answered(): void;
}

export class ConstructGate {
    /** Arrived, not answered, not waiting to fail. */
    private working = 0;
    private waiting: Array<() => void> = [];

    /** A construct arrived. */
    arrive(): ConstructTicket {
        this.working++;
        let state: "working" | "failing" | "answered" = "working";
        return {
            failWithOthers: () => {
                if (state !== "working") return Promise.resolve();
                state = "failing";
                const released = new Promise<void>((resolve) => this.waiting.push(resolve));
                this.leave();
                return released;
            },
            answered: () => {
                if (state === "answered") return;
                const wasWorking = state === "working";
                state = "answered";
                if (wasWorking) this.leave();
            },
        };
    }

    /** Constructs arrived and still working (for tests and diagnostics). */
    get inProgress(): number {
        return this.working;
    }

    private leave(): void {
        this.working--;
        if (this.working > 0) return;
        const release = this.waiting;
        this.waiting = [];
        for (const resolve of release) resolve();
    }
}

const current = new AsyncLocalStorage<ConstructTicket>();

/** Runs `fn` (the server's handling of one Construct) with `ticket` as the current construct. */
export function withTicket<T>(ticket: ConstructTicket, fn: () => T): T {
    return current.run(ticket, fn);
}

/** The construct being handled, when the gRPC server handed it over (src/provider/dispatch.ts). */
export function currentTicket(): ConstructTicket | undefined {
    return current.getStore();
}
