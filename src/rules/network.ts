// Network interfaces as EC2 has them — several per instance (EFA: one per network card),
// one per (card, device index), the primary on card 0 device 0 — and what EFA needs around them.
import { factsOfAll, groupInstanceTypes, instanceTypeFacts } from "../facts/instancetypes";
import { Rule, Subject } from "./rule";
import { arr, isSet, isUnknown, num, obj, show, str } from "../base/values";

interface Slot {
    index: number;
    card: number | undefined;
    device: number | undefined;
    type: unknown;
}

/** The template's interfaces with the card and device EC2 reads (absent: 0); unknown indexes stay undefined. */
function slotsOf(s: Subject): Slot[] {
    return (arr(s.launchTemplate.networkInterfaces) ?? []).map((ni, index) => {
        // An interface not known yet takes a slot not known yet (its indexes are not 0 by default then).
        if (isUnknown(ni)) return { index, card: undefined, device: undefined, type: ni };
        const n = obj(ni) ?? {};
        const index0 = (v: unknown) => (isSet(v) ? num(v) : 0);
        return { index, card: index0(n.networkCardIndex), device: index0(n.deviceIndex), type: n.interfaceType };
    });
}

const isEfaType = (t: unknown) => t === "efa" || t === "efa-only";

/** EFA is asked for: an efa or efa-only interface, or the component's efa shortcut. */
function usesEfa(s: Subject): boolean {
    return isSet(s.launchTemplate.efa) || slotsOf(s).some((slot) => isEfaType(slot.type));
}

/** Where an EFA finding points: the shortcut when used, else the interfaces. */
const efaPath = (s: Subject) => (isSet(s.launchTemplate.efa) ? "launchTemplate.efa" : "launchTemplate.networkInterfaces");

/** The group's instance types with their table facts, when every type is known and in the table (else the check waits or cannot tell). */
function everyTypeInTable(s: Subject) {
    const types = groupInstanceTypes(s.launchTemplate, s.nodeGroup);
    return isUnknown(types) ? undefined : factsOfAll(types);
}

