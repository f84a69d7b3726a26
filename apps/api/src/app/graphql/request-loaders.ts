import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';

// DataLoaders live exactly as long as one GraphQL request: they are kept against the request
// object (HTTP request, or one WebSocket operation's context) and dropped with it, so a cache never
// serves one request's rows, or one user's visibility, to another.
@Injectable()
export class RequestLoaders {
  private readonly perRequest = new WeakMap<object, Map<string, unknown>>();

  get<K, V, C = K>(request: object, name: string, create: () => DataLoader<K, V, C>): DataLoader<K, V, C> {
    let loaders = this.perRequest.get(request);
    if (!loaders) {
      loaders = new Map();
      this.perRequest.set(request, loaders);
    }
    let loader = loaders.get(name) as DataLoader<K, V, C> | undefined;
    if (!loader) {
      loader = create();
      loaders.set(name, loader);
    }
    return loader;
  }
}

export { DataLoader };
