// A plan, for a person or as JSON.
import * as pulumi from "@pulumi/pulumi";
import { stringify } from "yaml";
import type { Impact } from "../impact/classify";
import { isUnknownValue } from "../validate/mockruntime";
import { Plan } from "../validate/index";

const KNOWN_AFTER_APPLY = "(known after apply)";
const SECRET = "[secret]";

/** A secret as the mock runtime records it (the engine's envelope): a plan prints it as [secret], never its value. */
function isSecretEnvelope(value: unknown): boolean {
    return typeof value === "object" && value !== null && pulumi.runtime.isRpcSecret(value);
}

function displayable(value: unknown, path = ""): unknown {
    if (isUnknownValue(value)) return KNOWN_AFTER_APPLY;
    if (isSecretEnvelope(value)) return SECRET;
    if (path === "userData" && typeof value === "string") return `(base64, ${value.length} characters: the user data below)`;
    if (Array.isArray(value)) return value.map((v) => displayable(v));
    if (typeof value === "object" && value !== null) {
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, displayable(v, path === "" ? k : `${path}.${k}`)]));
    }
    return value;
}

function indent(text: string, prefix: string): string {
    return text.replace(/\n$/, "").split("\n").map((l) => prefix + l).join("\n");
}

export function formatPlan(plan: Plan, source: string): string {
    const out: string[] = [`Plan for ManagedNodeGroup "${plan.name}" (${source})`, ""];
    if (plan.valid) {
        for (const r of plan.resources) {
            out.push(`+ ${r.type} "${r.name}"`, indent(stringify(displayable(r.inputs), { lineWidth: 0 }), "    "));
            if (Object.keys(r.options).length > 0) out.push("  resource options:", indent(stringify(r.options, { lineWidth: 0 }), "    "));
            out.push("");
        }
        out.push(plan.amiType ? `AMI type: ${plan.amiType} (EKS-optimized AMI; EKS merges its bootstrap)` : "AMI: custom (the user data carries the whole bootstrap)");
        if (plan.userData === undefined) out.push("User data: known after apply (it depends on values unknown at preview)");
        else if (plan.userData === null) out.push("User data: none");
        else out.push(`User data (decoded, ${Buffer.byteLength(plan.userData)} bytes):`, indent(plan.userData.replace(/\r\n/g, "\n"), "  | "));
        out.push("");
    }
    const errors = plan.diagnostics.filter((d) => d.severity === "error");
    const warnings = plan.diagnostics.filter((d) => d.severity === "warning");
    if (plan.diagnostics.length > 0) {
        out.push("Diagnostics:");
        for (const d of [...errors, ...warnings]) out.push(`  ${d.severity.padEnd(7)} [${d.ruleId}] ${d.property}`, indent(d.message, "          "));
        out.push("");
    }
    out.push(plan.valid
        ? `Valid: ${plan.resources.length} resources, ${warnings.length} warning${warnings.length === 1 ? "" : "s"}.`
        : `Invalid: ${errors.length} error${errors.length === 1 ? "" : "s"}, ${warnings.length} warning${warnings.length === 1 ? "" : "s"}; nothing would be created.`);
    return out.join("\n") + "\n";
}

export function planJson(plan: Plan, source: string, impact?: Impact): string {
    const replacer = (_k: string, v: unknown) => (isUnknownValue(v) ? KNOWN_AFTER_APPLY : isSecretEnvelope(v) ? SECRET : v);
    return JSON.stringify({ source, ...plan, userData: plan.userData === undefined ? KNOWN_AFTER_APPLY : plan.userData, ...(impact ? { impact } : {}) }, replacer, 2) + "\n";
}
