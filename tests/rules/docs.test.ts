import { expect } from "chai";
import { readFileSync } from "fs";
import * as path from "path";
import { catalogue } from "../../src/rules";
import { rulesMarkdown } from "../../src/plan/rulesdoc";

describe("the rule catalogue", () => {
    it("is documented in docs/rules.md exactly as the code says (npm run docs regenerates it)", () => {
        expect(readFileSync(path.resolve(__dirname, "../../docs/rules.md"), "utf8")).to.equal(rulesMarkdown());
    });

    it("has unique ids of the form family-what", () => {
        const ids = catalogue.map((r) => r.id);
        expect(new Set(ids).size).to.equal(ids.length);
        for (const id of ids) expect(id).to.match(/^[a-z0-9]+(-[a-z0-9]+)+$/);
    });
});
