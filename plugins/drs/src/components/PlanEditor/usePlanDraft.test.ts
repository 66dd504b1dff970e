import { act } from '@testing-library/react';
import { renderHookWithDrsApi } from '../../__testUtils__/render';
import { usePlanDraft } from './usePlanDraft';

function renderNewPlanDraft() {
  return renderHookWithDrsApi(
    () =>
      usePlanDraft({
        entityRef: 'component:default/checkout',
        onSaved: () => {},
      }),
    { createPlan: jest.fn() },
  );
}

describe('usePlanDraft', () => {
  it('drops the issues found once waves are added, moved or removed, since they name waves by index', async () => {
    const { result } = renderNewPlanDraft();
    await act(() => result.current.save());
    expect(result.current.issues.waves[0]).toBeDefined();

    act(() => result.current.addWave());
    expect(result.current.issues).toEqual({
      general: [],
      plan: {},
      waves: {},
    });
    const [first, added] = result.current.draft.waves;
    expect([...result.current.expanded]).toEqual([first.key, added.key]);
  });

  it('keeps the issues found while a wave is only changed', async () => {
    const { result } = renderNewPlanDraft();
    await act(() => result.current.save());
    act(() => result.current.changeWave(0, { name: 'db' }));
    expect(result.current.issues.waves[0]).toBeDefined();
  });
});
