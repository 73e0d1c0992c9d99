// Schemas of /stats/db*: list, create, drop database, drop measurement.
import { z } from 'zod';
import { databaseNameSchema, measurementSchema } from './common.ts';

export const databaseListSchema = z
  .array(
    z.object({
      name: z.string(),
      size: z.number().int().nonnegative().describe('On-disk size in bytes'),
      measurements: z.array(z.string()),
    }),
  )
  .meta({
    example: [
      {
        name: 'tsdata',
        size: 69788326,
        measurements: [
          'Anomaly',
          'OEEData',
          'P1_L1_Machine1_1_OPC.7C24EDB3-D95C-4097-ADFE-EA7228175ACD',
          'P2_L2_Machine1_1_OPC.538054E8-2349-4AD0-8C87-830C9A06B118',
          'classification',
        ],
      },
    ],
  });

export const createDatabaseBodySchema = z
  .object({ dbName: databaseNameSchema })
  .meta({ example: { dbName: 'apiTest' } });

export const databaseParamsSchema = z.object({ db_name: databaseNameSchema });

export const measurementParamsSchema = z.object({
  db_name: databaseNameSchema,
  db_measurement: measurementSchema,
});
