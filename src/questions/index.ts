/**
 * Saved questions: the question files (`questions/`, format in src/model/questions.ts), their
 * validation with file:line problems, and the runner that answers one through the GraphStore port.
 */
export { loadQuestions, QuestionFilesError, QUESTIONS_DIR } from './load';
export { runQuestion } from './run';
