/**
 * node:http for the Lambda bundles (an esbuild alias, see infra/lambda-bundling.ts), as CommonJS exports.
 * An ES module import of node:http makes Node build the module's ESM namespace, which reads every export,
 * including the lazy WebSocket, CloseEvent and MessageEvent getters: that loads Node's internal undici, about
 * 15-20 ms of every cold start for a function that only wants STATUS_CODES (which @middy/util imports). The
 * Lambda runtime loads node:http through require(), so it has not paid that either. Through this file the
 * bundle takes the same exports object and reads only what it uses.
 */
module.exports = process.getBuiltinModule("node:http");
