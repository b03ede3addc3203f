import { describe, expect, it } from "vitest";
import {
  aliasKey,
  buildAngleIndex,
  findShotListIssue,
  normalizeAngles,
  resolveAngle,
  SHOT_LIST_MAX_ALIASES,
  SHOT_LIST_MAX_ANGLES,
  shotListPercent,
} from "@/lib/reports/shot-list/aliases";

const ANGLES = [
  { name: "FRENTE", aliases: ["_01", "F"] },
  { name: "COSTAS", aliases: ["02", "C", "verso"] },
  { name: "DETALHE", aliases: ["03", "zoom"] },
];
const index = buildAngleIndex(ANGLES);

describe("aliasKey", () => {
  it.each([
    ["_01", "1"],
    ["01", "1"],
    ["1", "1"],
    ["000", "0"],
    [" Frente ", "FRENTE"],
    ["frénte", "FRENTE"],
    ["Detalhe-2", "DETALHE_2"],
    ["01_FRENTE", "1_FRENTE"],
    ["__", ""],
  ])("%s → %s", (value, key) => expect(aliasKey(value)).toBe(key));
});

describe("resolveAngle", () => {
  it.each([
    ["01", "FRENTE"],
    ["1", "FRENTE"],
    ["001", "FRENTE"],
    ["frente", "FRENTE"],
    ["Frênte", "FRENTE"],
    ["f", "FRENTE"],
    ["02", "COSTAS"],
    ["COSTAS", "COSTAS"],
    ["Verso", "COSTAS"],
    ["03", "DETALHE"],
    ["ZOOM", "DETALHE"],
    ["01_FRENTE", "FRENTE"],
    ["02 (2)", "COSTAS"],
    ["(2)_costas", "COSTAS"],
    ["LADO", null],
    ["04", null],
    ["DETALHE2", null],
    ["", null],
    [null, null],
  ] as const)("sequence %s → %s", (sequence, angle) => {
    const position = resolveAngle(index, sequence);
    expect(position === null ? null : ANGLES[position]!.name).toBe(angle);
  });

  it("tries the whole sequence before its tokens", () => {
    const angles = [
      { name: "FRENTE", aliases: ["01"] },
      { name: "DETALHE", aliases: ["01_ZOOM"] },
    ];
    const i = buildAngleIndex(angles);
    expect(resolveAngle(i, "01_zoom")).toBe(1);
    expect(resolveAngle(i, "01_lado")).toBe(0);
  });

  it("reads the tokens left to right", () => {
    expect(resolveAngle(index, "02_FRENTE")).toBe(1);
    expect(resolveAngle(index, "FRENTE_02")).toBe(0);
  });
});

describe("findShotListIssue", () => {
  it("accepts a good list, repeated aliases inside one angle included", () => {
    expect(findShotListIssue(ANGLES)).toBeNull();
    expect(findShotListIssue([{ name: "FRENTE", aliases: ["_01", "01", "frente"] }])).toBeNull();
    expect(findShotListIssue([])).toBeNull();
  });

  it.each([
    ["an empty name", [{ name: "  ", aliases: [] }], { code: "SHOT_LIST_EMPTY_ANGLE_NAME", params: { position: 1 } }],
    [
      "an empty second name",
      [
        { name: "FRENTE", aliases: [] },
        { name: "_", aliases: [] },
      ],
      { code: "SHOT_LIST_EMPTY_ANGLE_NAME", params: { position: 2 } },
    ],
    [
      "the same angle twice, other case",
      [
        { name: "FRENTE", aliases: [] },
        { name: "frente", aliases: [] },
      ],
      { code: "SHOT_LIST_DUPLICATE_ANGLE", params: { angle: "frente" } },
    ],
    [
      "one alias on two angles (_01 and 01 are one alias)",
      [
        { name: "FRENTE", aliases: ["_01"] },
        { name: "COSTAS", aliases: ["01"] },
      ],
      { code: "SHOT_LIST_ALIAS_CONFLICT", params: { alias: "01", angle: "COSTAS", other: "FRENTE" } },
    ],
    [
      "an alias that is another angle's name",
      [
        { name: "FRENTE", aliases: ["costas"] },
        { name: "COSTAS", aliases: [] },
      ],
      { code: "SHOT_LIST_ALIAS_CONFLICT", params: { alias: "COSTAS", angle: "COSTAS", other: "FRENTE" } },
    ],
    [
      "an alias with no letters or digits",
      [{ name: "FRENTE", aliases: ["--"] }],
      { code: "SHOT_LIST_INVALID_ALIAS", params: { alias: "--", angle: "FRENTE" } },
    ],
  ])("refuses %s", (_, angles, issue) => expect(findShotListIssue(angles)).toEqual(issue));

  it("refuses too many angles and too many aliases", () => {
    const many = Array.from({ length: SHOT_LIST_MAX_ANGLES + 1 }, (_, i) => ({ name: `A${i}`, aliases: [] }));
    expect(findShotListIssue(many)?.code).toBe("SHOT_LIST_TOO_MANY_ANGLES");
    expect(findShotListIssue(many.slice(0, SHOT_LIST_MAX_ANGLES))).toBeNull();
    const aliases = Array.from({ length: SHOT_LIST_MAX_ALIASES + 1 }, (_, i) => `X${i}`);
    expect(findShotListIssue([{ name: "FRENTE", aliases }])).toEqual({
      code: "SHOT_LIST_TOO_MANY_ALIASES",
      params: { angle: "FRENTE", max: SHOT_LIST_MAX_ALIASES },
    });
  });
});

describe("normalizeAngles", () => {
  it("upper-cases names, trims aliases and drops those that repeat a key", () => {
    expect(normalizeAngles([{ name: " frente ", aliases: [" _01 ", "01", "Frente", "F"] }])).toEqual([
      { name: "FRENTE", aliases: ["_01", "F"] },
    ]);
  });
});

describe("shotListPercent", () => {
  it.each([
    [0, 0, 0],
    [0, 3, 0],
    [1, 3, 33],
    [2, 3, 66],
    [999, 1000, 99],
    [3, 3, 100],
  ])("%i of %i → %i %%", (done, total, percent) => expect(shotListPercent(done, total)).toBe(percent));
});
