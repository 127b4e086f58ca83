// @ts-check
// The State API through a Layer8 sidecar: save, read with an etag, a refused stale write, and a
// transaction. Plain JavaScript so that `node main.mjs` runs it as it is, with no build step;
// `// @ts-check` still has TypeScript check it against the SDK's types (`pnpm typecheck`).
import { Code, createLayer8Client, DEFAULT_ADDRESS, isLayer8Error } from "@layer8/sdk";

// An application, unlike a library, may read its environment.
const address = process.env.LAYER8_ADDRESS ?? DEFAULT_ADDRESS;
const client = createLayer8Client({ address, timeoutMs: 5_000 });
// The store named `default` is the one the sidecar has when started without a config.
const orders = client.state("default");

const encoder = new TextEncoder();
const decoder = new TextDecoder();
/** @param {unknown} value */
const toBytes = (value) => encoder.encode(JSON.stringify(value));
/** @param {Uint8Array} data */
const fromBytes = (data) => (data.byteLength === 0 ? null : JSON.parse(decoder.decode(data)));

try {
  const { hello } = await client.sayHello({ name: "state-quickstart" });
  console.log(`connected to the sidecar at ${address}: ${hello}`);

  await orders.save({ key: "order-1", value: toBytes({ status: "new", total: 42 }) });
  console.log("saved order-1");

  const first = await orders.get({ key: "order-1" });
  console.log(`read order-1: ${JSON.stringify(fromBytes(first.data))} (etag ${first.etag})`);

  // A write that passes the etag it read succeeds only if nobody wrote in between.
  await orders.save({
    key: "order-1",
    value: toBytes({ status: "paid", total: 42 }),
    etag: first.etag,
  });
  const paid = await orders.get({ key: "order-1" });
  console.log(`updated order-1 with etag ${first.etag}: now status paid (etag ${paid.etag})`);

  // Writing again with the old etag is what a second, slower writer would do: it is refused.
  try {
    await orders.save({
      key: "order-1",
      value: toBytes({ status: "cancelled" }),
      etag: first.etag,
    });
    throw new Error("the stale write was accepted");
  } catch (error) {
    if (!(isLayer8Error(error) && error.code === Code.Aborted)) throw error;
    console.log(`stale etag ${first.etag} refused with ABORTED: ${error.rawMessage}`);
  }

  // All or nothing: order-1 moves to the archive and order-2 is created in one step.
  await orders.transact({
    operations: [
      { operation: "upsert", request: { key: "archive-order-1", value: paid.data } },
      { operation: "delete", request: { key: "order-1", etag: paid.etag } },
      {
        operation: "upsert",
        request: { key: "order-2", value: toBytes({ status: "new", total: 7 }) },
      },
    ],
  });
  const items = await orders.bulkGet({ keys: ["order-1", "archive-order-1", "order-2"] });
  console.log("after the transaction:");
  for (const item of items) console.log(`  ${item.key} = ${JSON.stringify(fromBytes(item.data))}`);
} catch (error) {
  process.exitCode = 1;
  if (isLayer8Error(error) && error.code === Code.Unavailable) {
    console.error(
      `no sidecar answers at ${address} (${error.rawMessage}); start one with \`npm start\``,
    );
  } else {
    console.error(error);
  }
} finally {
  await client.close();
}
