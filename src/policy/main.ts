// The policy pack's entry: what `pulumi preview --policy-pack <package>/policy` starts. Pulumi's
// run-policy-pack loads it with require(), so the pack is served as soon as this module loads; the
// PolicyPack reads its version from package.json in the working directory (policy/, which the
// launchers there change to). Enforcement levels per rule id come from --policy-pack-config.
//
// The engine starts this process on every preview of every stack the pack is enabled on, so it
// starts the way the provider does: the SDK files the pack never uses are stood in for before
// @pulumi/policy loads the SDK (src/base/lazysdk.ts). Hence require() below, not import: an import
// would be hoisted above the call. In the executable form (policy/pulumi-analyzer-eks-nodegroup)
// this is the first thing the process loads; in the directory form run-policy-pack has already
// loaded the TypeScript compiler itself (it registers ts-node for every pack), and only the rest is saved.
// The parsers of user data load when a rule first reads user data, not at start: most stacks the pack
// is enabled on have no node group.
//
// Each resource is decoded once per analysis rather than once per policy (decodeonce.ts).
/* eslint-disable @typescript-eslint/no-require-imports */
import { deferUnusedSdkModules, deferUserDataParsers } from "../base/lazysdk";

deferUnusedSdkModules();
deferUserDataParsers();
const { PolicyPack } = require("@pulumi/policy") as typeof import("@pulumi/policy");
const { decodeEachResourceOnce } = require("./decodeonce") as typeof import("./decodeonce");
decodeEachResourceOnce();
const { policies } = require("./index") as typeof import("./index");

new PolicyPack("eks-nodegroup", { policies });
