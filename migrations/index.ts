import * as migration_20261124_220643_initial from './20261124_220643_initial';

export const migrations = [
  {
    up: migration_20261124_220643_initial.up,
    down: migration_20261124_220643_initial.down,
    name: '20261124_220643_initial'
  },
];
