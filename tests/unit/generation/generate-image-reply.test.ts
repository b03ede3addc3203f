import { describe, expect, it } from "vitest";
import { decodeStrictBase64 } from "@/lib/generation/generate-image";

describe("decodeStrictBase64 (a reply's b64_json)", () => {
  it.each([
    ["valid", Buffer.from("PNG bytes here!").toString("base64"), "PNG bytes here!"],
    [
      "valid with line breaks",
      Buffer.from("abcdefghijkl")
        .toString("base64")
        .replace(/(.{4})/g, "$1\n"),
      "abcdefghijkl",
    ],
  ])("decodes %s", (_name, text, expected) => {
    expect(decodeStrictBase64(text)?.toString()).toBe(expected);
  });
  it.each([
    ["empty", ""],
    ["characters outside the alphabet", "%%% isto não é base64 %%%"],
    ["a length that is not a multiple of 4", "QUJDRA="],
    ["padding in the middle", "QQ==QUJD"],
    ["URL-safe alphabet", "-_-_"],
  ])("refuses %s (Buffer.from would decode part of it silently)", (_name, text) => {
    expect(decodeStrictBase64(text)).toBeNull();
  });
});
