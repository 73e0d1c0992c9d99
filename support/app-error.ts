// The status an AppError thrown by a synchronous call carries, for table tests of the rules that throw
// them: 0 when nothing is thrown, -1 for any other error (so a TypeError never passes for a 4xx).
import { AppError } from '../src/errors.ts';

export function statusOf(fn: () => unknown): number {
  try {
    fn();
  } catch (e) {
    return e instanceof AppError ? e.statusCode : -1;
  }
  return 0;
}
