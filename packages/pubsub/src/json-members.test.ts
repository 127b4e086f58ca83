import { describe, expect, it } from "vitest";
import { jsonMembers } from "./json-members.js";

describe("jsonMembers", () => {
  it("gives each member's value as its exact source text", () => {
    const text =
      '{ "a" : 12345678901234567890 , "b":"x\\"}{,y", "c":{"d":[1,{"e":"]"}]},"f":[ ],"g":null,"h":-1.50e+3 }';
    expect(Object.fromEntries(jsonMembers(text))).toEqual({
      a: "12345678901234567890",
      b: '"x\\"}{,y"',
      c: '{"d":[1,{"e":"]"}]}',
      f: "[ ]",
      g: "null",
      h: "-1.50e+3",
    });
  });

  it("reads escaped keys, an empty object, and keeps the last of a repeated key (as JSON.parse)", () => {
    expect([...jsonMembers('{"\\u0061b":true}').keys()]).toEqual(["ab"]);
    expect(jsonMembers("{}").size).toBe(0);
    expect(jsonMembers(" {\n}\n").size).toBe(0);
    expect(jsonMembers('{"k":1,"k":2}').get("k")).toBe("2");
  });

  it("refuses what is not an object", () => {
    expect(() => jsonMembers("[1]")).toThrow(TypeError);
  });
});
