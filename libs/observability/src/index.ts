export {
  acceptedRequestId,
  currentRequestScope,
  isSaneRequestId,
  type RequestScope,
  runInRequestScope,
} from './request-context';
export { traceHooks } from './trace-hooks';
export { startTracing, type Tracing } from './tracing';
