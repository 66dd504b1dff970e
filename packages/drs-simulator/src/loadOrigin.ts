import { fieldsOf, InventoryError, ServerOrigin } from './inventory';

/** What an `origin` entry is checked against: the model's formats. */
export interface OriginChecks {
  regionPattern: RegExp;
  availabilityZonePattern: RegExp;
}

/**
 * A source server's `origin`: where the EC2 instance it replicates runs. Absent for servers
 * outside AWS. The availability zone defaults to the region's first, the account to the
 * server's own.
 */
export function resolveOrigin(
  entry: unknown,
  at: string,
  accountId: string,
  checks: OriginChecks,
): ServerOrigin | undefined {
  if (entry === undefined) return undefined;
  const origin = fieldsOf(
    entry,
    ['region', 'availabilityZone', 'accountId'],
    at,
  );
  const region = origin.region;
  if (typeof region !== 'string' || !checks.regionPattern.test(region)) {
    throw new InventoryError(
      `${at}.region must be the AWS region of the server's EC2 instance, like us-west-2, got ${JSON.stringify(
        region,
      )}`,
    );
  }
  const availabilityZone = origin.availabilityZone ?? `${region}a`;
  if (
    typeof availabilityZone !== 'string' ||
    !checks.availabilityZonePattern.test(availabilityZone) ||
    !availabilityZone.startsWith(region)
  ) {
    throw new InventoryError(
      `${at}.availabilityZone must be an availability zone of ${region}, like ${region}b, got ${JSON.stringify(
        availabilityZone,
      )}`,
    );
  }
  const originAccountId = String(origin.accountId ?? accountId);
  if (!/^[0-9]{12}$/.test(originAccountId)) {
    throw new InventoryError(
      `${at}.accountId must be 12 digits (quote it in YAML), got ${JSON.stringify(
        origin.accountId,
      )}`,
    );
  }
  return { accountId: originAccountId, region, availabilityZone };
}
