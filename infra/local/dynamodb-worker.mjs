// dynalite in a worker thread: DynamoDB's work runs on the second core while the handlers run on the first.
import { parentPort, workerData } from "node:worker_threads";
import dynalite from "dynalite";
import dynaliteDb from "dynalite/db/index.js";
import { meteredListener, meterIndexWrites } from "./dynamodb-metering.mjs";

const server = dynalite({ path: workerData.path, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
// A runtime with a meter gets the metering hooks; they count only while the meter turns metering on.
let metering = false;
if (workerData.meter) {
  const isOn = () => metering;
  const [serve] = server.listeners("request");
  server.removeAllListeners("request");
  server.on(
    "request",
    meteredListener(serve, isOn, (request) => parentPort.postMessage({ usage: request })),
  );
  meterIndexWrites(dynaliteDb, isOn, (indexWriteUnits) =>
    parentPort.postMessage({ usage: { indexWriteUnits } }),
  );
}
server.once("error", (error) => parentPort.postMessage({ error: error.message }));
server.listen(workerData.port, workerData.host, () =>
  parentPort.postMessage({ port: server.address().port }),
);
parentPort.on("message", (message) => {
  if (message === "close") {
    server.close(() => parentPort.postMessage({ closed: true }));
    server.closeAllConnections();
    return;
  }
  // Replies follow every usage report posted before them (one port keeps its order): a flush needs no more.
  if (message?.meter !== undefined) metering = message.meter === true;
  if (message?.id !== undefined) parentPort.postMessage({ reply: message.id });
});
