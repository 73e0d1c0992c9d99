// The InfluxQL syntax tree: expressions, sources and every statement influxd 1.x parses. Integers and
// durations are bigint (int64 nanoseconds), so no literal loses precision. Pure types.
import type { Operator } from './tokens.ts';

export type DataType = 'float' | 'integer' | 'unsigned' | 'string' | 'boolean' | 'field' | 'tag';

export type Expr =
  | { type: 'VarRef'; val: string; dataType?: DataType }
  | { type: 'Call'; name: string; args: Expr[] }
  | { type: 'Distinct'; val: string }
  | { type: 'Number'; val: number }
  | { type: 'Integer'; val: bigint }
  | { type: 'Unsigned'; val: bigint }
  | { type: 'String'; val: string }
  | { type: 'Boolean'; val: boolean }
  | { type: 'Duration'; val: bigint }
  | { type: 'Regex'; val: string; re: RegExp }
  | { type: 'Wildcard'; kind?: 'FIELD' | 'TAG' }
  | { type: 'Binary'; op: Operator; lhs: Expr; rhs: Expr }
  | { type: 'Paren'; expr: Expr }
  | { type: 'List'; vals: string[] };

export type BinaryExpr = Extract<Expr, { type: 'Binary' }>;
export type RegexExpr = Extract<Expr, { type: 'Regex' }>;

export interface Measurement {
  type: 'Measurement';
  database: string;
  retentionPolicy: string;
  name: string;
  regex?: RegexExpr;
}

export interface SubQuery {
  type: 'SubQuery';
  statement: SelectStatement;
}

export type Source = Measurement | SubQuery;

export interface Field {
  expr: Expr;
  alias: string;
}

export interface SortField {
  name: string;
  ascending: boolean;
}

export type FillOption = 'null' | 'none' | 'previous' | 'linear' | 'number';

export interface SelectStatement {
  kind: 'Select';
  fields: Field[];
  target?: Measurement;
  sources: Source[];
  condition?: Expr;
  dimensions: Expr[];
  fill: FillOption;
  fillValue?: number | bigint;
  sortFields: SortField[];
  limit: number;
  offset: number;
  slimit: number;
  soffset: number;
  /** The IANA name given to tz(), validated by the parser. */
  location?: string;
}

interface ShowFiltered {
  database: string;
  sources?: Source[];
  condition?: Expr;
  sortFields: SortField[];
  limit: number;
  offset: number;
}

export type Privilege = 'NO PRIVILEGES' | 'READ' | 'WRITE' | 'ALL PRIVILEGES';

export type Statement =
  | SelectStatement
  | { kind: 'Explain'; analyze: boolean; statement: SelectStatement }
  | { kind: 'ShowDatabases' }
  | ({ kind: 'ShowMeasurements'; source?: Measurement } & Omit<ShowFiltered, 'sources'>)
  | ({ kind: 'ShowTagKeys'; slimit: number; soffset: number } & ShowFiltered)
  | ({ kind: 'ShowTagValues'; op: '=' | '!=' | '=~' | '!~' | 'IN'; tagKeyExpr: Expr } & ShowFiltered)
  | ({ kind: 'ShowFieldKeys' } & Omit<ShowFiltered, 'condition'>)
  | ({ kind: 'ShowSeries' } & ShowFiltered)
  | {
      kind: 'ShowCardinality';
      what: 'SERIES' | 'MEASUREMENT' | 'TAG KEY' | 'TAG VALUES' | 'FIELD KEY';
      exact: boolean;
      database: string;
      sources?: Source[];
      condition?: Expr;
      dimensions: Expr[];
      limit: number;
      offset: number;
      op?: '=' | '!=' | '=~' | '!~' | 'IN';
      tagKeyExpr?: Expr;
    }
  | { kind: 'ShowRetentionPolicies'; database: string }
  | { kind: 'ShowUsers' }
  | { kind: 'ShowGrants'; name: string }
  | { kind: 'ShowQueries' }
  | { kind: 'ShowContinuousQueries' }
  | { kind: 'ShowShards' }
  | { kind: 'ShowShardGroups' }
  | { kind: 'ShowSubscriptions' }
  | { kind: 'ShowStats'; module: string }
  | { kind: 'ShowDiagnostics'; module: string }
  | {
      kind: 'CreateDatabase';
      name: string;
      rpCreate: boolean;
      rpDuration?: bigint;
      rpReplication?: number;
      rpShardDuration: bigint;
      rpName: string;
    }
  | { kind: 'DropDatabase'; name: string }
  | { kind: 'DropMeasurement'; name: string }
  | { kind: 'DropSeries'; sources?: Source[]; condition?: Expr }
  | { kind: 'Delete'; sources?: Source[]; condition?: Expr }
  | { kind: 'DropShard'; id: bigint }
  | { kind: 'CreateUser'; name: string; password: string; admin: boolean }
  | { kind: 'DropUser'; name: string }
  | { kind: 'SetPassword'; name: string; password: string }
  | { kind: 'Grant'; privilege: Privilege; on: string; user: string }
  | { kind: 'GrantAdmin'; user: string }
  | { kind: 'Revoke'; privilege: Privilege; on: string; user: string }
  | { kind: 'RevokeAdmin'; user: string }
  | {
      kind: 'CreateRetentionPolicy';
      name: string;
      database: string;
      duration: bigint;
      replication: number;
      shardDuration: bigint;
      isDefault: boolean;
    }
  | {
      kind: 'AlterRetentionPolicy';
      name: string;
      database: string;
      duration?: bigint;
      replication?: number;
      shardDuration?: bigint;
      isDefault: boolean;
    }
  | { kind: 'DropRetentionPolicy'; name: string; database: string }
  | {
      kind: 'CreateContinuousQuery';
      name: string;
      database: string;
      source: SelectStatement;
      resampleEvery: bigint;
      resampleFor: bigint;
    }
  | { kind: 'DropContinuousQuery'; name: string; database: string }
  | {
      kind: 'CreateSubscription';
      name: string;
      database: string;
      retentionPolicy: string;
      destinations: string[];
      mode: string;
    }
  | { kind: 'DropSubscription'; name: string; database: string; retentionPolicy: string }
  | { kind: 'KillQuery'; queryId: bigint; host: string };

export type StatementKind = Statement['kind'];
export type StatementOf<K extends StatementKind> = Extract<Statement, { kind: K }>;
