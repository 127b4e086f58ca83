import { Runtime } from "@layer8/proto";
import { benchClient } from "./dist/bench-client.js";
const client = benchClient(Runtime, process.argv[2]);
const c = Number(process.argv[3]);
await client.saveState({ storeName: "bench", states: [{ key: "k", value: new Uint8Array(100).fill(7) }] });
const stop = Date.now() + 6000; let n = 0; const lat = [];
await Promise.all(Array.from({ length: c }, async () => { while (Date.now() < stop) { const s = performance.now(); await client.getState({ storeName: "bench", key: "k" }); lat.push(performance.now() - s); n++; } }));
lat.sort((a, b) => a - b);
console.log("calls", n, "p50", lat[lat.length >> 1].toFixed(3));
