/** The ledningsgrupp channel's card renderers, as services/publish receives them. */
import type { ChannelCards } from '../services/publish/channel-cards';
import { renderGoalCard } from './ledningsgrupp-goal-card';
import { renderSummaryCard } from './ledningsgrupp-summary-card';

export const ledningsgruppCards: ChannelCards = { summary: renderSummaryCard, goals: renderGoalCard };
