import { Content, Header, Page } from '@backstage/core-components';
import { DrsErrorBoundary } from '../DrsErrorBoundary/DrsErrorBoundary';
import { DrsOverview } from './DrsOverview';
import { PlansNotRecoverable } from './PlansNotRecoverable';

/** The ops page's content; the new frontend system's page layout adds the header. */
export function DrsOverviewContent() {
  return (
    <Content>
      <DrsErrorBoundary>
        <DrsOverview />
        <PlansNotRecoverable />
      </DrsErrorBoundary>
    </Content>
  );
}

/** The ops page with its own header, for the legacy frontend system. */
export function DrsOverviewPage() {
  return (
    <Page themeId="tool">
      <Header
        title="Disaster recovery"
        subtitle="DR health of every service with AWS Elastic Disaster Recovery"
      />
      <DrsOverviewContent />
    </Page>
  );
}
