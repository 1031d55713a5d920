/**
 * The measures engine: keeps each measure's facts up to date from the records (incrementally, and in full once a
 * day), works out figures for any period with RAG, direction and comparators, and publishes snapshots that can
 * be reproduced and explained later. The front door and domestic abuse pages are views of this, not separate code.
 */
import { sql } from 'drizzle-orm';
import { type Database, transaction } from '../../db/client.js';
import { type Viewer } from '../../domain/access.js';
import { formatDate } from '../../domain/dates.js';
import { type Change, type Counts, type Figure, type Rag, compare, figureOf, ragOf } from '../../domain/measures/compute.js';
import { COMPARATOR_KINDS, type ComparatorKind, type Dimension, MEASURES, type MeasureDefinition, measureById } from '../../domain/measures/definitions.js';
import { type Period, type PeriodType, financialYearOf, monthsOf, periodContaining, periodsEnding, previousPeriod } from '../../domain/measures/periods.js';
import { type LocalDate, addDays, londonDate } from '../../domain/time.js';
import { type Actor, type AuditTrail } from '../../platform/audit.js';
import * as daRepo from './domestic-abuse-repository.js';
import * as repo from './repository.js';
import * as settings from './settings-repository.js';

/** The partnership's scorecard until someone chooses: a small set on purpose. */
export const DEFAULT_SCORECARD = ['contacts', 'contacts_to_referral', 're_referrals', 'screening_in_time', 'assessments_in_time', 'incident_to_receipt'];

const INCREMENTAL_EVERY_MS = 60_000;
const FULL_EVERY_MS = 24 * 3600_000;

export interface PeriodFigure {
  period: Period;
  counts: Counts;
  figure: Figure;
  published: Figure;
}

export interface ScorecardItem {
  definition: MeasureDefinition;
  periodType: PeriodType;
  owner: { id: string; name: string } | null;
  target: { value: number; tolerance: number } | undefined;
  current: PeriodFigure;
  previous: PeriodFigure;
  rag: Rag | null;
  change: Change | null;
  comparators: { kind: ComparatorKind; label: string; value: number; year: number; source: string; change: Change | null }[];
  trend: PeriodFigure[];
}

export class MeasureService {
  private lastIncremental = new Map<string, number>();
  private readonly refreshing = new Map<string, Promise<{ measures: number; facts: number }>>();

  constructor(
    private readonly db: Database,
    private readonly audit: AuditTrail,
    private readonly now: () => Date,
  ) {}

  /** Today in London, by the service's clock: the day the scorecard's periods are counted back from. */
  today(): LocalDate {
    return londonDate(this.now());
  }

  /** Brings facts up to date: changes since each measure's watermark, or everything (`full`). */
  async refresh(tenantId: string, options: { full?: boolean } = {}): Promise<{ measures: number; facts: number }> {
    // One refresh of an area at a time in this process: pages that find the figures stale together share it.
    const running = this.refreshing.get(tenantId);
    if (running && !options.full) return running;
    const run = this.refreshNow(tenantId, options).finally(() => {
      if (this.refreshing.get(tenantId) === run) this.refreshing.delete(tenantId);
    });
    this.refreshing.set(tenantId, run);
    return run;
  }

