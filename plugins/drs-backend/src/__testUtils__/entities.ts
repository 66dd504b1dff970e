import {
  ANNOTATION_DRS_ACCOUNT_ID,
  ANNOTATION_DRS_REGION,
  ANNOTATION_DRS_SOURCE_SERVER_IDS,
  ANNOTATION_DRS_SOURCE_SERVER_TAGS,
} from '@drs-orchestration/plugin-drs-common';
import {
  serviceEntity as component,
  TEST_ACCOUNT_ID,
  TEST_REGION,
} from '@drs-orchestration/drs-testkit';

export const checkoutEntity = component(
  'checkout',
  'group:default/team-checkout',
  {
    [ANNOTATION_DRS_ACCOUNT_ID]: TEST_ACCOUNT_ID,
    [ANNOTATION_DRS_REGION]: TEST_REGION,
    [ANNOTATION_DRS_SOURCE_SERVER_TAGS]: 'Application=checkout',
  },
);

export const paymentsEntity = component(
  'payments',
  'group:default/team-payments',
  {
    [ANNOTATION_DRS_SOURCE_SERVER_IDS]:
      's-00000000000000p01,s-00000000000000p02',
  },
);

export const docsEntity = component('docs', 'group:default/team-web', {});

export const testEntities = [checkoutEntity, paymentsEntity, docsEntity];
