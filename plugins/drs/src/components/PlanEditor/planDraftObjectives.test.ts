import { planFixture } from '../../__testUtils__/fixtures';
import { draftOf, inputOf } from './planDraft';

describe('plan objectives in the editor', () => {
  it('keeps the objectives of a plan it edits, and sends none left empty', () => {
    const plan = { ...planFixture, rto: 'PT1H', rpo: 'PT15M' };
    const draft = draftOf(plan);
    expect([draft.rto, draft.rpo]).toEqual(['PT1H', 'PT15M']);
    expect(inputOf(draft)).toMatchObject({ rto: 'PT1H', rpo: 'PT15M' });
    const cleared = inputOf({ ...draft, rto: ' ', rpo: ' PT5M ' });
    expect(cleared).not.toHaveProperty('rto');
    expect(cleared.rpo).toBe('PT5M');
    expect(inputOf(draftOf())).not.toHaveProperty('rto');
  });
});