  private async refreshNow(tenantId: string, options: { full?: boolean }): Promise<{ measures: number; facts: number }> {
    const state = new Map((await repo.refreshState(this.db, tenantId)).map((s) => [s.measure_id, s]));
    const watermark = (await repo.latestChange(this.db, tenantId)) ?? new Date(0);
    let facts = 0;
    for (const m of MEASURES) {
      const s = state.get(m.id);
      const full = options.full || !s || Date.now() - new Date(s.full_at).getTime() > FULL_EVERY_MS;
      const since = full ? null : new Date(s.watermark);
      facts += await transaction(this.db, async (tx) => {
        // Across processes, one refresh of a measure at a time: two rebuilding the same facts at once deadlocked.
        await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`measures:${tenantId}:${m.id}`}))`);
        const n = await repo.refreshFacts(tx, tenantId, m.id, m.source, since, m.unit === 'median_days');
        await repo.saveRefresh(tx, tenantId, m.id, watermark, this.now(), full);
        return n;
      });
    }
    this.lastIncremental.set(tenantId, Date.now());
    return { measures: MEASURES.length, facts };
  }

  /** Refreshes if the last refresh was over a minute ago (pages call this; it is cheap when little changed). */
  async ensureFresh(tenantId: string): Promise<void> {
    const last = this.lastIncremental.get(tenantId) ?? 0;
    if (Date.now() - last > INCREMENTAL_EVERY_MS) await this.refresh(tenantId);
  }

  /** The measures chosen for the scorecard, with their settings. */
  async scorecardSettings(tenantId: string) {
    const chosen = await settings.scorecard(this.db, tenantId);
    if (chosen.length) return chosen.filter((c) => measureById(c.measure_id));
    return DEFAULT_SCORECARD.map((id, position) => ({
      measure_id: id,
      position,
      period_type: measureById(id)!.defaultPeriod,
      owner_user_id: null,
      owner_name: null,
      target_value: null,
      target_tolerance: null,
    }));
  }

  /** Figures for a measure over several periods (counts summed from months; medians and populations per window). */
  async figures(tenantId: string, definition: MeasureDefinition, periods: readonly Period[]): Promise<PeriodFigure[]> {
    if (periods.length === 0) return [];
    const from = periods.reduce((a, p) => (p.start < a ? p.start : a), periods[0]!.start);
    const to = periods.reduce((a, p) => (p.end > a ? p.end : a), periods[0]!.end);
    const months = await repo.monthly(this.db, tenantId, [definition.id], from, to);
    const byMonth = new Map(months.map((m) => [m.month, m]));
    const medians = definition.unit === 'median_days' ? await repo.windowMedians(this.db, tenantId, definition.id, periods.map((p) => ({ key: p.key, start: p.start, end: p.end }))) : null;
    const out: PeriodFigure[] = [];
    for (const period of periods) {
      let numerator = 0;
      let denominator = 0;
      for (const m of monthsOf(period)) {
        const row = byMonth.get(m);
        if (row) {
          numerator += row.numerator;
          denominator += row.denominator;
        }
      }
      const population = definition.population ? await settings.populationFor(this.db, tenantId, definition.population, financialYearOf(addDays(period.end, -1))) : null;
      const counts: Counts = { numerator, denominator: definition.unit === 'percent' ? denominator : null, median: medians?.get(period.key) ?? null, population };
      out.push({ period, counts, figure: figureOf(definition, counts, { published: false }), published: figureOf(definition, counts, { published: true }) });
    }
    return out;
  }

  /** The last complete period of a type before a date (boards report on finished periods). */
  lastComplete(type: PeriodType, today: string): Period {
    return previousPeriod(periodContaining(type, today));
  }

  async item(tenantId: string, entry: Awaited<ReturnType<MeasureService['scorecardSettings']>>[number], today: string, periodKey?: Period): Promise<ScorecardItem> {
    const definition = measureById(entry.measure_id)!;
    const periodType = (definition.periods.includes(entry.period_type as PeriodType) ? entry.period_type : definition.defaultPeriod) as PeriodType;
    const current = periodKey && periodKey.type === periodType ? periodKey : this.lastComplete(periodType, today);
    const trendPeriods = periodsEnding(current, periodType === 'financial_year' ? 5 : periodType === 'quarter' ? 8 : 13);
    const trend = await this.figures(tenantId, definition, trendPeriods);
    const cur = trend[trend.length - 1]!;
    const prev = trend[trend.length - 2] ?? (await this.figures(tenantId, definition, [previousPeriod(current)]))[0]!;
    const target = entry.target_value !== null && entry.target_tolerance !== null ? { value: entry.target_value, tolerance: entry.target_tolerance } : definition.target;
    const value = cur.figure.state === 'value' ? cur.figure.value : null;
    const year = financialYearOf(addDays(current.end, -1));
    const comps = (await settings.comparators(this.db, tenantId, definition.id)).filter((c) => c.year === year);
    return {
      definition,
      periodType,
      owner: entry.owner_user_id ? { id: entry.owner_user_id, name: entry.owner_name ?? '' } : null,
      target,
      current: cur,
      previous: prev,
      rag: value === null ? null : ragOf(definition.polarity, value, target),
      change: value !== null && prev.figure.state === 'value' ? compare(definition, value, prev.figure.value) : null,
      comparators: comps.map((c) => ({
        kind: c.kind as ComparatorKind,
        label: COMPARATOR_KINDS[c.kind as ComparatorKind] ?? c.kind,
        value: c.value,
        year: c.year,
        source: c.source,
        change: value === null ? null : compare(definition, value, c.value),
      })),
      trend,
    };
  }

  async scorecard(tenantId: string, today: string): Promise<ScorecardItem[]> {
    await this.ensureFresh(tenantId);
    const entries = await this.scorecardSettings(tenantId);
    const out: ScorecardItem[] = [];
    for (const e of entries) out.push(await this.item(tenantId, e, today));
    return out;
  }

  /** One measure for a chosen period (any measure, on the scorecard or not). */
  async measure(tenantId: string, measureId: string, today: string, period?: Period): Promise<ScorecardItem | undefined> {
    const definition = measureById(measureId);
    if (!definition) return undefined;
    await this.ensureFresh(tenantId);
    const entry = (await settings.scorecardEntry(this.db, tenantId, measureId)) ?? {
      measure_id: measureId,
      position: 0,
      period_type: period?.type ?? definition.defaultPeriod,
      owner_user_id: null,
      owner_name: null,
      target_value: null,
      target_tolerance: null,
    };
    return this.item(tenantId, { ...entry, period_type: period?.type ?? entry.period_type }, today, period);
  }

  async breakdown(tenantId: string, definition: MeasureDefinition, dimension: Dimension, period: Period) {
    const rowsOut = await repo.breakdown(this.db, tenantId, definition.id, dimension, period.start, period.end);
    return rowsOut.map((r) => {
      const counts: Counts = { numerator: r.numerator, denominator: definition.unit === 'percent' ? r.denominator : null, median: r.median, population: null };
      return { label: r.label, counts, figure: figureOf(definition, counts, { published: false }), published: figureOf(definition, counts, { published: true }) };
    });
  }

  /**
   * The domestic abuse measures for one period, as the partnership's page shows them: the measures' figures and
   * breakdowns from the engine, the lag distribution and Encompass outcomes from the same facts, and the counts of
   * the daily triage, the services and the waiting list. Figures carry both forms (with and without small numbers).
   */
  async domesticAbuse(tenantId: string, period: Period) {
    await this.ensureFresh(tenantId);
    const measure = async (id: string) => {
      const definition = measureById(id)!;
      const [f] = await this.figures(tenantId, definition, [period]);
      return { definition, reported: definition.periods.includes(period.type), ...f! };
    };
    const notifications = await measure('da_notifications');
    const lag = await measure('incident_to_receipt');
    const encompass = await measure('encompass_in_time');
    return {
      period,
      notifications: { ...notifications, byRisk: await this.breakdown(tenantId, notifications.definition, 'risk_level', period) },
      lag: {
        ...lag,
        byRisk: await this.breakdown(tenantId, lag.definition, 'risk_level', period),
        bands: await daRepo.lagDistribution(this.db, tenantId, lag.definition.id, period.start, period.end),
      },
      mada: { ...(await daRepo.madaDecisions(this.db, tenantId, period.start, period.end)), awaiting: await daRepo.awaitingTriage(this.db, tenantId) },
      marac: { cases: await measure('marac_cases'), rate: await measure('marac_rate'), repeats: await measure('marac_repeats') },
      idva: {
        referrals: await measure('idva_referrals'),
        caseload: await daRepo.idvaCaseload(this.db, tenantId, period.start, period.end),
        changes: await daRepo.serviceChanges(this.db, tenantId, period.start, period.end),
      },
      encompass: {
        ...encompass,
        outcomes: await daRepo.encompassOutcomes(this.db, tenantId, encompass.definition.id, period.start, period.end),
        needingSetting: await daRepo.encompassNeedingSetting(this.db, tenantId),
      },
      waiting: await daRepo.waitingList(this.db, tenantId, this.now()),
    };
  }

  /** The records behind a figure the viewer may see (audited with the ids shown). */
  async records(viewer: Viewer & { userId: string }, actor: Actor, definition: MeasureDefinition, period: Period, filter: { dimension: Dimension; label: string } | null) {
    const result = await repo.records(this.db, viewer, definition.id, period.start, period.end, filter, 500);
    await this.audit.recordNow(actor, {
      action: 'measure.records_viewed',
      recordType: 'measure',
      details: { measure: definition.id, period: period.key, ...(filter ? { [filter.dimension]: filter.label } : {}), contacts: [...new Set(result.visible.map((r) => r.contact_id))] },
    });
    return result;
  }

  /** Publishes the figure for a period as it stands: counts and the records behind them, kept as they were. */
  async publish(actor: Actor & { userId: string; tenantId: string }, definition: MeasureDefinition, period: Period): Promise<boolean> {
    await this.refresh(actor.tenantId);
    const [f] = await this.figures(actor.tenantId, definition, [period]);
    const ids = await repo.recordIds(this.db, actor.tenantId, definition.id, period.start, period.end);
    return transaction(this.db, async (tx) => {
      const saved = await settings.saveSnapshot(tx, {
        tenantId: actor.tenantId,
        measureId: definition.id,
        version: definition.version,
        periodKey: period.key,
        numerator: f!.counts.numerator,
        denominator: f!.counts.denominator ?? null,
        median: f!.counts.median ?? null,
        population: f!.counts.population ?? null,
        records: ids,
        userId: actor.userId,
        at: this.now(),
      });
      if (saved) await this.audit.record(tx, actor, { action: 'measure.published', recordType: 'measure', details: { measure: definition.id, period: period.key } });
      return saved;
    });
  }

  /** A published figure against the figure now: what changed and why. */
  async reproduce(tenantId: string, definition: MeasureDefinition, period: Period) {
    const snap = await settings.snapshot(this.db, tenantId, definition.id, period.key);
    if (!snap) return undefined;
    const [now] = await this.figures(tenantId, definition, [period]);
    const ids = await repo.recordIds(this.db, tenantId, definition.id, period.start, period.end);
    const diff = (then: string[], current: string[]) => {
      const a = new Set(then);
      const b = new Set(current);
      return { added: current.filter((x) => !a.has(x)), removed: then.filter((x) => !b.has(x)) };
    };
    const numerator = diff(snap.records.numerator, ids.numerator);
    const denominator = diff(snap.records.denominator, ids.denominator);
    const changed = [...new Set([...numerator.added, ...numerator.removed, ...denominator.added, ...denominator.removed])];
    const explained = await repo.explainRecords(this.db, tenantId, changed.slice(0, 200));
    const publishedCounts: Counts = { numerator: snap.numerator, denominator: snap.denominator, median: snap.median, population: snap.population };
    return {
      snapshot: snap,
      published: figureOf(definition, publishedCounts, { published: true }),
      then: figureOf(definition, publishedCounts, { published: false }),
      now: now!,
      definitionChanged: snap.measure_version !== definition.version,
      numerator,
      denominator,
      reasons: explained.map((r) => ({
        ...r,
        why: !r.exists_now
          ? 'the record has since been deleted'
          : r.updated_at && r.updated_at > snap.published_at
            ? `the record changed after publication (last changed ${formatDate(r.updated_at)})`
            : 'the record was entered late or its dates were corrected',
      })),
    };
  }

  async saveScorecard(actor: Actor & { userId: string; tenantId: string }, entries: { measureId: string; periodType: string }[]): Promise<void> {
    await transaction(this.db, async (tx) => {
      await settings.setScorecard(tx, actor.tenantId, entries, actor.userId);
      await this.audit.record(tx, actor, { action: 'measure.scorecard_chosen', recordType: 'measure', details: { measures: entries.map((e) => e.measureId) } });
    });
  }

  async saveMeasureSettings(
    actor: Actor & { userId: string; tenantId: string },
    measureId: string,
    values: { periodType: string; ownerUserId: string | null; targetValue: number | null; targetTolerance: number | null },
  ): Promise<boolean> {
    return transaction(this.db, async (tx) => {
      const saved = await settings.setMeasureSettings(tx, actor.tenantId, measureId, values, actor.userId);
      if (saved) await this.audit.record(tx, actor, { action: 'measure.settings_changed', recordType: 'measure', details: { measure: measureId, ...values } });
      return saved;
    });
  }

  async savePopulation(actor: Actor & { userId: string; tenantId: string }, values: { group: string; year: number; value: number; source: string }): Promise<void> {
    await transaction(this.db, async (tx) => {
      await settings.savePopulation(tx, { tenantId: actor.tenantId, ...values, userId: actor.userId });
      await this.audit.record(tx, actor, { action: 'measure.population_saved', recordType: 'measure', details: values });
    });
  }

  async saveComparator(actor: Actor & { userId: string; tenantId: string }, values: { measureId: string; kind: string; year: number; value: number; source: string }): Promise<void> {
    await transaction(this.db, async (tx) => {
      await settings.saveComparator(tx, { tenantId: actor.tenantId, ...values, userId: actor.userId });
      await this.audit.record(tx, actor, { action: 'measure.comparator_saved', recordType: 'measure', details: values });
    });
  }

  commentary(tenantId: string, measureId: string, periodKey: string) {
    return settings.commentary(this.db, tenantId, measureId, periodKey);
  }

  async saveCommentary(actor: Actor & { userId: string; tenantId: string }, measureId: string, periodKey: string, text: { workingWell: string | null; worriedAbout: string | null; goingToDo: string | null }) {
    await transaction(this.db, async (tx) => {
      await settings.saveCommentary(tx, { tenantId: actor.tenantId, measureId, periodKey, ...text, userId: actor.userId });
      await this.audit.record(tx, actor, { action: 'measure.commentary_saved', recordType: 'measure', details: { measure: measureId, period: periodKey } });
    });
  }
}
