// The template's network interfaces as the component writes them: the user's, with the indexes EC2
// would otherwise guess made explicit, or — for `efa` — one interface per network card of the
// group's instance types. The same function serves the rules (plain values) and the builder
// (inputs, possibly Outputs), so both see the interfaces EC2 will get.
import { EfaSecondaryInterfaceType, InterfaceType } from "../args";
import { factsOfAll } from "../facts/instancetypes";
import { arr, isUnknown, obj } from "../base/values";

type Loose = Record<string, unknown>;

/**
 * Device indexes where the user gave none: an interface's position among those of its card, from
 * 0 on card 0 and from 1 on the others, as eksctl, terraform-aws-eks and the EC2 EFA guide number
 * them. Interfaces whose card is not known yet keep what they have.
 */
export function withDeviceIndexes(list: unknown[]): unknown[] {
    const next = new Map<number, number>();
    return list.map((ni) => {
        const n = obj(ni);
        if (n === undefined) return ni;
        const card = n.networkCardIndex ?? 0;
        if (typeof card !== "number") return ni;
        const position = next.get(card) ?? (card === 0 ? 0 : 1);
        next.set(card, position + 1);
        return n.deviceIndex === undefined || n.deviceIndex === null ? { ...n, deviceIndex: position } : n;
    });
}

/** The number of network cards every one of the types has, or undefined when a type is not in the table. */
export function efaCardCount(instanceTypes: unknown): number | undefined {
    const all = factsOfAll(instanceTypes);
    if (all === undefined || all.length === 0) return undefined;
    return Math.min(...all.map((a) => a.facts.cards.length));
}

/** One EFA interface per card: `efa` on card 0 (the primary), the chosen type on the others. */
export function efaInterfaces(cards: number, efa: Loose, securityGroups: unknown): Loose[] {
    const secondary = efa.secondaryInterfaceType ?? EfaSecondaryInterfaceType.Efa;
    return Array.from({ length: cards }, (_, card) => ({
        interfaceType: card === 0 ? InterfaceType.Efa : secondary,
        networkCardIndex: card,
        deviceIndex: card === 0 ? 0 : 1,
        securityGroups,
    }));
}

/** The interfaces the template gets, or undefined when it gets none (or, for efa, they cannot be known yet). */
export function templateInterfaces(launchTemplate: Loose, instanceTypes: unknown, efaGroups: unknown): unknown[] | undefined {
    const efa = obj(launchTemplate.efa);
    if (efa !== undefined) {
        const cards = isUnknown(instanceTypes) ? undefined : efaCardCount(instanceTypes);
        return cards === undefined ? undefined : efaInterfaces(cards, efa, efa.securityGroups ?? efaGroups);
    }
    const list = arr(launchTemplate.networkInterfaces);
    return list === undefined || list.length === 0 ? undefined : withDeviceIndexes(list);
}
