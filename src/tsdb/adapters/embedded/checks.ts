// Input checks of the embedded adapter, thrown as 400 AppErrors (the routes validate shape too; the
// adapter re-checks because the data plane and tests call it directly).
import { badRequest } from '../../../errors.ts';
import { invalidNameReason } from './names.ts';

export const MAX_PASSWORD_LENGTH = 1024;

export function checkName(kind: 'database' | 'user', name: unknown): asserts name is string {
  const reason = invalidNameReason(kind, name);
  if (reason) throw badRequest(reason);
}

export function checkPassword(password: unknown): void {
  if (typeof password !== 'string' || password === '') throw badRequest('password is required');
  if (password.length > MAX_PASSWORD_LENGTH) throw badRequest(`password is longer than ${MAX_PASSWORD_LENGTH} characters`);
}

export function checkPrivilege(privilege: unknown, allowed: readonly string[]): void {
  if (typeof privilege !== 'string' || !allowed.includes(privilege)) {
    throw badRequest(`privileges must be one of: ${allowed.join(', ')}`);
  }
}
