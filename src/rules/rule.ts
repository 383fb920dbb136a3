// What a rule is, and what it reads. The same rules serve three doors — the component, the plan
// command and the policy pack — so they read a door-neutral Subject whose property names are
// those of the AWS resources (`aws.ec2.LaunchTemplate`, `aws.eks.NodeGroup`), and they report
// Subject paths (`nodeGroup.diskSize`); each door maps those paths to its own vocabulary.
import { OsFamily } from "../args";
import { FamilyProfile, profileOf } from "../userdata";

export type Severity = "error" | "warning";

/**
 * Where a rule runs: `component` — the ManagedNodeGroup (and `plan`/`validate`, which run it) on its
 * args; `pack` — the policy pack on a stack's raw launch templates and node groups.
 */
export type Door = "component" | "pack";
export const DOORS: readonly Door[] = ["component", "pack"];

/** A launch template and the node group that uses it, in the AWS resources' vocabulary: what every door knows. */
export interface Subject {
    /** Launch template inputs, by `aws.ec2.LaunchTemplate` property name; `userData` is decoded text. */
    launchTemplate: Record<string, unknown>;
    /** Node group inputs, by `aws.eks.NodeGroup` property name. */
    nodeGroup: Record<string, unknown>;
    /** The OS family, stated or inferred; undefined when not known. */
    osFamily?: OsFamily;
    /** Whether the family was stated by the user (the component's `osFamily`); undefined where the door cannot tell. */
    osFamilyStated?: boolean;
    /** The template's custom groups include the cluster security group (the component adds it; the policy pack reads the stack's cluster). Null: not known yet (skip); undefined: the door cannot tell. */
    clusterSecurityGroupAdded?: boolean | null;
    /** The node group's amiType as it will be sent (the component's choice; the policy pack: the node group's). */
    amiType?: unknown;
    /** The cluster's Kubernetes version (component: cluster.version; policy pack: the stack's aws.eks.Cluster of that name). */
    clusterVersion?: unknown;
    /** The user data's own content calls the custom AMI's bootstrap (component: userData.bootstrap User); null: not known yet; undefined where the template is all the user's (the policy pack). */
    bootstrapByUser?: boolean | null;
    /** What only the component knows (its own args); absent in the policy pack. */
    component?: ComponentFacts;
}

/** Facts of the component's door: its args and what it derives from them. */
export interface ComponentFacts {
    /** The component's args as given, for the schema check. */
    args: unknown;
    /** The cluster facts the component was given. */
    cluster: Record<string, unknown>;
    /** The user data the component will send, when rendered. */
    renderedUserData?: string;
    /** The Kubernetes version the nodes run when the node group names none: the cluster's. */
    kubernetesVersion?: unknown;
    /** The component's AMI choice inputs (osFamily, architecture, accelerator, windowsVariant), as given. */
    amiSelection: Record<string, unknown>;
    /** Kubelet settings outside the family's user data: extraArgs, maxPods, typed nodeConfig and bottlerocketSettings. */
    kubelet: Record<string, unknown>;
    /** Instance types EC2 gave no limits for when the component computed max-pods. */
    maxPodsLookupProblems: readonly string[];
    /** Paths of the component's args whose values were secret. */
    secretArgs: readonly string[];
    /** The component creates the EC2_WINDOWS access entry for the node role. */
    windowsAccessEntry: boolean;
}

/** One violation: the Subject path it concerns and what to do. */
export interface Finding {
    ruleId: string;
    severity: Severity;
    path: string;
    message: string;
    /** Set by the review: the value at (or around) the path is secret, so nothing may print it. */
    secret?: boolean;
    /** Other paths this finding accounts for (a misspelt name's suggested setting): no other rule reports them again. */
    alsoAbout?: string[];
}

export interface Rule {
    /** Stable id, e.g. `lt-no-iam-instance-profile`. */
    id: string;
    severity: Severity;
    /** Subject paths the rule reads (documentation; `[]` marks a list element). */
    paths: string[];
    /** One line for docs/rules.md. */
    summary: string;
    /** The doors the rule runs in (default: every door). A rule about the component's own args runs in `component` only. */
    doors?: readonly Door[];
    /** The rule also holds for node groups without a launch template (the policy pack checks those too). */
    anyNodeGroup?: boolean;
    /** Reports violations through `report`; never throws on malformed input. Unknown values are skipped. */
    check(subject: Subject, report: (path: string, message: string, alsoAbout?: string[]) => void): void;
}

/** Thrown by a Subject part not known at all at preview (spec.ts): the rule reading it waits for the values. */
export class NotKnownYet extends Error {
    constructor(what: string) {
        super(`${what} is not known yet`);
    }
}

/** The profile of the subject's OS family (src/userdata/<family>.ts), when the family is known. */
export function familyProfile(s: Subject): FamilyProfile | undefined {
    return s.osFamily === undefined ? undefined : profileOf(s.osFamily);
}

/** Whether `rule` runs in `door`. */
export function runsIn(rule: Rule, door: Door): boolean {
    return (rule.doors ?? DOORS).includes(door);
}

export function runRules(rules: readonly Rule[], subject: Subject): Finding[] {
    const findings: Finding[] = [];
    for (const rule of rules) {
        try {
            rule.check(subject, (path, message, alsoAbout) =>
                findings.push({ ruleId: rule.id, severity: rule.severity, path, message, ...(alsoAbout ? { alsoAbout } : {}) }));
        } catch (e) {
            if (e instanceof NotKnownYet) continue;
            // A rule that breaks on some input must say so, not pass it, and not crash the preview.
            findings.push({ ruleId: rule.id, severity: "error", path: rule.paths[0] ?? "*",
                message: `The rule could not read this definition (${(e as Error).message}); this is a bug in eks-nodegroup, please report it.` });
        }
    }
    return findings;
}

/** One problem of a walk several rules share: the rule it belongs to, the Subject path, the message. */
export interface WalkProblem { ruleId: string; path: string; message: string }

/**
 * Rules that report the problems of one walk (kubelet's or Bottlerocket's settings, key by key): the walk
 * runs once per Subject, and each rule reports the problems that carry its id.
 */
export function rulesOfOneWalk(walk: (s: Subject) => WalkProblem[], paths: string[], rules: Pick<Rule, "id" | "severity" | "summary">[]): Rule[] {
    const found = new WeakMap<Subject, WalkProblem[]>();
    const problemsOf = (s: Subject): WalkProblem[] => {
        let problems = found.get(s);
        if (problems === undefined) found.set(s, problems = walk(s));
        return problems;
    };
    return rules.map((r) => ({
        ...r, paths,
        check(s: Subject, report: (path: string, message: string) => void) {
            for (const p of problemsOf(s)) if (p.ruleId === r.id) report(p.path, p.message);
        },
    }));
}
