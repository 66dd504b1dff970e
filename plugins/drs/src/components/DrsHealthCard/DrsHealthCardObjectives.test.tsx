import { screen } from '@testing-library/react';
import { healthFixture } from '../../__testUtils__/fixtures';
import { objectivesFixture } from '../../__testUtils__/objectives';
import { renderEntityView } from '../../__testUtils__/render';
import { DrsHealthCard } from './DrsHealthCard';

describe('DrsHealthCard objectives', () => {
  it('shows the RTO and the RPO with their standing, length, source and figures', async () => {
    await renderEntityView(<DrsHealthCard />, {
      api: {
        getDrHealth: async () =>
          healthFixture({
            objectives: objectivesFixture('met', 'breached', {
              rto: {
                status: 'met',
                objective: 'PT1H',
                objectiveSeconds: 3600,
                source: 'entity',
                measuredSeconds: 2550,
                reason:
                  'The last successful drill recovered in 42m 30s of 1h (71%)',
              },
            }),
          }),
      },
    });
    expect(await screen.findByText('RTO met')).toBeInTheDocument();
    expect(
      screen.getByText(
        'The last successful drill recovered in 42m 30s of 1h (71%)',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText('(PT1H, entity)', { exact: false }),
    ).toHaveTextContent('1h (PT1H, entity)');
    expect(screen.getByText('RPO breached')).toBeInTheDocument();
    expect(screen.getByText('RPO reason breached')).toBeInTheDocument();
    expect(screen.getByText('15m (PT15M, plan)')).toBeInTheDocument();
  });

  it('shows an annotation that is not a duration as a configuration problem', async () => {
    await renderEntityView(<DrsHealthCard />, {
      api: {
        getDrHealth: async () =>
          healthFixture({
            objectives: {
              ...objectivesFixture('never-drilled', 'met'),
              rpo: undefined,
              problems: [
                {
                  field: 'aws.amazon.com/drs-rpo',
                  value: '15 minutes',
                  message:
                    '"15 minutes" is not an ISO 8601 duration (e.g. PT1H for one hour)',
                },
              ],
              status: 'invalid',
            },
          }),
      },
    });
    expect(await screen.findByText('RTO never drilled')).toBeInTheDocument();
    expect(
      screen.getByText(
        'Configuration problem: aws.amazon.com/drs-rpo "15 minutes" is not an ISO 8601 duration (e.g. PT1H for one hour)',
      ),
    ).toBeInTheDocument();
  });

  it('says how to state objectives when none is', async () => {
    await renderEntityView(<DrsHealthCard />, {
      api: {
        getDrHealth: async () =>
          healthFixture({
            objectives: { plans: [], problems: [], status: 'none' },
          }),
      },
    });
    expect(await screen.findByText(/None stated/)).toBeInTheDocument();
  });
});
