// Free TCP ports for the processes a bench run starts: the test harnesses' helper, one implementation.
export { freePort } from '../../support/processes.ts';
