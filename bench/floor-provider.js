#!/usr/bin/env node
// The floor for bench/engine.js: a provider process served exactly as the component provider is
// (src/provider/index.ts `serve`: the same start-up steps, modules and committed schema) that, on
// Construct, loads the same modules but registers only the component resource — no review, no
// children. What one Node.js provider process costs the engine, measured in the same run.
"use strict";
const path = require("path");
const bin = path.resolve(__dirname, "../bin");
const { NodeGroupProvider, serve } = require(path.join(bin, "provider"));

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

void serve(new FloorProvider(), process.argv.slice(2));
