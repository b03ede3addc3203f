import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import {
  appSourceFiles,
  exportedValues,
  parse,
  PUBLIC_ACTIONS,
  rel,
  ROOT,
  serverActionFiles,
  useServerDirectives,
  walk,
} from "../../support/source-scan";

// A static check over the source: every HTTP entry point goes through the one wrapper that
// authenticates, checks the role and maps errors (apiHandler for routes, authorizedAction for
// server actions), so a new route or action cannot skip them by accident.

const HTTP_METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);
// Route segment config (https://nextjs.org/docs/app/api-reference/file-conventions/route-segment-config): not handlers.
const SEGMENT_CONFIG = new Set([
  "runtime",
  "dynamic",
  "dynamicParams",
  "revalidate",
  "fetchCache",
  "preferredRegion",
  "maxDuration",
]);

/** Routes that cannot require a session, each with the reason. */
const PUBLIC_ROUTES: Record<string, string> = {
  // next-auth's own sign-in/sign-out/session endpoints: next-auth authenticates them itself.
  "app/api/auth/[...nextauth]/route.ts": "next-auth handler",
  // Exchanges e-mail + password for a token: the caller has no credential yet (rate-limited like the login form).
  "app/api/v1/auth/token/route.ts": "issues credentials",
  // Load balancers probe it without credentials; it reveals no configuration.
  "app/api/v1/health/route.ts": "public health probe",
  // Vercel Blob calls it when a direct upload completes; handleUpload checks the store's signature instead.
  "app/api/v1/direct-uploads/callback/route.ts": "store callback, signed by the store",
};

/** `wrapper(...)` or `wrapper<T>(...)`, with `wrapper` imported from `module`. */
function isWrappedCall(
  source: ts.SourceFile,
  expression: ts.Expression | undefined,
  wrapper: string,
  module: string,
): boolean {
  if (
    !expression ||
    !ts.isCallExpression(expression) ||
    !ts.isIdentifier(expression.expression) ||
    expression.expression.text !== wrapper
  )
    return false;
  return importsName(source, wrapper, module);
}

function importsName(source: ts.SourceFile, name: string, module: string): boolean {
  return source.statements.some(
    (s) =>
      ts.isImportDeclaration(s) &&
      ts.isStringLiteral(s.moduleSpecifier) &&
      s.moduleSpecifier.text === module &&
      !!s.importClause?.namedBindings &&
      ts.isNamedImports(s.importClause.namedBindings) &&
      s.importClause.namedBindings.elements.some(
        (e) => e.name.text === name && (e.propertyName?.text ?? name) === name,
      ),
  );
}

const importedModules = (source: ts.SourceFile) =>
  source.statements
    .filter((s): s is ts.ImportDeclaration => ts.isImportDeclaration(s) && ts.isStringLiteral(s.moduleSpecifier))
    .map((s) => (s.moduleSpecifier as ts.StringLiteral).text);

const routeFiles = walk(path.join(ROOT, "app/api"), (f) => /[\\/]route\.tsx?$/.test(f));
const sourceFiles = appSourceFiles();

describe("route handlers under app/api", () => {
  it("finds the routes (the walk itself works)", () => {
    expect(routeFiles.length).toBeGreaterThan(20);
    for (const file of Object.keys(PUBLIC_ROUTES))
      expect(fs.existsSync(path.join(ROOT, file)), `${file} is listed as public but does not exist`).toBe(true);
  });

  it("export only handlers built with apiHandler (besides the justified public routes)", () => {
    const problems: string[] = [];
    for (const file of routeFiles) {
      if (PUBLIC_ROUTES[rel(file)]) continue;
      const source = parse(file);
      for (const value of exportedValues(source)) {
        if (SEGMENT_CONFIG.has(value.name) && value.kind === "const") continue;
        if (
          HTTP_METHODS.has(value.name) &&
          value.kind === "const" &&
          isWrappedCall(source, value.initializer, "apiHandler", "@/lib/api/api-handler")
        )
          continue;
        problems.push(`${rel(file)}: export ${value.name} is not an apiHandler(...) handler`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("never call Prisma directly: queries live in lib/<area>", () => {
    const problems: string[] = [];
    for (const file of routeFiles) {
      const source = parse(file);
      for (const specifier of importedModules(source))
        if (specifier === "@/lib/db/client" || specifier.includes("prisma"))
          problems.push(`${rel(file)} imports ${specifier}`);
      if (/\b(getPrisma\(|prisma\.)/.test(source.text)) problems.push(`${rel(file)} calls Prisma`);
    }
    expect(problems).toEqual([]);
  });

  it("read JSON bodies only through readJson (bounded, NUL-checked, zod-parsed)", () => {
    const problems: string[] = [];
    for (const file of routeFiles) {
      if (rel(file) === "app/api/auth/[...nextauth]/route.ts") continue;
      const source = parse(file);
      if (importedModules(source).includes("@/lib/http/read-json-body"))
        problems.push(`${rel(file)} reads a raw body (readJsonBody)`);
      if (/\brequest\.(json|text|formData|arrayBuffer)\(/.test(source.text))
        problems.push(`${rel(file)} reads the request body itself`);
    }
    expect(problems).toEqual([]);
  });
});

describe("server actions", () => {
  const actionFiles = serverActionFiles();

  it("finds the action modules (the walk itself works)", () => {
    expect(actionFiles.map(rel)).toEqual(
      expect.arrayContaining(["app/(dashboard)/produtos/actions.ts", "app/(dashboard)/admin/usuarios/actions.ts"]),
    );
    for (const file of Object.keys(PUBLIC_ACTIONS))
      expect(fs.existsSync(path.join(ROOT, file)), `${file} is listed as public but does not exist`).toBe(true);
  });

  it("are all built with authorizedAction (besides the justified public ones)", () => {
    const problems: string[] = [];
    for (const file of actionFiles) {
      if (PUBLIC_ACTIONS[rel(file)]) continue;
      const source = parse(file);
      const values = exportedValues(source);
      if (values.length === 0) problems.push(`${rel(file)} exports no action`);
      for (const value of values) {
        if (
          value.kind === "const" &&
          isWrappedCall(source, value.initializer, "authorizedAction", "@/lib/api/authorized-action")
        )
          continue;
        problems.push(`${rel(file)}: export ${value.name} is not an authorizedAction(...) action`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('are never declared inline (a function-level "use server" would bypass the actions modules)', () => {
    const inline = sourceFiles.flatMap((file) =>
      useServerDirectives(parse(file))
        .filter((d) => !d.isFileLevel)
        .map((d) => `${rel(file)}:${d.line}`),
    );
    expect(inline).toEqual([]);
  });
});
