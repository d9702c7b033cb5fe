// scheduler stage, public surface: the `serve` service, its scheduler and jobs, and the clock they run on.
export { startService, type Service, type ServiceOptions } from './service.ts';
export { Scheduler, type JobSpec, type JobContext, type JobEvent, type SchedulerOptions, type StopResult } from './scheduler.ts';
export { createJobs, JOB_NAMES, type JobDeps } from './jobs.ts';
export { systemClock, type Clock } from './clock.ts';
