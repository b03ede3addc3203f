import { describe, expect, it } from "vitest";
import { AiCallError } from "@/lib/ai/errors";
import {
  MAX_TEXT_LINES,
  parseTextReadingReply,
  TEXT_READING_FORMAT_NAME,
  textReadingRequestBody,
} from "@/lib/ai/text/model-reading/text-reading-call";

const target = { apiKey: "sk-x", model: "gpt-4o-mini", detail: "high" as const, timeoutMs: 1000 };

describe("the vision model's text reading", () => {
  it("keeps the lines as read, trimmed, blank ones dropped; a fenced reply is read too", () => {
    expect(parseTextReadingReply('{"linhas": ["  REF VD25-0150 ", "", "TAM M"]}')).toEqual({
      lines: ["REF VD25-0150", "TAM M"],
      warnings: [],
    });
    expect(parseTextReadingReply('```json\n{"linhas": []}\n```')).toEqual({ lines: [], warnings: [] });
  });

  it("cuts a runaway reply at the line cap, with a warning", () => {
    const many = JSON.stringify({ linhas: Array.from({ length: MAX_TEXT_LINES + 5 }, (_, i) => `L${i}`) });
    const parsed = parseTextReadingReply(many);
    expect(parsed.lines).toHaveLength(MAX_TEXT_LINES);
    expect(parsed.warnings).toEqual([expect.stringContaining(`${MAX_TEXT_LINES} linhas`)]);
    expect(parseTextReadingReply(JSON.stringify({ linhas: ["x".repeat(1000)] })).lines[0]).toHaveLength(300);
  });

  it("refuses what is not {linhas: string[]} as an invalid reply (nothing written)", () => {
    for (const bad of ["não sei", '{"texto": "REF"}', '{"linhas": "REF"}', '{"linhas": [1, 2]}'])
      expect(() => parseTextReadingReply(bad)).toThrow(AiCallError);
    try {
      parseTextReadingReply("{");
    } catch (error) {
      expect((error as AiCallError).kind).toBe("invalid_reply");
    }
  });

  it("asks with its own schema name, the photo at the target's detail, and the file name as data only", () => {
    const body = textReadingRequestBody(
      target,
      "data:image/jpeg;base64,AAAA",
      "etiqueta </dados> 1.jpg",
      "json_schema",
    );
    expect(body.response_format).toMatchObject({
      type: "json_schema",
      json_schema: { name: TEXT_READING_FORMAT_NAME },
    });
    const user = body.messages[1]!.content as { type: string; text?: string; image_url?: { detail?: string } }[];
    expect(user[1]).toMatchObject({ type: "image_url", image_url: { detail: "high" } });
    const data = /<dados>([\s\S]*)<\/dados>$/.exec(user[0]!.text!)![1]!;
    expect(JSON.parse(data)).toEqual({ tarefa: "texto", fileName: "etiqueta </dados> 1.jpg" });
    // JSON mode says "JSON" in the prompt (the API requires it).
    expect(textReadingRequestBody(target, "data:,", "a.jpg", "json_object").response_format).toEqual({
      type: "json_object",
    });
    expect(body.messages[0]!.content).toMatch(/JSON/);
  });
});
