// GPU and ML node groups: EFA interfaces (one per network card), the EFA security group and the
// cluster placement group the component creates, Capacity Blocks and capacity reservations — read
// from the inputs the children were registered with.
import { expect } from "chai";
import { CapacityType, EfaSecondaryInterfaceType } from "../../src";
import { instanceTypeFacts } from "../../src/facts/instancetypes";
import { baseArgs, errorPaths, run } from "../support/harness";

const SG = "aws:ec2/securityGroup:SecurityGroup";
const PG = "aws:ec2/placementGroup:PlacementGroup";

const efaGroup = (efa: object = {}, extra: object = {}) => baseArgs({
    instanceTypes: ["p5.48xlarge"],
    subnetIds: ["subnet-a"],
    cluster: { ...baseArgs().cluster, vpcId: "vpc-1" },
    launchTemplate: { efa, placement: { createClusterGroup: true } },
    ...extra,
});

describe("EFA", () => {
    it("writes one interface per network card of the type: efa on card 0 device 0, the others on device 1", async () => {
        const r = await run(() => efaGroup(), { preview: false });
        expect(r.error).to.equal(undefined);
        expect(r.warnings).to.deep.equal([]);
        const nis = r.launchTemplate!.inputs.networkInterfaces as Record<string, unknown>[];
        expect(nis).to.have.length(instanceTypeFacts("p5.48xlarge")!.cards.length).and.length(32);
        expect(nis[0]).to.include({ interfaceType: "efa", networkCardIndex: 0, deviceIndex: 0, deleteOnTermination: "true" });
        nis.slice(1).forEach((ni, i) => expect(ni).to.include({ interfaceType: "efa", networkCardIndex: i + 1, deviceIndex: 1 }));
        // The created EFA group and the cluster group on every interface; none on the instance.
        for (const ni of nis) expect(ni.securityGroups).to.deep.equal(["ng-efa-id", "sg-cluster"]);
        expect(r.launchTemplate!.inputs.vpcSecurityGroupIds).to.equal(undefined);
    });

    it("creates a security group that allows all traffic to and from itself, in the cluster's VPC", async () => {
        const r = await run(() => efaGroup(), { preview: false });
        const [sg] = r.recorder.ofType(SG);
        expect(sg.inputs.vpcId).to.equal("vpc-1");
        const self = [{ protocol: "-1", fromPort: 0, toPort: 0, self: true }];
        expect(sg.inputs.ingress).to.deep.equal(self);
        expect(sg.inputs.egress).to.deep.equal(self);
    });

    it("creates a cluster placement group and places the nodes in it", async () => {
        const r = await run(() => efaGroup(), { preview: false });
        const [pg] = r.recorder.ofType(PG);
        expect(pg.inputs.strategy).to.equal("cluster");
        expect(r.launchTemplate!.inputs.placement).to.deep.equal({ groupName: `${pg.name}-20261125` });
    });

    it("uses efa-only on the other cards on request, and the user's security groups instead of creating one", async () => {
        const r = await run(() => efaGroup({ secondaryInterfaceType: EfaSecondaryInterfaceType.EfaOnly, securityGroups: ["sg-efa"] }), { preview: true });
        expect(r.error).to.equal(undefined);
        const nis = r.launchTemplate!.inputs.networkInterfaces as Record<string, unknown>[];
        expect(nis.map((n) => n.interfaceType)).to.deep.equal(["efa", ...Array(31).fill("efa-only")]);
        expect(nis[5].securityGroups).to.deep.equal(["sg-efa", "sg-cluster"]);
        expect(r.recorder.ofType(SG)).to.deep.equal([]);
    });

    it("takes the fewest cards over the group's types (p4d.24xlarge: 4)", async () => {
        const r = await run(() => efaGroup({}, { instanceTypes: ["p5.48xlarge", "p4d.24xlarge"] }), { preview: true });
        expect(r.error).to.equal(undefined);
        expect(r.launchTemplate!.inputs.networkInterfaces).to.have.length(4);
    });

    it("is refused on a type without EFA, and warned about without a placement group", async () => {
        const m5 = await run(() => efaGroup({}, { instanceTypes: ["m5.large"] }), { preview: true });
        expect(errorPaths(m5)).to.include("launchTemplate.efa");
        const loose = await run(() => baseArgs({ instanceTypes: ["p5.48xlarge"], cluster: { ...baseArgs().cluster, vpcId: "vpc-1" }, launchTemplate: { efa: {} } }), { preview: true });
        expect(loose.error).to.equal(undefined);
        expect(loose.warnings.map((w) => w.split(":")[0]).sort()).to.deep.equal(["[efa-placement] launchTemplate.placement.groupName", "[efa-placement] subnetIds"]);
    });
});

