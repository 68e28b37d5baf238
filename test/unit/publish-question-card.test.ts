import { PUBLISH_VERBS } from '../../cards/card-verbs';
import { renderPublishOutcomeCard, renderPublishQuestionCard } from '../../cards/publish-question-card';

describe('the publish question', () => {
  it('names the open round, what is missing, which round was chosen, and offers "Publicera ändå" and "Vänta"', () => {
    const { card, summary } = renderPublishQuestionCard({ year: 2026, tertial: 1, phase: 'open', deadline: '2026-04-30', unreported: 12, proposals: 20, goals: 20, chosen: true });
    const json = JSON.stringify(card);
    expect(summary).toBe('Omgången T1 2026 är fortfarande öppen: publicera ändå?');
    expect(json).toContain('Du angav ingen omgång, så jag valde T1 2026');
    expect(json).toContain('{"title":"Saknar rapport","value":"12 aktiviteter"}');
    expect(json).toContain('{"title":"Sista svarsdag","value":"2026-04-30"}');
    expect(json).toContain(`"title":"Publicera ändå","verb":"${PUBLISH_VERBS.confirm}","data":{"year":2026,"tertial":1}`);
    expect(json).toContain(`"title":"Vänta","verb":"${PUBLISH_VERBS.cancel}"`);
    expect(json).toContain('"style":"warning"');
    const named = JSON.stringify(renderPublishQuestionCard({ year: 2026, tertial: 1, phase: 'open', deadline: '2026-04-30', unreported: 1, proposals: 0, goals: 20, chosen: false }).card);
    expect(named).not.toContain('Du angav ingen omgång');
    expect(named).toContain('"value":"1 aktivitet"');
  });

  it('the outcome replaces it without buttons', () => {
    const json = JSON.stringify(renderPublishOutcomeCard('Publicerat T1 2026', 'Publicerat T1 2026: 8 nya kort, 0 uppdaterade.', true).card);
    expect(json).not.toContain('Action.Execute');
    expect(json).toContain('"style":"good"');
  });
});
