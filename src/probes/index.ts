// probes stage, public surface: availability probes of homepages.
export { probeUrl, type ProbeOptions } from './probe.ts';
export { judgeAvailability, type AvailabilityJudgement } from './availability.ts';
export * from './ipv6.ts';
