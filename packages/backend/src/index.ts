import { createBackend } from '@backstage/backend-defaults';
import { drsLocalAwsModule } from './modules/localAws';
import { drsPermissionPolicyModule } from './modules/permissionPolicy';
import { sreOnCallAuthModule } from './modules/sreOnCallAuth';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
// Demo only: a second local sign-in, as a member of the recovery group
backend.add(sreOnCallAuthModule);
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(drsPermissionPolicyModule);
backend.add(import('@backstage/plugin-scaffolder-backend'));
// The events bus carries signals between replicas (through PostgreSQL when there are several).
backend.add(import('@backstage/plugin-events-backend'));
backend.add(import('@backstage/plugin-signals-backend'));
backend.add(import('@backstage/plugin-notifications-backend'));

backend.add(import('@drs-orchestration/plugin-drs-backend'));
backend.add(drsLocalAwsModule);
backend.add(import('@drs-orchestration/plugin-scaffolder-backend-module-drs'));

backend.start();
