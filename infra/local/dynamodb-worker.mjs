// dynalite in a worker thread: DynamoDB's work runs on the second core while the handlers run on the first.
import { parentPort, workerData } from "node:worker_threads";
import dynalite from "dynalite";

const server = dynalite({ path: workerData.path, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
server.once("error", (error) => parentPort.postMessage({ error: error.message }));
server.listen(workerData.port, workerData.host, () =>
  parentPort.postMessage({ port: server.address().port }),
);
parentPort.on("message", (message) => {
  if (message !== "close") return;
  server.close(() => parentPort.postMessage({ closed: true }));
  server.closeAllConnections();
});
