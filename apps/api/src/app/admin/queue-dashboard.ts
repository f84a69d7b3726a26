import type { OnModuleInit } from '@nestjs/common';
import type { HttpAdapterHost } from '@nestjs/core';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { QUEUES } from '@convergent/shared-util-contracts';
import type { JobQueues } from '@convergent/platform-data-access-queue';
import type { PlatformAdminAuthenticator } from './platform-admin-auth';

export const QUEUE_DASHBOARD_PATH = '/admin/queues';

interface HttpRequest {
  headers: { authorization?: string };
  ip?: string;
}
interface HttpResponse {
  status(code: number): HttpResponse;
  setHeader(name: string, value: string): void;
  json(body: unknown): void;
}
type Middleware = (req: HttpRequest, res: HttpResponse, next: () => void) => void;

// Bull Board over every queue (waiting, active, delayed, completed and failed jobs with their
// errors and progress; retry from the UI), mounted in the API for platform administrators only.
export class QueueDashboard implements OnModuleInit {
  constructor(
    private readonly http: HttpAdapterHost,
    private readonly queues: JobQueues,
    private readonly auth: PlatformAdminAuthenticator,
  ) {}

  onModuleInit(): void {
    const board = new ExpressAdapter();
    board.setBasePath(QUEUE_DASHBOARD_PATH);
    createBullBoard({
      queues: Object.values(QUEUES).map((name) => new BullMQAdapter(this.queues.queue(name))),
      // @bull-board/express 9.10.1 carries its own copy of @bull-board/api 9.10.1; the adapter
      // interface is the same as 9.10.2's, but TypeScript sees two declarations.
      serverAdapter: board as unknown as Parameters<typeof createBullBoard>[0]['serverAdapter'],
    });
    // Express's own prefix mount: the board's router sees paths relative to the dashboard.
    const express = this.http.httpAdapter.getInstance<{
      use(path: string, ...handlers: Middleware[]): void;
    }>();
    express.use(QUEUE_DASHBOARD_PATH, this.guard(), board.getRouter() as Middleware);
  }

  private guard(): Middleware {
    return (req, res, next) => {
      this.auth.check(req.headers.authorization, req.ip ?? 'unknown').then(
        (decision) => {
          if (decision.allowed) return next();
          if (decision.status === 401) res.setHeader('WWW-Authenticate', 'Basic realm="Convergent platform"');
          res.status(decision.status).json({ error: decision.message });
        },
        () => res.status(500).json({ error: 'could not check the credentials' }),
      );
    };
  }
}
