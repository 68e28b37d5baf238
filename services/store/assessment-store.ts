import type { Container } from '@azure/cosmos';
import type { AssessmentDecision, GoalAssessment } from '../domain/model';
import type { AssessmentRepository } from '../ports/repositories';
import { queryPartition, readItem, readModifyWrite, stripSystem } from './cosmos-util';

type AssessmentItem = GoalAssessment & { id: string };

const toAssessment = (item: AssessmentItem): GoalAssessment => {
  const { id: _id, ...a } = stripSystem<AssessmentItem>(item);
  return a;
};

/** Goal assessments in the `assessments` container, partition key /roundId, id = goal ref. */
export class CosmosAssessmentRepository implements AssessmentRepository {
  constructor(private readonly container: Container) {}

  async listByRound(roundId: string): Promise<GoalAssessment[]> {
    return (await queryPartition<AssessmentItem>(this.container, { field: 'roundId', value: roundId })).map(toAssessment);
  }

  async get(roundId: string, goalRef: string): Promise<GoalAssessment | null> {
    const item = await readItem<AssessmentItem>(this.container, goalRef, roundId);
    return item ? toAssessment(item) : null;
  }

  async append(roundId: string, goalRef: string, decision: AssessmentDecision): Promise<GoalAssessment> {
    const item = await readModifyWrite<AssessmentItem>(
      this.container,
      goalRef,
      roundId,
      (current) => ({ ...current, current: decision, history: [...current.history, decision] }),
      () => ({ id: goalRef, roundId, goalRef, current: decision, history: [decision] }),
    );
    return toAssessment(item);
  }
}
