/**
 * The multipart/form-data parser (@middy/http-multipart-body-parser, on busboy), with the limits of
 * shared/http/multipart.ts. A handler that takes files imports it and hands it to httpHandler
 * (`{ body: "multipart", multipartParser }`): so only its bundle carries busboy (~29 KiB minified), not every
 * HTTP function's.
 */
import type middy from "@middy/core";
import httpMultipartBodyParser from "@middy/http-multipart-body-parser";
import type { APIGatewayProxyEventV2 } from "aws-lambda";
import type { HttpEvent } from "./http-handler.ts";
import { MULTIPART_OPTIONS } from "./multipart.ts";

export function multipartParser(): middy.MiddlewareObj<HttpEvent> {
  return httpMultipartBodyParser<APIGatewayProxyEventV2>(
    MULTIPART_OPTIONS,
  ) as unknown as middy.MiddlewareObj<HttpEvent>;
}
