import * as migration_20261124_220643_initial from './20261124_220643_initial';
import * as migration_20261124_223351_content_model from './20261124_223351_content_model';
import * as migration_20261124_223529_youth_accounts from './20261124_223529_youth_accounts';
import * as migration_20261124_223814_site_builds from './20261124_223814_site_builds';
import * as migration_20261124_224550_enrollments from './20261124_224550_enrollments';
import * as migration_20261124_225535_youth_own_verification from './20261124_225535_youth_own_verification';
import * as migration_20261124_231854_applications from './20261124_231854_applications';
import * as migration_20261124_233734_course_attendance_to_complete from './20261124_233734_course_attendance_to_complete';
import * as migration_20261125_010336_lesson_progress from './20261125_010336_lesson_progress';
import * as migration_20261125_010750_call_reviews from './20261125_010750_call_reviews';
import * as migration_20261125_010500_rate_limits from './20261125_010500_rate_limits';
import * as migration_20261125_020128_weekly_digest from './20261125_020128_weekly_digest';
import * as migration_20261125_041000_impact_rollup from './20261125_041000_impact_rollup';
import * as migration_20261203_094857_admin_titles from './20261203_094857_admin_titles';
import * as migration_20261203_110604_login_throttle from './20261203_110604_login_throttle';
import * as migration_20261203_111500_email_deliveries from './20261203_111500_email_deliveries';
import * as migration_20261203_111600_storage_object_keys from './20261203_111600_storage_object_keys';
import * as migration_20261203_130848_draw from './20261203_130848_draw';
import * as migration_20261203_134628_draw_excluded_email from './20261203_134628_draw_excluded_email';

export const migrations = [
  {
    up: migration_20261124_220643_initial.up,
    down: migration_20261124_220643_initial.down,
    name: '20261124_220643_initial',
  },
  {
    up: migration_20261124_223351_content_model.up,
    down: migration_20261124_223351_content_model.down,
    name: '20261124_223351_content_model',
  },
  {
    up: migration_20261124_223529_youth_accounts.up,
    down: migration_20261124_223529_youth_accounts.down,
    name: '20261124_223529_youth_accounts',
  },
  {
    up: migration_20261124_223814_site_builds.up,
    down: migration_20261124_223814_site_builds.down,
    name: '20261124_223814_site_builds',
  },
  {
    up: migration_20261124_224550_enrollments.up,
    down: migration_20261124_224550_enrollments.down,
    name: '20261124_224550_enrollments',
  },
  {
    up: migration_20261124_225535_youth_own_verification.up,
    down: migration_20261124_225535_youth_own_verification.down,
    name: '20261124_225535_youth_own_verification',
  },
  {
    up: migration_20261124_231854_applications.up,
    down: migration_20261124_231854_applications.down,
    name: '20261124_231854_applications',
  },
  {
    up: migration_20261124_233734_course_attendance_to_complete.up,
    down: migration_20261124_233734_course_attendance_to_complete.down,
    name: '20261124_233734_course_attendance_to_complete',
  },
  {
    up: migration_20261125_010336_lesson_progress.up,
    down: migration_20261125_010336_lesson_progress.down,
    name: '20261125_010336_lesson_progress',
  },
  {
    up: migration_20261125_010750_call_reviews.up,
    down: migration_20261125_010750_call_reviews.down,
    name: '20261125_010750_call_reviews',
  },
  {
    up: migration_20261125_010500_rate_limits.up,
    down: migration_20261125_010500_rate_limits.down,
    name: '20261125_010500_rate_limits',
  },
  {
    up: migration_20261125_020128_weekly_digest.up,
    down: migration_20261125_020128_weekly_digest.down,
    name: '20261125_020128_weekly_digest',
  },
  {
    up: migration_20261125_041000_impact_rollup.up,
    down: migration_20261125_041000_impact_rollup.down,
    name: '20261125_041000_impact_rollup',
  },
  {
    up: migration_20261203_094857_admin_titles.up,
    down: migration_20261203_094857_admin_titles.down,
    name: '20261203_094857_admin_titles',
  },
  {
    up: migration_20261203_110604_login_throttle.up,
    down: migration_20261203_110604_login_throttle.down,
    name: '20261203_110604_login_throttle',
  },
  {
    up: migration_20261203_111500_email_deliveries.up,
    down: migration_20261203_111500_email_deliveries.down,
    name: '20261203_111500_email_deliveries',
  },
  {
    up: migration_20261203_111600_storage_object_keys.up,
    down: migration_20261203_111600_storage_object_keys.down,
    name: '20261203_111600_storage_object_keys',
  },
  {
    up: migration_20261203_130848_draw.up,
    down: migration_20261203_130848_draw.down,
    name: '20261203_130848_draw',
  },
  {
    up: migration_20261203_134628_draw_excluded_email.up,
    down: migration_20261203_134628_draw_excluded_email.down,
    name: '20261203_134628_draw_excluded_email',
  },
];
