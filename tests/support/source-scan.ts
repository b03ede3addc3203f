import fs from "node:fs";
import path from "node:path";
import ts from "typescript";

// Reads the app's own source with the TypeScript parser: the static wrapper checks and the action
// role tests find the same routes and server actions this way.

export const ROOT = path.resolve(__dirname, "../..");

export function walk(dir: string, accept: (file: string) => boolean): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name === "node_modules" || entry.name === "generated") continue;
      out.push(...walk(full, accept));
    } else if (accept(full)) out.push(full);
  }
  return out;
}

/** Path relative to the repository root, with forward slashes. */
export const rel = (file: string) => path.relative(ROOT, file).split(path.sep).join("/");
export const parse = (file: string) =>
  ts.createSourceFile(
    file,
    fs.readFileSync(file, "utf8"),
    ts.ScriptTarget.Latest,
    true,
    file.endsWith("x") ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  );
const hasExportModifier = (node: ts.Node) =>
  ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);

export type ExportedValue = {
  name: string;
  initializer: ts.Expression | undefined;
  kind: "const" | "function" | "other";
};

/** Every value a module exports (types are not values and are skipped). */
export function exportedValues(source: ts.SourceFile): ExportedValue[] {
  const out: ExportedValue[] = [];
  for (const statement of source.statements) {
    if (ts.isVariableStatement(statement) && hasExportModifier(statement)) {
      for (const decl of statement.declarationList.declarations)
        out.push({ name: decl.name.getText(source), initializer: decl.initializer, kind: "const" });
    } else if (ts.isFunctionDeclaration(statement) && hasExportModifier(statement)) {
      out.push({ name: statement.name?.text ?? "default", initializer: undefined, kind: "function" });
    } else if (ts.isClassDeclaration(statement) && hasExportModifier(statement)) {
      out.push({ name: statement.name?.text ?? "default", initializer: undefined, kind: "other" });
    } else if (ts.isExportAssignment(statement)) {
      out.push({ name: "default", initializer: statement.expression, kind: "other" });
    } else if (ts.isExportDeclaration(statement) && !statement.isTypeOnly) {
      const clause = statement.exportClause;
      if (clause && ts.isNamedExports(clause)) {
        for (const spec of clause.elements)
          if (!spec.isTypeOnly) out.push({ name: spec.name.text, initializer: undefined, kind: "other" });
      } else out.push({ name: "*", initializer: undefined, kind: "other" });
    }
  }
  return out;
}

/** Every `"use server"` directive: at the top of the file (an actions module) or inside a function (an inline action). */
export function useServerDirectives(source: ts.SourceFile): { isFileLevel: boolean; line: number }[] {
  const found: { isFileLevel: boolean; line: number }[] = [];
  const visit = (node: ts.Node) => {
    if (
      ts.isExpressionStatement(node) &&
      ts.isStringLiteral(node.expression) &&
      node.expression.text === "use server"
    ) {
      found.push({
        isFileLevel: node.parent === source,
        line: source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1,
      });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Every .ts/.tsx file under app/, lib/ and components/. */
export const appSourceFiles = () =>
  ["app", "lib", "components"].flatMap((dir) =>
    walk(path.join(ROOT, dir), (f) => /\.tsx?$/.test(f) && !f.endsWith(".d.ts")),
  );

/** The server action modules: files with a file-level "use server". */
export const serverActionFiles = () =>
  appSourceFiles().filter((file) => useServerDirectives(parse(file)).some((d) => d.isFileLevel));

/** Server action modules that cannot require a session, each with the reason. */
export const PUBLIC_ACTIONS: Record<string, string> = {
  // The language switch works on the sign-in page too; it only sets the locale cookie.
  "lib/i18n/actions.ts": "locale cookie, used before sign-in",
};

/** `module#exportName` of every exported server action that needs a session, e.g. `app/(dashboard)/produtos/actions.ts#createProductAction`. */
export function protectedServerActionNames(): string[] {
  return serverActionFiles()
    .filter((file) => !PUBLIC_ACTIONS[rel(file)])
    .flatMap((file) => exportedValues(parse(file)).map((value) => `${rel(file)}#${value.name}`));
}
