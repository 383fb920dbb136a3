// Findings as the component reports them: rule paths in the component's own vocabulary, errors
// together as one InputPropertiesError (the engine prints each property), warnings as log lines.
import { AsyncLocalStorage } from "async_hooks";
import * as pulumi from "@pulumi/pulumi";
import { Finding } from "../rules/rule";

/** A rule's Subject path as a ManagedNodeGroup argument path. */
export function componentPath(subjectPath: string): string {
    if (subjectPath === "*") return "";
    if (subjectPath.startsWith("nodeGroup.")) return subjectPath.slice("nodeGroup.".length);
    if (subjectPath === "launchTemplate.userData") return "launchTemplate.userData.content";
    return subjectPath;
}

export function describe(finding: Finding): string {
    return `[${finding.ruleId}] ${componentPath(finding.path)}: ${finding.message}`;
}

/**
 * All errors of one component, at once. It is an InputPropertiesError, which the provider server
 * turns into property errors for the engine (other languages), and it marks itself as a
 * ResourceError without stack, which a TypeScript program's runtime logs on the component. Its
 * message is fixed: the SDK prefixes "error serializing property" to a rejection's message at
 * every level it passes, and this one rejection passes through every child input.
 */
export function invalidArgsError(name: string, component: pulumi.Resource, errors: Finding[]): pulumi.InputPropertiesError {
    const message = `${invalidHeadline(name, errors)}:\n` + errors.map((e) => `  - ${describe(e)}`).join("\n");
    const error = new pulumi.InputPropertiesError({ message, errors: errors.map(propertyError) });
    Object.defineProperty(error, "message", { get: () => message, set: () => undefined });
    Object.assign(error, { __pulumResourceError: true, resource: component, hideStack: true });
    findingsOf.set(error, { name, errors });
    return error;
}

const findingsOf = new WeakMap<Error, { name: string; errors: Finding[] }>();

const invalidHeadline = (name: string, errors: Finding[]): string =>
    `ManagedNodeGroup "${name}" has ${errors.length} invalid ${errors.length === 1 ? "setting" : "settings"}`;

const propertyError = (e: Finding): { propertyPath: string; reason: string } => ({ propertyPath: componentPath(e.path), reason: `[${e.ruleId}] ${e.message}` });

/**
 * The component's errors as a Construct failure, each printed once. The engine prints the message,
 * then for each property error the property, its value and the reason — so the message holds only
 * the headline, and a finding whose value is secret stays in the message (the engine would print
 * the property's value beside it, secrets in plain text). Other errors pass through unchanged.
 */
export function constructFailure(e: unknown): unknown {
    const found = e instanceof Error ? findingsOf.get(e) : undefined;
    if (found === undefined) return e;
    const secret = found.errors.filter((f) => f.secret === true);
    const message = invalidHeadline(found.name, found.errors) + (secret.length === 0 ? "" : ":\n" + secret.map((f) => `  - ${describe(f)}`).join("\n"));
    return new pulumi.InputPropertiesError({ message, errors: found.errors.filter((f) => f.secret !== true).map(propertyError) });
}

export function isInvalidArgsError(e: unknown): boolean {
    return pulumi.InputPropertiesError.isInstance(e);
}

type WarningSink = (message: string, resource: pulumi.Resource) => void;
let warningSink: WarningSink = (message, resource) => void pulumi.log.warn(message, resource);

/** Set inside validate(): it returns the findings, so its component logs nothing (the caller's own components still do). */
const returnsFindings = new AsyncLocalStorage<true>();

/** Where rule warnings go: the engine's log, unless a caller (the plan command, validate) reports them itself. */
export function reportWarning(message: string, resource: pulumi.Resource): void {
    if (returnsFindings.getStore() === true) return;
    warningSink(message, resource);
}

/** Runs `fn` (and every promise reaction it starts) with the warnings of the components it declares unlogged. */
export function withoutWarningLog<T>(fn: () => T): T {
    return returnsFindings.run(true, fn);
}

export function setWarningSink(sink: WarningSink): void {
    warningSink = sink;
}
