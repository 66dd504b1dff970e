import {
  SourceServer,
  SourceServerSelector,
} from '@internal/plugin-drs-common';

/** Where DRS calls go: one account and region. */
export interface DrsLocation {
  accountId?: string;
  region: string;
}

/** Every DRS call the plugin makes goes through this interface. */
export interface DrsGateway {
  describeSourceServers(
    location: DrsLocation,
    selector: SourceServerSelector,
  ): Promise<SourceServer[]>;
}
