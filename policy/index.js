// The pack's entry for Pulumi (package.json "main"): the compiled pack in the package (src/policy/main.ts).
require("../bin/policy/main");
