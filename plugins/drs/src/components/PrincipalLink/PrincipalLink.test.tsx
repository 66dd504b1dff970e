import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { viewTimesIn } from '../../__testUtils__/timeZone';
import {
  PrincipalLink,
  ReasonText,
  servicePrincipalLabel,
} from './PrincipalLink';

describe('PrincipalLink', () => {
  viewTimesIn('Asia/Tokyo');

  it('names service principals in words', () => {
    expect(servicePrincipalLabel('plugin:drs/scheduler')).toBe(
      'DRS drill scheduler',
    );
    expect(servicePrincipalLabel('plugin:drs/engine')).toBe('DRS engine');
    expect(servicePrincipalLabel('plugin:catalog')).toBe('catalog plugin');
    expect(servicePrincipalLabel('plugin:scaffolder/tasks')).toBe(
      'scaffolder plugin (tasks)',
    );
    expect(servicePrincipalLabel('user:default/ana')).toBeUndefined();
  });

  it('links a user by name, a service principal in words, anything else as written', async () => {
    await renderInTestApp(
      <>
        <PrincipalLink principal="user:default/ana" />
        <PrincipalLink principal="plugin:drs/scheduler" />
        <PrincipalLink principal="group:ops/sre" />
        <PrincipalLink principal="" />
      </>,
      { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
    );
    expect(screen.getByText('ana').closest('a')).toHaveAttribute(
      'href',
      '/catalog/default/user/ana',
    );
    expect(screen.getByText('DRS drill scheduler')).toHaveAttribute(
      'title',
      'plugin:drs/scheduler',
    );
    expect(screen.getByText('group:ops/sre').closest('a')).toHaveAttribute(
      'href',
      '/catalog/ops/group/sre',
    );
    expect(screen.getByText('—')).toBeInTheDocument();
  });

  it('shows the principals and instants in a reason as a person reads them', async () => {
    const { container } = await renderInTestApp(
      <ReasonText text="Cancelled by user:default/ana at 2026-11-25T12:15:00Z; terminated by plugin:drs/engine" />,
      { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
    );
    expect(container.textContent).not.toContain('user:default/ana');
    expect(container.textContent).toMatch(
      /^Cancelled by ana at 25 Nov 2026, 21:15:00; terminated by DRS engine$/,
    );
    expect(screen.getByText('ana').closest('a')).toHaveAttribute(
      'href',
      '/catalog/default/user/ana',
    );
  });
});
