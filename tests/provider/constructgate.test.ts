// The gate an invalid construct waits at (src/provider/constructgate.ts): it fails only once every
// other construct the process was handed has its answer, and all the invalid ones fail together.
// Driven by promises and events alone: nothing here waits for time.
import { expect } from "chai";
import { ConstructGate, currentTicket, withTicket } from "../../src/provider/constructgate";
import { countConstructs } from "../../src/provider/dispatch";

/** Settles the microtask queue: every reaction already queued has run. */
const drained = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe("construct gate", () => {
    it("releases a failing construct at once when it is the only one", async () => {
        const gate = new ConstructGate();
        const bad = gate.arrive();
        let released = false;
        void bad.failWithOthers().then(() => { released = true; });
        await drained();
        expect(released).to.equal(true);
        expect(gate.inProgress).to.equal(0);
    });

    it("holds a failing construct until every working one has answered", async () => {
        const gate = new ConstructGate();
        const bad = gate.arrive();
        const good = [gate.arrive(), gate.arrive()];
        const events: string[] = [];
        void bad.failWithOthers().then(() => events.push("bad fails"));
        await drained();
        expect(events).to.deep.equal([]);
        good[0].answered();
        events.push("good 0 answered");
        await drained();
        expect(events).to.deep.equal(["good 0 answered"]);
        good[1].answered();
        events.push("good 1 answered");
        await drained();
        expect(events).to.deep.equal(["good 0 answered", "good 1 answered", "bad fails"]);
    });

    it("releases every failing construct in the same turn, whatever order they arrived and failed in", async () => {
        for (const order of [[0, 1, 2], [2, 0, 1], [1, 2, 0]]) {
            const gate = new ConstructGate();
            const tickets = [gate.arrive(), gate.arrive(), gate.arrive()];
            const good = gate.arrive();
            const released: number[] = [];
            for (const i of order) void tickets[i].failWithOthers().then(() => released.push(i));
            await drained();
            expect(released, `order ${order}`).to.deep.equal([]);
            good.answered();
            // Released together: all three in the microtasks that follow the answer, before any I/O.
            await Promise.resolve();
            await Promise.resolve();
            expect(released.slice().sort(), `order ${order}`).to.deep.equal([0, 1, 2]);
        }
    });

    it("counts a construct arriving while others wait, and an answer given twice once", async () => {
        const gate = new ConstructGate();
        const bad = gate.arrive();
        const late = gate.arrive();
        let released = false;
        void bad.failWithOthers().then(() => { released = true; });
        late.answered();
        late.answered();
        await drained();
        expect(released).to.equal(true);
        expect(gate.inProgress).to.equal(0);
        // A failed construct's own answer does not count it out a second time.
        bad.answered();
        const next = gate.arrive();
        expect(gate.inProgress).to.equal(1);
        next.answered();
        expect(gate.inProgress).to.equal(0);
    });

    it("keeps each construct's ticket in its own asynchronous context", async () => {
        const gate = new ConstructGate();
        const [a, b] = [gate.arrive(), gate.arrive()];
        const seen = await Promise.all([
            withTicket(a, async () => { await drained(); return currentTicket(); }),
            withTicket(b, async () => { await drained(); return currentTicket(); }),
        ]);
        expect(seen[0]).to.equal(a);
        expect(seen[1]).to.equal(b);
        expect(currentTicket()).to.equal(undefined);
    });
});

describe("construct dispatch", () => {
    it("counts each Construct from the server's hand-over to its callback, and leaves grpc-js as it was", async () => {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const grpc = require("@grpc/grpc-js") as typeof import("@grpc/grpc-js");
        const addService = grpc.Server.prototype.addService;
        const gate = new ConstructGate();
        const seen: Array<ReturnType<typeof currentTicket>> = [];
        const callbacks: Array<() => void> = [];
        const implementation = {
            construct(_call: unknown, callback: (e: unknown, r?: unknown) => void) { seen.push(currentTicket()); callbacks.push(() => callback(null, "ok")); },
            getSchema() { /* another handler: left alone */ },
        };
        const originalGetSchema = implementation.getSchema;
        const service = { construct: { path: "/x/Construct", requestStream: false, responseStream: false, requestSerialize: String, requestDeserialize: String, responseSerialize: String, responseDeserialize: String } };
        let server: import("@grpc/grpc-js").Server | undefined;
        countConstructs(gate, () => { server = new grpc.Server(); server.addService(service as never, implementation as never); });
        expect(grpc.Server.prototype.addService).to.equal(addService);
        expect(implementation.getSchema).to.equal(originalGetSchema);
        const answers: unknown[] = [];
        implementation.construct({}, (_e, r) => answers.push(r));
        implementation.construct({}, (_e, r) => answers.push(r));
        expect(gate.inProgress).to.equal(2);
        expect(seen[0]).to.not.equal(undefined);
        expect(seen[0]).to.not.equal(seen[1]);
        callbacks[0]();
        expect(answers).to.deep.equal(["ok"]);
        expect(gate.inProgress).to.equal(1);
        callbacks[1]();
        expect(gate.inProgress).to.equal(0);
        server!.forceShutdown();
    });

    it("refuses to serve when the SDK registers no construct handler (a changed SDK), rather than serve ungated", () => {
        expect(() => countConstructs(new ConstructGate(), () => undefined)).to.throw(/expected @pulumi\/pulumi's provider server to register one construct handler, saw 0/);
    });
});
