import { describe, expect, it } from "vitest";
import { GoImports } from "./go-imports.js";
import { goCamelCase, parseGoPackage } from "./go-names.js";

describe("goCamelCase: names as protoc-gen-go spells them, so the client calls real stubs", () => {
  it.each([
    ["GetNextId", "GetNextId"],
    ["getState", "GetState"],
    ["get_next_id", "GetNextId"],
    ["TopicEventResponse.TopicEventResponseStatus", "TopicEventResponse_TopicEventResponseStatus"],
    ["_private", "XPrivate"],
    ["v1_alpha2", "V1Alpha2"],
    ["HTTPExtension", "HTTPExtension"],
    ["list_file_resp", "ListFileResp"],
  ])("%s -> %s", (name, go) => {
    expect(goCamelCase(name)).toBe(go);
  });
});

describe("parseGoPackage", () => {
  it("names the package after the path's last element, or the name after ';'", () => {
    expect(parseGoPackage("github.com/x/sdks/go/runtimev1")).toEqual({
      path: "github.com/x/sdks/go/runtimev1",
      name: "runtimev1",
    });
    expect(parseGoPackage("example.com/api/v1;apiv1")).toEqual({
      path: "example.com/api/v1",
      name: "apiv1",
    });
    expect(parseGoPackage("example.com/my-api").name).toBe("my_api");
  });
});

describe("GoImports", () => {
  it("writes the standard library first, each group sorted, aliases only where needed", () => {
    const imports = new GoImports();
    expect(imports.use({ path: "google.golang.org/grpc", name: "grpc" })).toBe("grpc");
    expect(imports.std("iter")).toBe("iter");
    expect(imports.use({ path: "example.com/api/v1", name: "apiv1" })).toBe("apiv1");
    expect(imports.std("context")).toBe("context");
    expect(imports.render()).toBe(
      'import (\n\t"context"\n\t"iter"\n\n\tapiv1 "example.com/api/v1"\n\t"google.golang.org/grpc"\n)\n',
    );
  });

  it("gives a second package of the same name another one", () => {
    const imports = new GoImports();
    expect(imports.use({ path: "a.com/v1", name: "v1" })).toBe("v1");
    expect(imports.use({ path: "b.com/v1", name: "v1" })).toBe("v12");
    expect(imports.use({ path: "a.com/v1", name: "v1" })).toBe("v1");
  });
});
