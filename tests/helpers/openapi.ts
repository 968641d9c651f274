import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { openApiDocument } from "@/server/api/rest/openapi";

/*
 * The contract check of the public API: every answer's status must be documented for its operation in
 * the OpenAPI document (/api/v1/openapi.json), and its body must validate against the documented schema
 * (JSON Schema 2020-12, ajv). Output objects are closed (additionalProperties: false), so a field that is
 * not in the contract fails here.
 */

const document = openApiDocument() as {
  paths: Record<string, Record<string, { responses: Record<string, { content?: { "application/json": { schema: unknown } }; headers?: Record<string, unknown> }> }>>;
};

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema(document, "openapi");

const validators = new Map<string, ValidateFunction>();

function validatorFor(schema: unknown): ValidateFunction {
  const key = JSON.stringify(schema);
  let validate = validators.get(key);
  if (!validate) {
    const ref = (schema as { $ref?: string }).$ref;
    validate = ajv.compile(ref ? { $ref: `openapi${ref}` } : (schema as object));
    validators.set(key, validate);
  }
  return validate;
}

/** The documented operation for a concrete path (`/projects/<uuid>` → `/projects/{projectId}`). */
export function documentedOperation(method: string, path: string) {
  for (const [template, operations] of Object.entries(document.paths)) {
    const pattern = new RegExp(`^${template.replace(/\{\w+\}/g, "[^/]+")}$`);
    const operation = operations[method.toLowerCase()];
    if (pattern.test(path.split("?")[0] ?? "") && operation) return { template, operation };
  }
  return null;
}

/** Problems of one answer against the document (empty: it conforms). */
export function contractProblems(method: string, path: string, status: number, body: unknown, headers: Headers): string[] {
  const found = documentedOperation(method, path);
  if (!found) {
    // An undocumented path or method: only the generic errors are allowed.
    return [401, 404, 405, 429].includes(status) && isErrorBody(body) ? [] : [`${method} ${path}: undocumented, answered ${status}`];
  }
  const response = found.operation.responses[String(status)];
  if (!response) return [`${method} ${found.template}: status ${status} is not documented`];
  const schema = response.content?.["application/json"].schema;
  if (!schema) return [];
  const validate = validatorFor(schema);
  const problems: string[] = [];
  if (!validate(body)) problems.push(`${method} ${found.template} ${status}: ${ajv.errorsText(validate.errors)}`);
  for (const header of Object.keys(response.headers ?? {})) if (!headers.has(header)) problems.push(`${method} ${found.template} ${status}: header ${header} missing`);
  return problems;
}

const isErrorBody = (body: unknown) => validatorFor({ $ref: "#/components/schemas/Error" })(body);
