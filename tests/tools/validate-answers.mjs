// Validates answers against the schemas of an OpenAPI 3.0 document with Ajv, read by the letter of OpenAPI 3.0.3:
// `nullable: true` adds null to the `type` of its own schema object only (not to an `enum`, not through `allOf` or a
// reference), and unknown keywords or formats are errors (strict mode).
//
// Usage: node validate-answers.mjs openapi.json
// Reads one JSON object a line on standard input, {"schema": <an OpenAPI schema object>, "instance": <the answer>},
// and writes one a line to standard output: {"valid": true} or {"valid": false, "errors": ["<path>: <message>", ...]}.
import { readFileSync } from "node:fs";
import { createInterface } from "node:readline";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const Ajv = require("ajv").default;
const addFormats = require("ajv-formats").default;

const document = JSON.parse(readFileSync(process.argv[2], "utf8"));
const ajv = new Ajv({ strict: true, allErrors: true, discriminator: true });
addFormats(ajv);
// OpenAPI 3.0 keywords that annotate a schema and do not constrain it.
for (const keyword of ["example", "xml", "externalDocs"]) {
  ajv.addKeyword({ keyword });
}

// The document's schemas as the definitions of one schema, each reference "#/components/schemas/X" pointed at its own.
const base = "openapi.json";
const rebase = (node) => {
  if (Array.isArray(node)) return node.map(rebase);
  if (node === null || typeof node !== "object") return node;
  return Object.fromEntries(Object.entries(node).map(([key, value]) =>
    [key, key === "$ref" && typeof value === "string" ? value.replace("#/components/schemas/", `${base}#/definitions/`) : rebase(value)]));
};
ajv.addSchema({ $id: base, definitions: rebase(document.components?.schemas ?? {}) });

const compiled = new Map();
const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
for await (const line of lines) {
  if (line.trim() === "") continue;
  let answer;
  try {
    const { schema, instance } = JSON.parse(line);
    const key = JSON.stringify(schema);
    let validate = compiled.get(key);
    if (!validate) {
      validate = ajv.compile(rebase(schema));
      compiled.set(key, validate);
    }

    answer = validate(instance)
      ? { valid: true }
      : { valid: false, errors: validate.errors.slice(0, 5).map((e) => `${e.instancePath || "/"}: ${e.message} ${JSON.stringify(e.params)}`) };
  } catch (error) {
    answer = { valid: false, errors: [`the validator could not run: ${error.message}`] };
  }

  process.stdout.write(JSON.stringify(answer) + "\n");
}
