import { expect } from "chai";
import { readFileSync } from "fs";
import * as path from "path";
import { componentProvider } from "../../src/provider";

describe("schema.json", function () {
    this.timeout(120000);
    it("is what the component provider infers from the code (npm run schema regenerates it)", async () => {
        const fromCode = JSON.parse(await componentProvider().getSchema());
        const committed = JSON.parse(readFileSync(path.resolve(__dirname, "../../schema.json"), "utf8"));
        expect(committed).to.deep.equal(fromCode);
    });

    it("names no other package, so SDKs generate without the AWS provider", async () => {
        const schema = JSON.parse(await componentProvider().getSchema());
        expect(schema.dependencies ?? []).to.deep.equal([]);
        expect(JSON.stringify(schema)).to.not.match(/"\/aws\/|schema\.json#\/resources\/aws/);
    });
});
