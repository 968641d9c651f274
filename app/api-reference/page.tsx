import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { LanguageSwitcher } from "@/components/i18n/language-switcher";
import { Badge } from "@/components/ui/badge";
import { openApiDocument } from "@/server/api/rest/openapi";

/*
 * The public API's reference, rendered here from the OpenAPI document (/api/v1/openapi.json) that the
 * zod schemas generate (server/api/rest/openapi.ts): no CDN, no second description. The page's own words
 * are translated; summaries and field names are the document's.
 */

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("apiReference"))("title") };
}

type Json = Record<string, unknown>;
interface TOperation {
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  "x-scopes": string[];
  "x-key-kind": "school" | "na";
  parameters?: { name: string; in: string; required: boolean; schema: Json; description?: string }[];
  requestBody?: { content: { "application/json": { schema: Json } } };
  responses: Record<string, { description: string; content?: { "application/json": { schema: Json } } }>;
}

const refName = (schema: Json | undefined) => (typeof schema?.$ref === "string" ? schema.$ref.split("/").pop() : undefined);

/** A short type of a JSON schema: `string (uuid)`, `integer`, `Mobility[]`, `planned | completed`. */
function typeOf(schema: Json | undefined): string {
  if (!schema) return "—";
  const ref = refName(schema);
  if (ref) return ref;
  if (Array.isArray(schema.enum)) return (schema.enum as unknown[]).map(String).join(" | ");
  if (Array.isArray(schema.anyOf)) return (schema.anyOf as Json[]).map(typeOf).join(" | ");
  if (schema.type === "array") return `${typeOf(schema.items as Json)}[]`;
  const format = typeof schema.format === "string" ? ` (${schema.format})` : "";
  if (typeof schema.type === "string") return `${schema.type}${format}`;
  return "object";
}

function Properties({ schema }: { schema: Json }) {
  const properties = (schema.properties ?? {}) as Record<string, Json>;
  const required = new Set((schema.required ?? []) as string[]);
  return (
    <table className="w-full text-left text-sm">
      <tbody>
        {Object.entries(properties).map(([name, property]) => (
          <tr key={name} className="border-t align-top">
            <td className="py-1 pr-3 font-mono text-xs">
              {name}
              {required.has(name) ? "" : "?"}
            </td>
            <td className="py-1 font-mono text-xs break-all text-muted-foreground">{typeOf(property)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export default async function ApiReferencePage() {
  const t = await getTranslations("apiReference");
  const document = openApiDocument() as { info: { title: string; version: string }; paths: Record<string, Record<string, TOperation>>; components: { schemas: Record<string, Json> } };
  const operations = Object.entries(document.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method, op })));
  const tags = [...new Set(operations.map((o) => o.op.tags[0] ?? ""))];
  return (
    <main className="mx-auto grid max-w-5xl grid-cols-[minmax(0,1fr)] gap-8 px-4 py-8">
      <header className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
          <p className="text-sm text-muted-foreground">
            {document.info.title} {document.info.version} ·{" "}
            <a href="/api/v1/openapi.json" className="underline underline-offset-4">
              openapi.json
            </a>{" "}
            · <Link href="/" className="underline underline-offset-4">{t("home")}</Link>
          </p>
        </div>
        <LanguageSwitcher />
      </header>

      <section className="grid gap-3 text-sm leading-relaxed" aria-labelledby="basics">
        <h2 id="basics" className="text-lg font-semibold">{t("basics.title")}</h2>
        <p>{t("basics.auth")}</p>
        <pre className="overflow-x-auto rounded-md bg-muted p-3 font-mono text-xs">curl -H &quot;Authorization: Bearer mob_…&quot; https://…/api/v1/projects</pre>
        <p>{t("basics.scopes")}</p>
        <p>{t("basics.errors")}</p>
        <p>{t("basics.paging")}</p>
        <p>{t("basics.versions")}</p>
        <p>{t("basics.rateLimit")}</p>
        <h3 className="font-semibold">{t("webhooks.title")}</h3>
        <p>{t("webhooks.text")}</p>
        <pre className="overflow-x-auto rounded-md bg-muted p-3 font-mono text-xs">{`Mobilo-Signature: t=1700000000,v1=<hex>
v1 = HMAC-SHA256(secret, "1700000000." + raw body)`}</pre>
      </section>

      {tags.map((tag) => (
        <section key={tag} className="grid gap-4" aria-label={tag}>
          <h2 className="text-lg font-semibold">{tag}</h2>
          {operations
            .filter((o) => o.op.tags[0] === tag)
            .map(({ path, method, op }) => (
              <article key={op.operationId} id={op.operationId} className="grid gap-3 rounded-lg border p-4" data-testid={`operation-${op.operationId}`}>
                <div className="flex flex-wrap items-center gap-2">
                  <Badge variant={method === "get" ? "secondary" : "default"} className="font-mono uppercase">
                    {method}
                  </Badge>
                  <code className="font-mono text-sm break-all">/api/v1{path}</code>
                </div>
                <p className="text-sm">{op.summary}</p>
                {op.description && <p className="text-sm text-muted-foreground">{op.description}</p>}
                <p className="text-xs text-muted-foreground">
                  {t(op["x-key-kind"] === "na" ? "naKey" : "schoolKey")} · {t("scopes")}{" "}
                  {op["x-scopes"].map((scope) => (
                    <code key={scope} className="mr-1 rounded bg-muted px-1 font-mono">
                      {scope}
                    </code>
                  ))}
                </p>
                {op.parameters && op.parameters.length > 0 && (
                  <div className="grid gap-1">
                    <h4 className="text-sm font-medium">{t("parameters")}</h4>
                    <table className="w-full text-left text-sm">
                      <tbody>
                        {op.parameters.map((p) => (
                          <tr key={`${p.in}-${p.name}`} className="border-t align-top">
                            <td className="py-1 pr-3 font-mono text-xs">
                              {p.name}
                              {p.required ? "" : "?"}
                            </td>
                            <td className="py-1 pr-3 text-xs text-muted-foreground">{p.in}</td>
                            <td className="py-1 font-mono text-xs break-all text-muted-foreground">{typeOf(p.schema)}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                )}
                {op.requestBody && (
                  <p className="text-sm">
                    {t("body")}{" "}
                    <a href={`#schema-${refName(op.requestBody.content["application/json"].schema)}`} className="font-mono text-xs underline">
                      {refName(op.requestBody.content["application/json"].schema)}
                    </a>
                  </p>
                )}
                <div className="grid gap-1">
                  <h4 className="text-sm font-medium">{t("responses")}</h4>
                  <ul className="grid gap-0.5 text-xs">
                    {Object.entries(op.responses).map(([status, response]) => (
                      <li key={status}>
                        <span className="font-mono font-medium">{status}</span> {response.description}{" "}
                        {refName(response.content?.["application/json"].schema) && (
                          <a href={`#schema-${refName(response.content?.["application/json"].schema)}`} className="font-mono underline">
                            {refName(response.content?.["application/json"].schema)}
                          </a>
                        )}
                      </li>
                    ))}
                  </ul>
                </div>
              </article>
            ))}
        </section>
      ))}

      <section className="grid gap-4" aria-labelledby="schemas">
        <h2 id="schemas" className="text-lg font-semibold">{t("schemas")}</h2>
        {Object.entries(document.components.schemas).map(([name, schema]) => (
          <article key={name} id={`schema-${name}`} className="grid gap-2 rounded-lg border p-4">
            <h3 className="font-mono text-sm font-semibold">{name}</h3>
            <Properties schema={schema} />
          </article>
        ))}
      </section>
    </main>
  );
}
