import { describe, expect, it } from "vitest";
import { ConfigError, parseEnv } from "@/lib/config/env";

describe("parseEnv", () => {
  it("gives embedded defaults for an empty environment", () => {
    const env = parseEnv({});
    expect(env.isEmbeddedDatabase).toBe(true);
    expect(env.PORT).toBe(3000);
    expect(env.UPLOAD_MAX_BYTES).toBe(50 * 1024 * 1024);
    expect(env.dataDir.endsWith(".data")).toBe(true);
  });

  it.each([
    ["PORT", "abc"],
    ["DATABASE_URL", "mysql://x"],
    ["NEXTAUTH_SECRET", "short"],
    ["ADMIN_EMAIL", "not-an-email"],
    ["ADMIN_PASSWORD", "123"],
    ["WORKERS_IN_APP", "maybe"],
    ["LOG_LEVEL", "loud"],
    ["OPENAI_BASE_URL", "not a url"],
  ])("names %s when it is malformed", (variable, value) => {
    let error: unknown;
    try {
      parseEnv({ [variable]: value });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variable).toBe(variable);
    expect((error as Error).message).toContain(variable);
  });

  it("treats blank optional values as unset", () => {
    expect(parseEnv({ DATABASE_URL: "  ", BLOB_READ_WRITE_TOKEN: "" }).isEmbeddedDatabase).toBe(true);
  });
});
