import getRawBody from 'raw-body';
import type { Context } from 'koa';
import { BadRequestError } from '../bad-request.ts';

/** Callbacks are small (a few KiB); anything near this is not WeCom. */
export const DEFAULT_BODY_LIMIT = 64 * 1024;

/**
 * Reads the raw request body as UTF-8 text with a byte limit. The raw text is needed because the
 * signature covers the exact `Encrypt` string; a JSON/XML body parser in front of these routes would
 * have consumed the stream, so none must be mounted on them.
 */
export async function readBody(ctx: Context, limit = DEFAULT_BODY_LIMIT): Promise<string> {
  try {
    return await getRawBody(ctx.req, { limit, length: ctx.request.length ?? null, encoding: 'utf-8' });
  } catch (err) {
    const status = (err as { status?: number }).status;
    if (status === 413) {
      // Do not keep a connection whose unread remainder we refuse to read.
      ctx.set('Connection', 'close');
      throw new BadRequestError('请求体过大', 413);
    }
    throw new BadRequestError('请求体读取失败', 400);
  }
}
