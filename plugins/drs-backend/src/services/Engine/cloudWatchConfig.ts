import { Config } from '@backstage/config';

/** `drs.cloudWatch`, with defaults applied; keys are documented in config.d.ts. */
export interface CloudWatchConfig {
  namespace: string;
  endpoint?: string;
  region: string;
}

/** `drs.cloudWatch` when it names a namespace; undefined (nothing published) otherwise. */
export function readCloudWatchConfig(
  config: Config,
): CloudWatchConfig | undefined {
  const drs = config.getOptionalConfig('drs');
  const cloudWatch = drs?.getOptionalConfig('cloudWatch');
  const namespace = cloudWatch?.getOptionalString('namespace');
  if (!namespace) return undefined;
  return {
    namespace,
    endpoint: cloudWatch?.getOptionalString('endpoint'),
    region:
      cloudWatch?.getOptionalString('region') ??
      drs?.getOptionalString('defaultRegion') ??
      'us-east-1',
  };
}
