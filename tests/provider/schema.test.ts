import { expect } from "chai";
import { readFileSync } from "fs";
import { NodeGroupProvider, SCHEMA_FILE } from "../../src/provider";
import { schemaFromSources } from "../../src/provider/schemagen";

describe("schema.json", function () {
    this.timeout(120000);
    let fromCode: Record<string, unknown>;
    before(async () => { fromCode = JSON.parse(await schemaFromSources()); });

    it("is what the SDK's analyzer infers from the code (npm run schema regenerates it)", () => {
        const committed = JSON.parse(readFileSync(SCHEMA_FILE, "utf8"));
        expect(committed).to.deep.equal(fromCode);
    });

    it("is what the provider serves, and its outputs are what construct returns", () => {
        const provider = new NodeGroupProvider();
        expect(JSON.parse(provider.schema)).to.deep.equal(fromCode);
        expect(provider.version).to.equal(fromCode.version);
    });

    it("names no other package, so SDKs generate without the AWS provider", () => {
        expect(fromCode.dependencies ?? []).to.deep.equal([]);
        expect(JSON.stringify(fromCode)).to.not.match(/"\/aws\/|schema\.json#\/resources\/aws/);
    });
});
