// storage stage, public surface: the one place SQL lives. Other stages use Store and never see the database.
import { openDatabase, type Db } from './db.ts';
import { FindingStore } from './findings.ts';
import { PageStore } from './pages.ts';
import { RunStore } from './runs.ts';
import { SnapshotStore } from './snapshots.ts';
import { ProbeStore } from './probes.ts';
import { Ipv6Store } from './ipv6.ts';
import { UserStore } from './users.ts';
import { SessionStore } from './sessions.ts';
import { FindingMarkStore } from './finding-marks.ts';
import { DashboardStore } from './dashboard.ts';
import { ReportStore } from './reports.ts';
import { AlertStore } from './alerts.ts';

export { findingId, type FindingFilter } from './findings.ts';
export { AlertStore, type Delivery, type DeliveryStatus, type NewDelivery, type AlertState, type JobRun, type PruneResult } from './alerts.ts';
export type { RunRow } from './runs.ts';
export type { PageRecord, StoredLink, Occurrence, TargetSummary } from './pages.ts';
export { openDatabase, migrate, type Db } from './db.ts';
export { Ipv6Store, type StoredIpv6Result } from './ipv6.ts';
export { SnapshotStore, HOMEPAGE_COLUMN, type ColumnSnapshot, type SnapshotItem } from './snapshots.ts';
export { UserStore, type WebUser, type WebRole } from './users.ts';
export { SessionStore, type WebSession } from './sessions.ts';
export { FindingMarkStore, type FindingMark, type MarkKind } from './finding-marks.ts';
export { DashboardStore, type RunSummary } from './dashboard.ts';
export { ProbeStore, type ProbeRecord, type StoredProbe, type ProbeWindow } from './probes.ts';
export { ReportStore, type StoredReport } from './reports.ts';

/** The product's database: runs, pages, links and findings; later stages add their stores here. */
export class Store {
  readonly runs: RunStore;
  readonly pages: PageStore;
  readonly findings: FindingStore;
  readonly ipv6: Ipv6Store;
  readonly snapshots: SnapshotStore;
  readonly probes: ProbeStore;
  readonly users: UserStore;
  readonly sessions: SessionStore;
  readonly marks: FindingMarkStore;
  readonly dashboard: DashboardStore;
  readonly reports: ReportStore;
  readonly alerts: AlertStore;

  constructor(readonly db: Db) {
    this.runs = new RunStore(db);
    this.alerts = new AlertStore(db);
    this.pages = new PageStore(db);
    this.findings = new FindingStore(db);
    this.ipv6 = new Ipv6Store(db);
    this.snapshots = new SnapshotStore(db);
    this.probes = new ProbeStore(db);
    this.users = new UserStore(db);
    this.sessions = new SessionStore(db);
    this.marks = new FindingMarkStore(db);
    this.dashboard = new DashboardStore(db);
    this.reports = new ReportStore(db);
  }

  /** Opens the database in a data folder. */
  static open(dataDir: string): Store {
    return new Store(openDatabase(dataDir));
  }

  /** Runs `fn` in one transaction (nested calls become savepoints): all of its writes land, or none. */
  atomically<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  close(): void {
    this.db.close();
  }
}
