import { act } from '@testing-library/react';
import { renderHookWithDrsApi } from '../../__testUtils__/render';
import { draftParameter } from './draftSteps';
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

  it('drops the issues found once steps move or are removed, and keeps them when a step is added', async () => {
    const { result } = renderNewPlanDraft();
    act(() => result.current.stepEdits(0, 'after').add());
    act(() => result.current.stepEdits(0, 'after').add());
    await act(() => result.current.save());
    expect(
      result.current.issues.waves[0]['after[0].documentName'],
    ).toBeDefined();

    act(() => result.current.stepEdits(0, 'before').add());
    expect(
      result.current.issues.waves[0]['after[0].documentName'],
    ).toBeDefined();
    act(() => result.current.stepEdits(0, 'after').move(1, -1));
    expect(result.current.issues.waves).toEqual({});
    expect(result.current.draft.waves[0].after.map(step => step.name)).toEqual([
      'Step 2',
      'Step 1',
    ]);
  });

  it('reports a parameter given in two rows at that parameter, since the plan keeps one list per name', async () => {
    const { result } = renderNewPlanDraft();
    act(() => result.current.stepEdits(0, 'after').add());
    act(() =>
      result.current.stepEdits(0, 'after').change(0, {
        parameters: [
          draftParameter('Mode', 'quick'),
          draftParameter('Mode', 'full'),
        ],
      }),
    );
    await act(() => result.current.save());
    expect(result.current.issues.waves[0]['after[0].parameters.Mode']).toEqual([
      expect.objectContaining({
        message:
          'Parameter "Mode" has two rows; give it one row, with its values one per line',
      }),
    ]);
  });
});
