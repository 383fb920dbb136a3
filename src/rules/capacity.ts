// Reserved capacity — On-Demand Capacity Reservations and Capacity Blocks — and the market
// options EKS leaves to the node group's capacityType.
import { groupInstanceTypes } from "../facts/instancetypes";
import { Rule } from "./rule";
import { arr, isSet, isUnknown, obj, show } from "../base/values";

const CAPACITY_BLOCK = "CAPACITY_BLOCK";

export const capacityRules: Rule[] = [
    {
        id: "lt-market-options",
        severity: "error",
        paths: ["launchTemplate.instanceMarketOptions.marketType", "nodeGroup.capacityType"],
        summary: "Market options EKS refuses: spot in the template (Spot is the node group's capacityType), or a Capacity Block market type and capacityType that do not go together.",
        check(s, report) {
            const options = s.launchTemplate.instanceMarketOptions;
            const capacityType = s.nodeGroup.capacityType;
            if (isUnknown(options) || isUnknown(capacityType)) return;
            const market = obj(options)?.marketType;
            if (isUnknown(market)) return;
            if (market === "spot") {
                report("launchTemplate.instanceMarketOptions.marketType", "EKS refuses a launch template with spot market options: " +
                    "Spot capacity is the node group's choice. Remove instanceMarketOptions and set capacityType SPOT.");
            } else if (market === "capacity-block" && capacityType !== CAPACITY_BLOCK) {
                report("nodeGroup.capacityType", `The template buys from a Capacity Block but capacityType is ${show(capacityType ?? "ON_DEMAND")}; ` +
                    "EKS refuses the pair. Set capacityType CAPACITY_BLOCK.");
            } else if (capacityType === CAPACITY_BLOCK && market !== "capacity-block") {
                report("launchTemplate.instanceMarketOptions.marketType", "capacityType CAPACITY_BLOCK needs the template's " +
                    "instanceMarketOptions.marketType capacity-block, or the instances launch On-Demand outside the block " +
                    `(it is ${isSet(market) ? show(market) : "unset"}).`);
            }
        },
    },
    {
        id: "capacity-block-settings",
        severity: "error",
        paths: ["nodeGroup.capacityType", "launchTemplate.capacityReservationSpecification.capacityReservationTarget", "instanceTypes"],
        summary: "capacityType CAPACITY_BLOCK without a reservation target, or without exactly one instance type in the template.",
        check(s, report) {
            if (s.nodeGroup.capacityType !== CAPACITY_BLOCK) return;
            const spec = s.launchTemplate.capacityReservationSpecification;
            const target = obj(obj(spec)?.capacityReservationTarget);
            if (!isUnknown(spec) && !isUnknown(obj(spec)?.capacityReservationTarget)
                && !isSet(target?.capacityReservationId) && !isSet(target?.capacityReservationResourceGroupArn)) {
                report("launchTemplate.capacityReservationSpecification.capacityReservationTarget", "A Capacity Block group launches only " +
                    "into its reservation: set capacityReservationSpecification.capacityReservationTarget.capacityReservationId to the " +
                    "block's id (cr-…).");
            }
            const listed = s.nodeGroup.instanceTypes;
            // An empty list gives no type, as none does: EKS would fall back to its default.
            const given = isSet(listed) && (arr(listed)?.length ?? 1) > 0;
            if (given && isSet(s.launchTemplate.instanceType)) return; // ng-instance-types-conflict says it
            const types = groupInstanceTypes(s.launchTemplate, s.nodeGroup);
            if (isUnknown(types)) return;
            const count = arr(types)?.length ?? 0;
            if (given && count !== 1) {
                report("instanceTypes", `A Capacity Block reserves one instance type; ${count} are listed. Keep the block's type only.`);
            } else if (!given && !isSet(s.launchTemplate.instanceType)) {
                report("instanceTypes", "A Capacity Block reserves one instance type, and none is given (EKS's default t3.medium is " +
                    "not the block's). Give the block's instance type.");
            } else if (given && s.component === undefined) {
                // A raw node group: the type belongs in the template (the component moves it there itself).
                report("nodeGroup.instanceTypes", "With capacityType CAPACITY_BLOCK, EKS takes the instance type from the launch template " +
                    "only: move it to the template's instanceType and leave instanceTypes unset.");
            }
        },
    },
    {
        id: "lt-capacity-reservation",
        severity: "error",
        paths: ["launchTemplate.capacityReservationSpecification"],
        summary: "A capacity reservation specification with both a preference and a target, or a target naming both a reservation and a resource group.",
        check(s, report) {
            const spec = obj(s.launchTemplate.capacityReservationSpecification);
            if (spec === undefined) return;
            const target = obj(spec.capacityReservationTarget);
            if (isSet(spec.capacityReservationPreference) && isSet(spec.capacityReservationTarget)) {
                report("launchTemplate.capacityReservationSpecification", "EC2 takes a capacity reservation preference or a target, " +
                    "not both. Keep capacityReservationTarget to launch into that reservation, or the preference alone.");
            }
            if (isSet(target?.capacityReservationId) && isSet(target?.capacityReservationResourceGroupArn)) {
                report("launchTemplate.capacityReservationSpecification.capacityReservationTarget", "A target names one reservation or " +
                    "one resource group, not both. Keep capacityReservationId or capacityReservationResourceGroupArn.");
            }
        },
    },
];
