import { describe, expect, it } from "vitest";
import { completeEnvelope, decodeEnvelope, encodeEnvelope } from "./cloud-event.js";

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const attributes = {
  id: "e1",
  source: "shop",
  type: "com.example.t",
  datacontenttype: "application/json",
  topic: "orders",
  pubsubname: "events",
  time: "2024-01-01T00:00:00.000Z",
};

describe("CloudEvents envelope (JSON structured mode)", () => {
  it("embeds JSON data as JSON, so any CloudEvents reader sees a structured value", () => {
    const envelope = JSON.parse(
      decoder.decode(encodeEnvelope(attributes, encoder.encode('{"n":1}'))),
    );
    expect(envelope).toEqual({ specversion: "1.0", ...attributes, data: { n: 1 } });
  });

  it("carries text as a string and binary as data_base64", () => {
    const textual = JSON.parse(
      decoder.decode(
        encodeEnvelope({ ...attributes, datacontenttype: "text/plain" }, encoder.encode("hé")),
      ),
    );
    expect(textual.data).toBe("hé");
    const binary = JSON.parse(
      decoder.decode(
        encodeEnvelope(
          { ...attributes, datacontenttype: "application/octet-stream" },
          Uint8Array.from([0, 255]),
        ),
      ),
    );
    expect(binary.data_base64).toBe("AP8=");
    expect(binary.data).toBeUndefined();
  });

  it("leaves out empty data and undefined attributes", () => {
    const envelope = JSON.parse(
      decoder.decode(encodeEnvelope({ ...attributes, subject: undefined }, new Uint8Array(0))),
    );
    expect(envelope).not.toHaveProperty("data");
    expect(envelope).not.toHaveProperty("data_base64");
    expect(envelope).not.toHaveProperty("subject");
  });

  it("reads an envelope Dapr wrote: JSON data as its source text, extensions as metadata", () => {
    const dapr = encoder.encode(
      '{"data":{"orderId":100},"datacontenttype":"application/json","id":"9b6767c3","pubsubname":"order-pub-sub","source":"checkout","specversion":"1.0","topic":"orders","traceid":"00-1-2-01","traceparent":"00-1-2-01","tracestate":"","type":"com.dapr.event.sent"}',
    );
    const decoded = decodeEnvelope(dapr)!;
    expect(decoded).toMatchObject({
      id: "9b6767c3",
      source: "checkout",
      type: "com.dapr.event.sent",
      specVersion: "1.0",
      dataContentType: "application/json",
    });
    expect(decoder.decode(decoded.data)).toBe('{"orderId":100}');
    expect(decoded.attributes).toMatchObject({ traceid: "00-1-2-01", topic: "orders" });
  });

  it("reads data without a datacontenttype as JSON (the CloudEvents JSON format's default)", () => {
    const decoded = decodeEnvelope(encoder.encode('{"specversion":"1.0","id":"x","data":"s"}'))!;
    expect(decoded.dataContentType).toBe("application/json");
    expect(decoder.decode(decoded.data)).toBe('"s"');
  });

  it("answers undefined for bytes that are no CloudEvent", () => {
    for (const bytes of ["hello", "[1]", '{"id":"no specversion"}', "{broken"]) {
      expect(decodeEnvelope(encoder.encode(bytes)), bytes).toBeUndefined();
    }
    expect(decodeEnvelope(Uint8Array.from([0xff, 0x7b]))).toBeUndefined();
  });

  it("completes an app's own CloudEvent, keeping its values' source text", () => {
    const own = '{"id":"mine","data":{"big":12345678901234567890},"specversion":"1.0"}';
    const completed = decoder.decode(
      completeEnvelope(own, { id: "default", source: "app" }, { topic: "t", type: undefined }),
    );
    expect(completed).toBe(
      '{"id":"mine","data":{"big":12345678901234567890},"specversion":"1.0","source":"app","topic":"t"}',
    );
  });
});