export const networkRules: Rule[] = [
    {
        id: "lt-network-interface-slots",
        severity: "error",
        paths: ["launchTemplate.networkInterfaces[].networkCardIndex", "launchTemplate.networkInterfaces[].deviceIndex"],
        summary: "Two network interfaces on the same network card and device index, or an efa-only interface as the primary (card 0, device 0).",
        check(s, report) {
            const seen = new Map<string, number>();
            for (const slot of slotsOf(s)) {
                if (slot.card === undefined || slot.device === undefined) continue;
                const key = `${slot.card}/${slot.device}`;
                const first = seen.get(key);
                if (first !== undefined) {
                    report(`launchTemplate.networkInterfaces[${slot.index}]`, `Interfaces ${first} and ${slot.index} both take device index ` +
                        `${slot.device} on network card ${slot.card}; EC2 attaches one interface per device index of a card. Give each ` +
                        "its own deviceIndex (EFA: one interface per networkCardIndex, device 0 on card 0 and 1 on the others).");
                } else {
                    seen.set(key, slot.index);
                }
                if (slot.card === 0 && slot.device === 0 && slot.type === "efa-only") {
                    report(`launchTemplate.networkInterfaces[${slot.index}].interfaceType`, "The interface on network card 0, device 0 " +
                        "is the instance's primary, which carries its IP address; an efa-only interface has none, and EC2 refuses it " +
                        "there. Make it interface or efa, and use efa-only on the other cards.");
                }
            }
        },
    },
    {
        id: "lt-network-cards",
        severity: "error",
        paths: ["launchTemplate.networkInterfaces[].networkCardIndex", "instanceTypes"],
        summary: "Network interfaces beyond the instance type's network cards, or more on one card than it takes.",
        check(s, report) {
            const slots = slotsOf(s);
            const types = slots.length > 0 ? everyTypeInTable(s) : undefined;
            if (types === undefined) return;
            for (const { type, facts } of types) {
                const perCard = new Map<number, number>();
                for (const slot of slots) {
                    if (slot.card === undefined) continue;
                    if (slot.card >= facts.cards.length) {
                        report(`launchTemplate.networkInterfaces[${slot.index}].networkCardIndex`, `${show(type)} has ` +
                            `${facts.cards.length} network card${facts.cards.length === 1 ? "" : "s"} (0–${facts.cards.length - 1}); ` +
                            `card ${slot.card} does not exist and the instance does not launch. Drop the interface or pick a type with more cards.`);
                    }
                    perCard.set(slot.card, (perCard.get(slot.card) ?? 0) + 1);
                }
                for (const [card, count] of perCard) {
                    const limit = facts.cards[card];
                    if (limit !== undefined && count > limit) {
                        report("launchTemplate.networkInterfaces", `${count} interfaces on network card ${card}, which takes ${limit} on ` +
                            `${show(type)}; the instance does not launch. Spread them over the type's cards or use fewer.`);
                    }
                }
            }
        },
    },
    {
        id: "efa-instance-type",
        severity: "error",
        paths: ["launchTemplate.efa", "launchTemplate.networkInterfaces[].interfaceType", "instanceTypes"],
        summary: "EFA interfaces on an instance type without EFA, or the efa shortcut for a type the instance table does not know.",
        check(s, report) {
            if (!usesEfa(s)) return;
            const types = groupInstanceTypes(s.launchTemplate, s.nodeGroup);
            if (isUnknown(types)) return;
            for (const t of arr(types) ?? []) {
                if (typeof t !== "string") continue;
                const facts = instanceTypeFacts(t);
                if (facts?.efa === false) {
                    report(efaPath(s), `${show(t)} has no Elastic Fabric Adapter; EC2 refuses an efa interface on it. Use an EFA ` +
                        "type (p4d, p5, p5en, trn1, trn2, hpc, c5n.18xlarge, …) or interfaceType interface.");
                } else if (facts === undefined && isSet(s.launchTemplate.efa)) {
                    report("launchTemplate.efa", `${show(t)} is not in the instance table this package ships, so the efa shortcut ` +
                        "cannot tell how many network cards it has. List the interfaces in launchTemplate.networkInterfaces " +
                        "(interfaceType efa, one per networkCardIndex).");
                }
            }
        },
    },
    {
        id: "efa-settings",
        doors: ["component"],
        severity: "error",
        paths: ["launchTemplate.efa", "launchTemplate.networkInterfaces", "launchTemplate.vpcSecurityGroupIds", "cluster.vpcId"],
        summary: "The efa shortcut beside its own interfaces or instance-level security groups, or without a VPC for the security group it creates.",
        check(s, report) {
            const efa = s.launchTemplate.efa;
            if (!isSet(efa) || isUnknown(efa)) return;
            const given = obj(s.component?.args)?.launchTemplate;
            if ((arr(obj(given)?.networkInterfaces)?.length ?? 0) > 0) {
                report("launchTemplate.networkInterfaces", "efa builds the template's interfaces (one per network card); networkInterfaces " +
                    "would be a second list. Keep one: efa, or the interfaces written out.");
            }
            if ((arr(s.launchTemplate.vpcSecurityGroupIds)?.length ?? 0) > 0) {
                report("launchTemplate.vpcSecurityGroupIds", "With interfaces in the template EC2 takes security groups only on them; " +
                    "move these groups to launchTemplate.efa.securityGroups.");
            }
            const e = obj(efa) ?? {};
            const vpcId = e.vpcId ?? s.component?.cluster?.vpcId;
            if (!isSet(e.securityGroups) && !isSet(vpcId) && !isUnknown(s.component?.cluster)) {
                report("launchTemplate.efa.vpcId", "The component creates the EFA security group (all traffic to and from itself) in the " +
                    "cluster's VPC, which it was not given. Set cluster.vpcId (fromEksCluster fills it), launchTemplate.efa.vpcId, " +
                    "or launchTemplate.efa.securityGroups.");
            }
        },
    },
    {
        id: "efa-placement",
        severity: "warning",
        paths: ["launchTemplate.placement.groupName", "subnetIds"],
        summary: "EFA without a cluster placement group, or over subnets that may lie in several Availability Zones.",
        check(s, report) {
            if (!usesEfa(s)) return;
            const placement = obj(s.launchTemplate.placement);
            if (!isUnknown(s.launchTemplate.placement) && !isSet(placement?.groupName)) {
                report("launchTemplate.placement.groupName", "EFA traffic needs the nodes close together: without a cluster placement group " +
                    "the collective operations run slow or fail to start. Set placement.createClusterGroup, or placement.groupName.");
            }
            const subnets = arr(s.nodeGroup.subnetIds);
            if (subnets !== undefined && subnets.length > 1) {
                report("nodeGroup.subnetIds", `EFA traffic does not cross Availability Zones, and ${subnets.length} subnets are given; ` +
                    "unless they are all in one AZ, nodes land apart. Give the subnets of one AZ.");
            }
        },
    },
    {
        id: "lt-placement",
        doors: ["component"],
        severity: "error",
        paths: ["launchTemplate.placement"],
        summary: "A placement group both named and to be created.",
        check(s, report) {
            const given = obj(obj(obj(s.component?.args)?.launchTemplate)?.placement);
            if (given?.createClusterGroup === true && isSet(given.groupName)) {
                report("launchTemplate.placement", `placement names the group ${show(str(given.groupName) ?? given.groupName)} and asks for a new ` +
                    "one (createClusterGroup). Keep one.");
            }
        },
    },
];
