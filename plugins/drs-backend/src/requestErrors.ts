import { ConflictError, InputError } from '@backstage/errors';
import { ErrorRequestHandler, Request, Response } from 'express';

/** The largest JSON body the API reads; the largest valid plan (20 waves × 100 servers) is under 50 KB. */
export const MAX_BODY_BYTES = 512 * 1024;

const LONE_SURROGATE = /\p{Cs}/u;

/**
 * Refuses strings that are not well-formed Unicode (a lone surrogate such as `"\ud800"`):
 * DynamoDB stores UTF-8, which cannot encode them. Thrown while parsing, so the body is refused
 * like any other invalid JSON.
 */
export function refuseLoneSurrogates(key: string, value: unknown): unknown {
  if (
    LONE_SURROGATE.test(key) ||
    (typeof value === 'string' && LONE_SURROGATE.test(value))
  ) {
    throw new SyntaxError(
      'it contains a lone UTF-16 surrogate (\\ud800-\\udfff), which is not a character',
    );
  }
  return value;
}

/** Answers in the shape of Backstage's own error handler, so clients parse every error alike. */
function sendError(
  req: Request,
  res: Response,
  statusCode: number,
  error: { name: string; message: string },
  extra: Record<string, unknown> = {},
) {
  res.status(statusCode).json({
    error,
    ...extra,
    request: { method: req.method, url: req.url },
    response: { statusCode },
  });
}

/** An error thrown by body-parser (http-errors): a status, a `type`, and a message safe to show. */
interface BodyParserError {
  name: string;
  status: number;
  type: string;
  message: string;
  length?: number;
  charset?: string;
  encoding?: string;
}

function isBodyParserError(error: unknown): error is BodyParserError {
  const e = error as Partial<BodyParserError> & { expose?: boolean };
  return (
    typeof e?.type === 'string' &&
    typeof e.status === 'number' &&
    e.status >= 400 &&
    e.status < 500 &&
    e.expose === true
  );
}

function bodyParserMessage(error: BodyParserError): string {
  switch (error.type) {
    case 'entity.parse.failed':
      return `The request body is not a valid JSON object (${error.message}). Send a JSON object with Content-Type: application/json.`;
    case 'entity.too.large':
      return `The request body is ${Math.ceil(
        (error.length ?? 0) / 1024,
      )} KB; this API accepts at most ${
        MAX_BODY_BYTES / 1024
      } KB. A recovery plan of 20 waves of 100 servers needs far less: check what is being sent.`;
    case 'charset.unsupported':
      return `The request body's charset ${JSON.stringify(
        error.charset,
      )} is not supported; send JSON in UTF-8.`;
    case 'encoding.unsupported':
      return `Content-Encoding ${JSON.stringify(
        error.encoding,
      )} is not supported; send the body uncompressed, gzip or deflate.`;
    default:
      return `The request body could not be read (${error.message}); send it again.`;
  }
}

/**
 * Failures of the HTTP layer before a route runs (a body that is not JSON or too large, a URL
 * that cannot be decoded), answered as 4xx with a message a person can act on. Body-parser's own
 * errors would echo the whole request body back and say little more than "request entity too large".
 */
export const httpLayerErrors: ErrorRequestHandler = (error, req, res, next) => {
  if (isBodyParserError(error)) {
    sendError(req, res, error.status, {
      name: error.status === 400 ? 'InputError' : error.name,
      message: bodyParserMessage(error),
    });
  } else if (
    error instanceof URIError &&
    (error as { status?: number }).status === 400
  ) {
    // Express cannot decode a route parameter, e.g. a lone `%E0` in the entity name.
    sendError(req, res, 400, {
      name: 'InputError',
      message: `The URL is not validly percent-encoded (${error.message}); encode each path segment with encodeURIComponent.`,
    });
  } else {
    next(error);
  }
};

/**
 * A refusal that carries figures beside its message (a plan's issues and its servers' readiness,
 * a data-loss window): 400 or 409 with them in the body, so a client shows what to change.
 */
export const errorsWithDetails: ErrorRequestHandler = (
  error,
  req,
  res,
  next,
) => {
  const details = (error as { details?: unknown })?.details;
  const statusCode =
    (error instanceof InputError && 400) ||
    (error instanceof ConflictError && 409);
  if (!statusCode || typeof details !== 'object' || details === null) {
    next(error);
    return;
  }
  sendError(
    req,
    res,
    statusCode,
    { name: error.name, message: error.message },
    details as Record<string, unknown>,
  );
};
