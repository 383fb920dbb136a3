// Findings as the component reports them: rule paths in the component's own vocabulary, errors
// together as one InputPropertiesError (the engine prints each property), warnings as log lines.
import * as pulumi from "@pulumi/pulumi";
import { Finding } from "./rules/rule";

/** A rule's Subject path as a ManagedNodeGroup argument path. */
export function componentPath(subjectPath: string): string {
    if (subjectPath.startsWith("nodeGroup.")) return subjectPath.slice("nodeGroup.".length);
    if (subjectPath === "launchTemplate.userData") return "launchTemplate.userData.content";
    return subjectPath;
}

export function describe(finding: Finding): string {
    return `[${finding.ruleId}] ${componentPath(finding.path)}: ${finding.message}`;
}

export function invalidArgsError(name: string, errors: Finding[]): pulumi.InputPropertiesError {
    return new pulumi.InputPropertiesError({
        message: `ManagedNodeGroup "${name}" has ${errors.length} invalid ${errors.length === 1 ? "setting" : "settings"}:\n` +
            errors.map((e) => `  - ${describe(e)}`).join("\n"),
        errors: errors.map((e) => ({ propertyPath: componentPath(e.path), reason: `[${e.ruleId}] ${e.message}` })),
    });
}
