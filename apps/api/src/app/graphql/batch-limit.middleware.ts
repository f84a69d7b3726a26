// The parts of Express's request and response the check uses.
interface BatchRequest {
  body?: unknown;
}
interface BatchResponse {
  status(code: number): { json(body: unknown): unknown };
}

// Apollo runs every operation of a batched HTTP request (a JSON array); a cap keeps one request
// from standing in for hundreds (a hundred login attempts, say).
export function batchLimitMiddleware(maxBatch: number) {
  return (req: BatchRequest, res: BatchResponse, next: () => void): void => {
    const body = req.body;
    if (Array.isArray(body) && body.length > maxBatch) {
      res.status(400).json({
        errors: [
          {
            message: `a batch may hold at most ${maxBatch} operations; this one has ${body.length}`,
            extensions: { code: 'BATCH_TOO_LARGE', batchSize: body.length, maxBatchSize: maxBatch },
          },
        ],
      });
      return;
    }
    next();
  };
}
