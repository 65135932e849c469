import * as migration_20261124_220643_initial from './20261124_220643_initial';
import * as migration_20261124_223351_content_model from './20261124_223351_content_model';

export const migrations = [
  {
    up: migration_20261124_220643_initial.up,
    down: migration_20261124_220643_initial.down,
    name: '20261124_220643_initial',
  },
  {
    up: migration_20261124_223351_content_model.up,
    down: migration_20261124_223351_content_model.down,
    name: '20261124_223351_content_model'
  },
];
