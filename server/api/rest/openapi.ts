import { z } from "zod";
import { API_SCOPES, NA_API_SCOPES, SCHOOL_API_SCOPES } from "@/server/schemas/api-keys";
import {
  ZApiBudget,
  ZApiError,
  ZApiMobility,
  ZApiMobilityBody,
  ZApiMobilityPage,
  ZApiPortfolioPage,
  ZApiProject,
  ZApiProjectList,
  ZApiSchoolList,
} from "@/server/schemas/api";
import { API_BASE, MAX_API_BODY_BYTES } from ".";
import { OPERATIONS, scopesOf } from "./operations";

/*
 * The OpenAPI 3.1 document of /api/v1, generated from the operations table and the zod schemas
 * (z.toJSONSchema, JSON Schema 2020-12 as OpenAPI 3.1 uses it): no hand-written duplicate. Served at
 * /api/v1/openapi.json and rendered by the app's reference page (/api-reference).
 */

/** Named schemas of the answers (output side) and of request bodies (input side: defaults optional). */
const OUTPUTS: [string, z.ZodType][] = [
  ["Error", ZApiError],
  ["Project", ZApiProject],
  ["ProjectList", ZApiProjectList],
  ["Budget", ZApiBudget],
  ["Mobility", ZApiMobility],
  ["MobilityPage", ZApiMobilityPage],
  ["SchoolList", ZApiSchoolList],
  ["PortfolioPage", ZApiPortfolioPage],
];
const INPUTS: [string, z.ZodType][] = [["MobilityInput", ZApiMobilityBody]];

type JsonSchema = Record<string, unknown>;

function components(entries: [string, z.ZodType][], io: "input" | "output"): Record<string, JsonSchema> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of entries) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, { target: "draft-2020-12", io, unrepresentable: "any", uri: (id) => `#/components/schemas/${id}` });
  return Object.fromEntries(
    Object.entries(schemas).map(([id, schema]) => {
      const { $schema: _s, $id: _i, ...rest } = schema as JsonSchema;
      return [id, rest];
    }),
  );
}

function schemaId(schema: z.ZodType, entries: [string, z.ZodType][]): string {
  const found = entries.find(([, s]) => s === schema);
  if (!found) throw new Error("a schema of an operation is not named in openapi.ts");
  return found[0];
}

const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });
const errorResponse = (description: string) => ({ description, content: { "application/json": { schema: ref("Error") } } });

const ERROR_RESPONSES = {
  "400": errorResponse("Invalid input: `fieldErrors` names each field (dotted path) with `validation.*` keys."),
  "401": errorResponse("No valid API key (missing, unknown or revoked)."),
  "403": errorResponse("The key lacks the scope (`insufficientScope`) or is of the other kind (`wrongKeyKind`), or the rule forbids it."),
  "404": errorResponse("Not found, or not the key's school / NA (the two look the same)."),
  "429": errorResponse("Rate limit of the key reached; `Retry-After` says when to try again."),
  "500": errorResponse("Something failed on the server (`internal`); nothing more is said."),
};

let cached: JsonSchema | null = null;

export function openApiDocument(): JsonSchema {
  if (cached) return cached;
  const schemas = { ...components(OUTPUTS, "output"), ...components(INPUTS, "input") };
  const paths: Record<string, Record<string, unknown>> = {};
  for (const operation of OPERATIONS) {
    const scopes = scopesOf(operation);
    const parameters: JsonSchema[] = [...operation.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
      name: m[1],
      in: "path",
      required: true,
      schema: { type: "string", format: "uuid" },
    }));
    if (operation.query) {
      const json = z.toJSONSchema(operation.query, { target: "draft-2020-12", io: "input", unrepresentable: "any" }) as JsonSchema;
      const properties = (json.properties ?? {}) as Record<string, JsonSchema>;
      for (const [name, schema] of Object.entries(properties)) parameters.push({ name, in: "query", required: false, schema });
    }
    if (operation.ifMatch) {
      parameters.push({
        name: "If-Match",
        in: "header",
        required: true,
        description: "The version the change is based on: the ETag of GET, e.g. \"3\".",
        schema: { type: "string" },
      });
    }
    const success: JsonSchema = {
      description: operation.status === 201 ? "Created" : "OK",
      content: { "application/json": { schema: ref(schemaId(operation.response, OUTPUTS)) } },
      ...(operation.etag ? { headers: { ETag: { description: "The mobility's version, quoted.", schema: { type: "string" } } } } : {}),
    };
    const responses: JsonSchema = { [String(operation.status)]: success, ...ERROR_RESPONSES };
    if (operation.ifMatch) {
      responses["412"] = errorResponse("`If-Match` names another version than the stored one (`preconditionFailed`).");
      responses["428"] = errorResponse("`If-Match` is missing (`preconditionRequired`).");
    }
    if (operation.body) {
      responses["413"] = errorResponse(`The body is larger than ${MAX_API_BODY_BYTES} bytes.`);
      responses["415"] = errorResponse("The body is not application/json.");
    }
    (paths[operation.path] ??= {})[operation.method.toLowerCase()] = {
      operationId: operation.operationId,
      summary: operation.summary,
      ...(operation.description ? { description: operation.description } : {}),
      tags: [operation.tag],
      "x-scopes": scopes,
      "x-key-kind": operation.tenant,
      security: [{ apiKey: [...scopes] }],
      ...(parameters.length ? { parameters } : {}),
      ...(operation.body
        ? { requestBody: { required: true, content: { "application/json": { schema: ref(schemaId(operation.body, INPUTS)) } } } }
        : {}),
      responses,
    };
  }
  cached = {
    openapi: "3.1.0",
    info: {
      title: "Mobilo API",
      version: "1.0.0",
      description:
        "The public API of Mobilo for national agencies and integrators. Authenticate with `Authorization: Bearer <API key>`; " +
        `school keys may hold ${SCHOOL_API_SCOPES.map((s) => `\`${s}\``).join(", ")}; NA keys ${NA_API_SCOPES.map((s) => `\`${s}\``).join(", ")}. ` +
        "Amounts are integer cents. Every error has the body `{ message, fieldErrors? }`. See docs/api.md.",
    },
    servers: [{ url: API_BASE }],
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    components: {
      schemas,
      securitySchemes: {
        apiKey: { type: "http", scheme: "bearer", description: `A key made in the app (shown once). Scopes: ${API_SCOPES.join(", ")}.` },
      },
    },
    security: [{ apiKey: [] }],
    paths,
  };
  return cached;
}
