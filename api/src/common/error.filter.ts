import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import type { ErrorBody, ErrorCode, Problem } from '@navette/contracts';
import type { Request, Response } from 'express';
import { isRetryableConflict } from '@navette/sql';
import { AppError } from './app-error.js';
import { problemCatalogue, problemLanguage, problemType } from './problem-catalogue.js';

const codeOfStatus: Record<number, ErrorCode> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
};

/** Messages for errors raised by express's body parser, by their `type`. */
const bodyParserMessages: Record<string, string> = {
  'entity.too.large': 'request body is too large',
  'entity.parse.failed': 'request body is not valid JSON',
  'charset.unsupported': 'request body must be UTF-8 JSON',
  'encoding.unsupported': 'request body has an unsupported content encoding',
};

/** Turns anything thrown into an error body with a code from contracts. */
export function toErrorBody(error: unknown): ErrorBody {
  if (error instanceof AppError) return error.toBody();
  if (error instanceof HttpException) {
    const statusCode = error.getStatus();
    const code = codeOfStatus[statusCode] ?? 'INTERNAL';
    // Nest wraps body-parser errors (malformed JSON, too large) with the original as the cause.
    const parserType = (error.cause as { type?: unknown } | undefined)?.type;
    if (typeof parserType === 'string' && bodyParserMessages[parserType]) {
      return { statusCode, code, message: bodyParserMessages[parserType], field: 'body' };
    }
    // Express could not decode a path parameter (`%ED%A0%80`, a lone `%`).
    if (error.cause instanceof URIError) {
      return { statusCode, code, message: 'the path has a malformed percent-encoding', field: 'path' };
    }
    const response = error.getResponse();
    const message =
      typeof response === 'object' && response && 'message' in response
        ? String(response.message)
        : error.message;
    return { statusCode, code, message };
  }
  // A deadlock or serialisation failure that outlived its bounded retries (@navette/sql): the
  // request collided with others and nothing was written; a 409 says to send it again, not a 500.
  if (isRetryableConflict(error)) {
    return {
      statusCode: 409,
      code: 'CONFLICT',
      message: 'the request collided with other changes to the same rides; send it again',
    };
  }
  return { statusCode: 500, code: 'INTERNAL', message: 'internal error' };
}

/** The media type of every error answer (RFC 9457). */
export const PROBLEM_MEDIA_TYPE = 'application/problem+json';

/**
 * The error as an RFC 9457 problem in `acceptLanguage`'s language (fr or en): `title` from the
 * catalogue; `detail` the English message, or the catalogue's detail in another language.
 */
export function toProblem(body: ErrorBody, acceptLanguage: string | undefined, instance?: string): Problem {
  const language = problemLanguage(acceptLanguage);
  const text = problemCatalogue[language][body.code];
  return {
    type: problemType(body.code),
    title: text.title,
    status: body.statusCode,
    detail: language === 'en' ? body.message : text.detail(body.field),
    ...(instance === undefined ? {} : { instance }),
    ...body,
  };
}

@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('ErrorFilter');

  catch(error: unknown, host: ArgumentsHost): void {
    const body = toErrorBody(error);
    if (body.statusCode >= 500) this.logger.error(error instanceof Error ? error.stack : String(error));
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const problem = toProblem(body, request.get('accept-language'), request.originalUrl.split('?')[0]);
    http
      .getResponse<Response>()
      .status(body.statusCode)
      .type(PROBLEM_MEDIA_TYPE)
      .set('Content-Language', problemLanguage(request.get('accept-language')))
      .vary('Accept-Language')
      .json(problem);
  }
}
