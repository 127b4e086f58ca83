// Every building block of a Layer8 sidecar, one after the other, through @layer8/sdk: each
// section of the client (`client.state`, `client.lock`, ...) is generated from the proto, one
// method per rpc, taking the request message as an object.
import { Code, createLayer8Client, DEFAULT_ADDRESS, isLayer8Error, proto } from "@layer8/sdk";

// An application, unlike a library, may read its environment.
const address = process.env.LAYER8_ADDRESS ?? DEFAULT_ADDRESS;
const client = createLayer8Client({ address, timeoutMs: 5_000 });
// `npm start` gives every block one component, named `default`.
const storeName = "default";
const encoder = new TextEncoder();
const decoder = new TextDecoder();

async function main(): Promise<void> {
  const { hello } = await client.sayHello({ name: "ts-quickstart" });
  console.log(`connected to the sidecar at ${address}: ${hello}`);

  // State, with the same API as the embedded @layer8/state (values are bytes).
  const carts = client.state(storeName);
  await carts.save({ key: "cart-1", value: encoder.encode('{"items":2}') });
  const cart = await carts.get({ key: "cart-1" });
  console.log(`state: cart-1 = ${decoder.decode(cart.data)}`);

  // Lock: one owner at a time; the lease (`expire`, in seconds) frees it if the owner dies.
  const lock = { storeName, resourceId: "invoice-42" };
  const mine = await client.lock.tryLock({ ...lock, lockOwner: "worker-a", expire: 10 });
  const theirs = await client.lock.tryLock({ ...lock, lockOwner: "worker-b", expire: 10 });
  const { status } = await client.lock.unlock({ ...lock, lockOwner: "worker-a" });
  console.log(
    `lock: worker-a got it: ${mine.success}, worker-b got it: ${theirs.success}, unlock: ${proto.UnlockResponse_Status[status]}`,
  );

  // Sequencer: ids are int64, so they arrive as bigint and never lose precision.
  const first = await client.sequencer.getNextId({ storeName, key: "orders" });
  const second = await client.sequencer.getNextId({ storeName, key: "orders" });
  console.log(`sequencer: ${typeof first.nextId} ids ${first.nextId} then ${second.nextId}`);

  // Configuration: items by key, in a group (here the store's default).
  await client.configuration.save({ storeName, items: [{ key: "theme", content: "dark" }] });
  const { items } = await client.configuration.get({ storeName, keys: ["theme"] });
  console.log(`configuration: theme = ${items[0]?.content}`);

  // Files: an upload takes an async iterable of chunks; a download is one.
  async function* chunks() {
    for (const line of ["hello ", "from ", "layer8\n"]) {
      yield { storeName, name: "quickstart/hello.txt", data: encoder.encode(line) };
    }
  }
  await client.file.put(chunks());
  let content = "";
  for await (const chunk of client.file.get({ storeName, name: "quickstart/hello.txt" })) {
    content += decoder.decode(chunk.data);
  }
  const meta = await client.file.getMeta({ request: { storeName, name: "quickstart/hello.txt" } });
  const { files } = await client.file.list({ request: { storeName, name: "quickstart/" } });
  await client.file.delete({ request: { storeName, name: "quickstart/hello.txt" } });
  console.log(
    `file: ${JSON.stringify(content)} (${meta.size} bytes), listed ${files.map((f) => f.fileName).join(", ")}, then deleted`,
  );

  await pubsub();
}

/**
 * Pub/sub through a streaming subscription: the client sends an initial request, the sidecar
 * confirms it, then streams events; the client answers each with a status. (An app that serves
 * AppCallback gets events pushed instead: see `serveAppCallback` in the SDK's README.)
 */
async function pubsub(): Promise<void> {
  const subscription = { pubsubName: storeName, topic: "orders" };
  const processed: string[] = [];
  let wake = () => {};
  // The request side of the stream: the initial request, then one answer per event processed.
  async function* requests() {
    yield {
      subscribeTopicEventsRequestType: { case: "initialRequest" as const, value: subscription },
    };
    for (;;) {
      const id = processed.shift();
      if (id === undefined) await new Promise<void>((resolve) => (wake = resolve));
      else {
        const status = { status: proto.TopicEventResponse_TopicEventResponseStatus.SUCCESS };
        yield {
          subscribeTopicEventsRequestType: {
            case: "eventProcessed" as const,
            value: { id, status },
          },
        };
        return; // one event is enough here; ending our side ends the subscription
      }
    }
  }
  for await (const response of client.pubsub.subscribe(requests())) {
    const message = response.subscribeTopicEventsResponseType;
    if (message.case === "initialResponse") {
      // Subscribed: what is published from now on reaches this stream.
      await client.pubsub.publish({ ...subscription, data: encoder.encode("order placed") });
    } else if (message.case === "eventMessage") {
      const event = message.value;
      console.log(
        `pubsub: received ${JSON.stringify(decoder.decode(event.data))} on ${event.topic}`,
      );
      processed.push(event.id);
      wake();
    }
  }
}

try {
  await main();
} catch (error) {
  if (isLayer8Error(error) && error.code === Code.Unavailable) {
    console.error(
      `no sidecar answers at ${address}; start one with \`npm start\` at the repository root`,
    );
    process.exitCode = 1;
  } else throw error;
} finally {
  await client.close();
}
