// Copy newslint's config JSON Schema into the extension (contributes.yamlValidation points at it).
const fs = require("node:fs");
const path = require("node:path");
fs.copyFileSync(path.join(__dirname, "..", "..", "docs", "config-schema.json"), path.join(__dirname, "config-schema.json"));
