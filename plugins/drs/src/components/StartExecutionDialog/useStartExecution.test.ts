import { act, waitFor } from '@testing-library/react';
import { planFixture, preflightFixture } from '../../__testUtils__/fixtures';
import { renderHookWithDrsApi } from '../../__testUtils__/render';
import { useStartExecution } from './useStartExecution';

describe('useStartExecution', () => {
  it('offers a recovery first to a viewer who may not start a drill, and asks to confirm it and its data loss', async () => {
    const { result } = renderHookWithDrsApi(
      () =>
        useStartExecution({
          entityRef: 'component:default/checkout',
          plan: planFixture,
          permissions: { canStartDrill: false },
          onStarted: () => {},
        }),
      { validateSavedPlan: async () => preflightFixture() },
    );
    await waitFor(() =>
      expect(result.current.preflight.value).toEqual(preflightFixture()),
    );
    expect(result.current.mode).toBe('RECOVERY');
    expect(result.current.needsConfirmation).toBe(true);
    expect(result.current.canLaunch).toBe(false);
    act(() => result.current.setConfirmation(planFixture.name));
    expect(result.current.canLaunch).toBe(false);
    act(() => result.current.setDataLossAccepted(true));
    expect(result.current.canLaunch).toBe(true);
  });
});
