import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'convergent:public';

// Access is denied by default (AuthGuard); this marks the few operations open without a credential.
export const Public = () => SetMetadata(IS_PUBLIC, true);