describe("network interfaces written out", () => {
    it("numbers device indexes per card when the user gives none, and keeps the user's", async () => {
        const r = await run(() => baseArgs({
            instanceTypes: ["p4d.24xlarge"],
            launchTemplate: { networkInterfaces: [
                { interfaceType: "efa" as never, securityGroups: ["sg-1"], associatePublicIpAddress: false },
                { interfaceType: "efa" as never, networkCardIndex: 1, securityGroups: ["sg-1"] },
                { networkCardIndex: 1, securityGroups: ["sg-1"], ipv4PrefixCount: 2 },
                { networkCardIndex: 2, deviceIndex: 3, securityGroups: ["sg-1"] },
            ] },
        }), { preview: true });
        expect(r.error).to.equal(undefined);
        const nis = r.launchTemplate!.inputs.networkInterfaces as Record<string, unknown>[];
        expect(nis.map((n) => [n.networkCardIndex ?? 0, n.deviceIndex])).to.deep.equal([[0, 0], [1, 1], [1, 2], [2, 3]]);
        expect(nis[0].associatePublicIpAddress).to.equal("false");
        expect(nis[2].ipv4PrefixCount).to.equal(2);
    });
});

describe("Capacity Blocks and reservations", () => {
    const block = (extra: object = {}) => baseArgs({
        capacityType: CapacityType.CapacityBlock,
        instanceTypes: ["p5.48xlarge"],
        launchTemplate: { capacityReservationSpecification: { capacityReservationTarget: { capacityReservationId: "cr-0123456789abcdef0" } } },
        ...extra,
    });

    it("writes the capacity-block market type and the target, and moves the one type into the template", async () => {
        const r = await run(() => block(), { preview: true });
        expect(r.error).to.equal(undefined);
        const lt = r.launchTemplate!.inputs;
        expect(lt.instanceMarketOptions).to.deep.equal({ marketType: "capacity-block" });
        expect(lt.capacityReservationSpecification).to.deep.equal({ capacityReservationTarget: { capacityReservationId: "cr-0123456789abcdef0" } });
        expect(lt.instanceType).to.equal("p5.48xlarge");
        expect(r.nodeGroup!.inputs.instanceTypes).to.equal(undefined);
        expect(r.nodeGroup!.inputs.capacityType).to.equal("CAPACITY_BLOCK");
    });

    it("is refused without a target or with two types", async () => {
        const noTarget = await run(() => block({ launchTemplate: {} }), { preview: true });
        expect(errorPaths(noTarget)).to.deep.equal(["launchTemplate.capacityReservationSpecification.capacityReservationTarget"]);
        const two = await run(() => block({ instanceTypes: ["p5.48xlarge", "p5en.48xlarge"] }), { preview: true });
        expect(errorPaths(two)).to.deep.equal(["instanceTypes"]);
    });

    it("targets an On-Demand Capacity Reservation on ON_DEMAND groups, and leaves the market options alone", async () => {
        const r = await run(() => baseArgs({
            instanceTypes: ["p4d.24xlarge"],
            launchTemplate: { capacityReservationSpecification: { capacityReservationTarget: { capacityReservationId: "cr-0aaaaaaaaaaaaaaaa" } } },
        }), { preview: true });
        expect(r.error).to.equal(undefined);
        expect(r.launchTemplate!.inputs.instanceMarketOptions).to.equal(undefined);
        expect(r.nodeGroup!.inputs.instanceTypes).to.deep.equal(["p4d.24xlarge"]);
    });

    it("refuses spot market options in the template, pointing to capacityType SPOT", async () => {
        const r = await run(() => baseArgs({ launchTemplate: { instanceMarketOptions: { marketType: "spot" } } }), { preview: true });
        expect(errorPaths(r)).to.deep.equal(["launchTemplate.instanceMarketOptions.marketType"]);
        expect(r.error!.errors[0].reason).to.contain("capacityType SPOT");
    });
});
