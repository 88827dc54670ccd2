/** A primary key by field name, as the plan shows it (an entity's: the fields its key templates read). */
export type PlanKey = Readonly<Record<string, unknown>>;

/** One row on the way from the subject to a step's row. */
export interface ErasureHop {
  /** The logical table of the row. */
  readonly table: string;
  /** The entity of the row, in a single table. */
  readonly entity?: string;
  readonly key: PlanKey;
  /** `subject`: found from the subject id; `deep` / `shallow`: by an edge from the hop before. */
  readonly via: 'subject' | 'deep' | 'shallow';
  /** The index queried, when not the table's own key. */
  readonly index?: string;
  /** Which of the table's declared edges was followed (position in `edges`). */
  readonly edge?: number;
}

/** Delete one row. */
export interface DeleteStep {
  readonly action: 'delete';
  readonly table: string;
  /** The entity of the row, in a single table (its key is the entity's key fields). */
  readonly entity?: string;
  readonly key: PlanKey;
  /** From the subject row to this row (this row last). */
  readonly path: readonly ErasureHop[];
}

/** Remove fields from one row that stays, if they still hold the values seen when planning. */
export interface RemoveStep {
  readonly action: 'remove';
  readonly table: string;
  /** The entity of the row, in a single table (its key is the entity's key fields). */
  readonly entity?: string;
  readonly key: PlanKey;
  /** Attribute paths removed. */
  readonly fields: readonly string[];
  /** The value of each field when the plan was made; a field holding anything else is kept. */
  readonly expected: Readonly<Record<string, unknown>>;
  readonly path: readonly ErasureHop[];
}

/** One write of an erasure. */
export type ErasureStep = DeleteStep | RemoveStep;

/** The format tag of a plan (and of its serialized form). */
export const PLAN_FORMAT = 'dynamite-erasure-plan@2';

/**
 * The format of plans made before each erasure request had its own plan id (their id is a
 * hash of the subject and the steps alone). Still read, so runs stored then can resume.
 */
export const LEGACY_PLAN_FORMAT = 'dynamite-erasure-plan@1';

/**
 * Everything an erasure will write, made without writing: field removals first, then deletes
 * with every row after the rows reached from it (children before parents, the subject's own
 * rows last), so a partly run plan never leaves a row whose parent is gone.
 */
export interface ErasurePlan {
  readonly format: typeof PLAN_FORMAT | typeof LEGACY_PLAN_FORMAT;
  /**
   * A hash of the whole plan, this request's id and time included: every plan made has its
   * own id, so a new erasure request acts on the data as it is now, even when the rows are the
   * same as those an earlier run erased (restored from a backup, say). Running the same plan
   * again is what resumes it.
   */
  readonly id: string;
  /** A random id of the request the plan was made for (absent in legacy plans). */
  readonly requestId?: string;
  /** When the plan was made (absent in legacy plans). */
  readonly createdAt?: Date;
  readonly subjectId: string;
  /** Logical names of the tables (and `table/entity` names of entities) the plan was made over, sorted. */
  readonly tables: readonly string[];
  readonly steps: readonly ErasureStep[];
}
