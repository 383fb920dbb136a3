#!/usr/bin/env node
// The floor for bench/engine.js: a provider process served exactly as the component provider is
// (src/provider/index.ts `serve`: the same start-up steps, modules and committed schema) that, on
// Construct, loads the same modules but registers only the component resource — no review, no
// children. What one Node.js provider process costs the engine, measured in the same run.
// With FLOOR_CHILDREN (a JSON file of the launch template's and node group's inputs, as the plan
// command prints them) it also registers those two children through the SDK, with the component's
// outputs: the component without any logic of its own — what registering its children costs.
"use strict";
const path = require("path");
const bin = path.resolve(__dirname, "../bin");
const { NodeGroupProvider, serve } = require(path.join(bin, "provider"));
const CHILDREN = process.env.FLOOR_CHILDREN ? JSON.parse(require("fs").readFileSync(process.env.FLOOR_CHILDREN, "utf8")) : undefined;

class FloorProvider extends NodeGroupProvider {
    async construct(name, type, inputs, options) {
        require(path.join(bin, "component"));
        require("@pulumi/aws/ec2/launchTemplate");
        require("@pulumi/aws/eks/nodeGroup");
        const pulumi = require("@pulumi/pulumi");
        const component = new pulumi.ComponentResource(type, name, {}, options);
        if (CHILDREN === undefined) {
            component.registerOutputs({});
            return { urn: component.urn, state: {} };
        }
        const aws = { LaunchTemplate: require("@pulumi/aws/ec2/launchTemplate").LaunchTemplate, NodeGroup: require("@pulumi/aws/eks/nodeGroup").NodeGroup };
        const lt = new aws.LaunchTemplate(name, CHILDREN.lt, { parent: component });
        const ng = new aws.NodeGroup(name, { ...CHILDREN.ng, launchTemplate: { id: lt.id, version: lt.latestVersion.apply(String) } }, { parent: component });
        const outputs = { nodeGroupName: ng.nodeGroupName, nodeGroupArn: ng.arn, launchTemplateId: lt.id, launchTemplateVersion: lt.latestVersion };
        component.registerOutputs(outputs);
        return { urn: component.urn, state: outputs };
    }
}

void serve(new FloorProvider(), process.argv.slice(2));
