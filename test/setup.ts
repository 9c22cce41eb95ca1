import 'aws-sdk-client-mock-vitest/extend';
import * as nodeBuffer from 'node:buffer';
import { createHash } from 'node:crypto';
import {
  asciiDecoderFromNodeBuffer,
  provideAsciiDecoder,
  provideSha256,
  sha256FromCreateHash,
} from '@vigil/core';

// Handlers read these once at module load; set them before any import of a handler.
process.env.POWERTOOLS_DEV = 'true';
process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
process.env.AWS_REGION = 'eu-west-1';
process.env.AWS_ACCESS_KEY_ID = 'test';
process.env.AWS_SECRET_ACCESS_KEY = 'test';
// s3rver de-chunks only signed streaming payloads; the SDK's default CRC trailers break it.
process.env.AWS_REQUEST_CHECKSUM_CALCULATION = 'WHEN_REQUIRED';
process.env.AWS_RESPONSE_CHECKSUM_VALIDATION = 'WHEN_REQUIRED';

// Core's SHA-256 port, as the Lambda runtime and the CLI install it.
provideSha256(sha256FromCreateHash(createHash));
// And its ASCII decoding fast path (tests of the TextDecoder path remove it for their duration).
provideAsciiDecoder(asciiDecoderFromNodeBuffer(nodeBuffer));
