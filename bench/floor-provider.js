#!/usr/bin/env node
// The floor for bench/engine.js: a provider process that starts exactly as the component provider
// does (the same entry steps, modules and committed schema; src/provider/index.ts) and, on
// Construct, loads the same modules but registers only the component resource — no review, no
// children. What one Node.js provider process costs the engine, measured in the same run.
"use strict";
const path = require("path");
const bin = path.resolve(__dirname, "../bin");
require(path.join(bin, "provider/lazyclosure")).deferClosureModules();
const { NodeGroupProvider } = require(path.join(bin, "provider"));

class FloorProvider extends NodeGroupProvider {
    async construct(name, type, inputs, options) {
        require(path.join(bin, "component"));
        require("@pulumi/aws/ec2/launchTemplate");
        require("@pulumi/aws/eks/nodeGroup");
        const pulumi = require("@pulumi/pulumi");
        const component = new pulumi.ComponentResource(type, name, {}, options);
        component.registerOutputs({});
        return { urn: component.urn, state: {} };
    }
}

require("@pulumi/pulumi/provider").main(new FloorProvider(), process.argv.slice(2));
