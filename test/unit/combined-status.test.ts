import { combineStatuses } from '../../services/collection/combined-status';

describe('combined status of an activity with several owners', () => {
  it.each([
    [[], null],
    [['done'], 'done'],
    [['done', 'done'], 'done'],
    [['done', 'done-deviation'], 'done-deviation'],
    [['done', 'in-progress'], 'in-progress'],
    [['done', 'in-progress-deviation'], 'in-progress-deviation'],
    [['done-deviation', 'not-started'], 'in-progress-deviation'],
    [['not-started', 'not-started'], 'not-started'],
    [['not-started', 'in-progress'], 'in-progress'],
    [['done', 'on-hold'], 'on-hold'],
    [[null, 'done'], 'done'],
  ] as const)('%j → %s', (statuses, expected) => {
    expect(combineStatuses([...statuses]).status).toBe(expected);
  });

  it('tells whether every owner has reported', () => {
    expect(combineStatuses(['done'], 2)).toEqual({ status: 'done', complete: false });
    expect(combineStatuses(['done', 'in-progress'], 2).complete).toBe(true);
  });
});
