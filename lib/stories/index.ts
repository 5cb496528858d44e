/**
 * Story grouping: which sources are about the same event (group.ts), from the terms of each
 * source (features.ts) weighted by TF-IDF and compared by cosine (similarity.ts: the definition;
 * vectors.ts: the same figures over integer arrays, as the grouping computes them).
 */
export { type StoryInput, sourceTerms } from './features';
export {
  components,
  groupStories,
  type Grouping,
  similarities,
  type Story,
  STORY_THRESHOLD,
  storyId,
} from './group';
export { storyInputs } from './inputs';
export {
  createStoryMemo,
  discrepanciesByStory,
  type StoryDiscrepancies,
  type StoryMemo,
} from './partition';
