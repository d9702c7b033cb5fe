// config stage: settings of the quarterly spot-check report (`report`): who issues the notice, for which area,
// the fix deadline and the default sample.
import { z } from 'zod';

/** Settings of `govhealth report` (季度抽查通报). */
export const reportSettingsSchema = z.strictObject({
  /** The issuing office, first words of the notice's title (××关于…的通报). */
  issuer: z.string().min(1).default('省人民政府办公厅'),
  /** The area the notice covers, as the title words it: 全省, 全市 … */
  area: z.string().min(1).default('全省'),
  /** Working days the units get to fix the problems (三、整改要求). */
  fixDeadlineWorkingDays: z.number().int().min(1).max(60).default(7),
  /** Default share of sites sampled per level when --sample is not given; 1 = all sites. */
  sampleRatio: z.number().gt(0).max(1).default(1),
  /** Default seed of the sample when --seed is not given. */
  seed: z.number().int().min(0).default(1),
  /** Examples named per problem type in 二、主要问题. */
  examplesPerType: z.number().int().min(1).max(50).default(5),
});

export type ReportSettings = z.infer<typeof reportSettingsSchema>;
